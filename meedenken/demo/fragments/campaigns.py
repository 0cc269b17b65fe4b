"""Template texts of two (fictitious) campaigns, so that the demo has near-duplicate responses.

An NGO campaign asks its supporters to send in a prepared text; a business association gives
its members a template. Respondents vary the texts a little: a personal first line, a word
changed, a sentence left out.
"""

from __future__ import annotations

from meedenken.demo.fragments.base import Fragment as F

NGO_CAMPAIGN = "eerlijke-ketens-nu"
ASSOCIATION_TEMPLATE = "vhdp-ledenreactie"

NGO_PERSONAL_LINES: tuple[F, ...] = (
    F("Als ouder vind ik dit heel belangrijk.", "As a parent I think this is very important."),
    F(
        "Ik koop zo veel mogelijk bewust in, maar als consument kan ik het niet alleen.",
        "I try to shop responsibly, but as a consumer I cannot do it alone.",
    ),
    F(
        "Ik heb zelf gezien hoe kinderen in de mijnen werken.",
        "I have seen for myself how children work in the mines.",
    ),
    F("Het is tijd voor actie.", "It is time for action."),
    F(
        "Ik werk in de zorg en zie elke dag hoe belangrijk goede arbeidsomstandigheden zijn.",
        "I work in healthcare and see every day how important good working conditions are.",
    ),
    F("Dit gaat mij echt aan het hart.", "This really matters to me."),
)

# The campaign's text: the sentences of a supporter's answer, in order; the generator may drop
# the ones marked optional.
NGO_PROPOSAL: tuple[tuple[F, bool], ...] = (
    (
        F(
            "Ik steun de oproep van de campagne Eerlijke Ketens Nu.",
            "I support the call of the Fair Supply Chains Now campaign.",
        ),
        False,
    ),
    (
        F(
            "Nederland moet niet langer wachten: voer een wettelijke zorgplicht in voor alle "
            "bedrijven, zodat kinderarbeid, uitbuiting en milieuschade in de keten worden "
            "voorkomen.",
            "The Netherlands must not wait any longer: introduce a legal due diligence "
            "obligation for all companies, so that child labour, exploitation and environmental "
            "damage in supply chains are prevented.",
        ),
        False,
    ),
    (
        F(
            "Vrijwillige afspraken zijn niet genoeg gebleken.",
            "Voluntary commitments have proven not to be enough.",
        ),
        True,
    ),
    (
        F(
            "Slachtoffers moeten toegang krijgen tot de Nederlandse rechter.",
            "Victims must have access to the Dutch courts.",
        ),
        True,
    ),
)
NGO_WORD_SWAPS: tuple[tuple[str, str], ...] = (
    ("voorkomen", "aangepakt"),
    ("niet langer wachten", "nu doorpakken"),
    ("prevented", "tackled"),
    ("must not wait any longer", "must act now"),
)
NGO_PLAYING_FIELD = F(
    "Eén wettelijke norm voor alle bedrijven: dan hebben bedrijven die het goed doen geen nadeel "
    "meer.",
    "One legal standard for all companies: then companies that do the right thing are no "
    "longer at a disadvantage.",
)
NGO_COVENANTS = F(
    "De convenanten waren een begin, maar te weinig bedrijven doen mee.",
    "The agreements were a start, but too few companies take part.",
)

ASSOCIATION_PROPOSAL: tuple[tuple[F, bool], ...] = (
    (
        F(
            "Wij sluiten ons aan bij de inbreng van de Vereniging Handel in Duurzame Producten.",
            "We endorse the submission of the Association for Trade in Sustainable Products.",
        ),
        False,
    ),
    (
        F(
            "Een zorgplicht moet Europees geregeld worden, zodat er een gelijk speelveld ontstaat.",
            "A due diligence obligation must be set at European level, so that there is a "
            "level playing field.",
        ),
        False,
    ),
    (
        F(
            "Houd rekening met de beperkte invloed en capaciteit van mkb-bedrijven en zorg voor "
            "een steunpunt met praktische hulp.",
            "Take the limited leverage and capacity of SMEs into account and provide a support "
            "desk with practical help.",
        ),
        False,
    ),
    (
        F(
            "Een aparte Nederlandse wet leidt tot extra lasten zonder dat de situatie in "
            "productielanden verbetert.",
            "A separate Dutch law adds burdens without improving the situation in producing "
            "countries.",
        ),
        True,
    ),
)
ASSOCIATION_WORD_SWAPS: tuple[tuple[str, str], ...] = (
    ("extra lasten", "onnodige lasten"),
    ("praktische hulp", "concrete hulp"),
)
ASSOCIATION_PLAYING_FIELD = F(
    "Europese regels en geen nationale kop; proportionele eisen voor het mkb.",
    "European rules and no national extras; proportionate requirements for SMEs.",
)
ASSOCIATION_OPENER = F("Namens {org}:", "On behalf of {org}:")
