"""How respondents introduce themselves and sign off, per stakeholder type.

An opener's `audience` is a respondent tag: a stakeholder type, a company size, or "abroad".
Placeholders: {sector}, {staff}, {members}, {country}.
"""

from __future__ import annotations

from meedenken.demo.fragments.base import Fragment as F

OPENERS: tuple[F, ...] = (
    F(
        "Wij zijn een familiebedrijf met {staff} medewerkers in {sector}.",
        "We are a family business with {staff} employees in {sector}.",
        "micro",
    ),
    F(
        "Als kleine importeur kopen wij onze producten in {country} in.",
        "As a small importer we buy our products in {country}.",
        "micro",
    ),
    F(
        "Ons bedrijf ({staff} medewerkers) is actief in {sector} en koopt in bij leveranciers "
        "in {country}.",
        "Our company ({staff} employees) works in {sector} and buys from suppliers in {country}.",
        "small",
    ),
    F(
        "Als middelgroot bedrijf in {sector}, met productie in onder meer {country}, hebben wij "
        "de afgelopen jaren flink geïnvesteerd in ketenonderzoek.",
        "As a medium-sized company in {sector}, with production in {country} among other "
        "places, we have invested heavily in supply-chain research in recent years.",
        "medium",
    ),
    F(
        "Wij zijn een groeiend bedrijf met {staff} medewerkers en een inkoopkantoor in {country}.",
        "We are a growing company with {staff} employees and a sourcing office in {country}.",
        "medium",
    ),
    F(
        "Als internationaal bedrijf met circa {staff} medewerkers hebben wij een eigen team "
        "voor ketenverantwoordelijkheid.",
        "As an international company with about {staff} employees we have our own team for "
        "supply-chain responsibility.",
        "large",
    ),
    F(
        "Wij zijn een leverancier in {country} en produceren voor Nederlandse en Europese "
        "afnemers.",
        "We are a supplier in {country} producing for Dutch and European buyers.",
        "abroad_business",
    ),
    F(
        "Wij vertegenwoordigen ruim {members} bedrijven in {sector}, grotendeels mkb.",
        "We represent more than {members} companies in {sector}, mostly SMEs.",
        "sector_association",
    ),
    F(
        "Namens onze leden in {sector} reageren wij op deze consultatie.",
        "We respond to this consultation on behalf of our members in {sector}.",
        "sector_association",
    ),
    F(
        "Onze organisatie werkt al jaren met partners in {country} aan de rechten van arbeiders.",
        "Our organisation has worked with partners in {country} on workers' rights for years.",
        "ngo",
    ),
    F(
        "In ons werk met gemeenschappen rond mijnen en plantages zien wij dagelijks de gevolgen "
        "van misstanden.",
        "In our work with communities around mines and plantations we see the consequences of "
        "abuses every day.",
        "ngo",
    ),
    F(
        "Als vakbond komen wij op voor werknemers, hier en in de productielanden.",
        "As a trade union we stand up for workers, here and in producing countries.",
        "trade_union",
    ),
    F(
        "Samen met zusterbonden in {country} zien wij hoe moeilijk het is om je te organiseren.",
        "Together with sister unions in {country} we see how hard it is to organise.",
        "trade_union",
    ),
    F(
        "Wij doen onderzoek naar internationale ketens in {sector}.",
        "We research international supply chains in {sector}.",
        "knowledge_institute",
    ),
    F(
        "Op basis van onze evaluaties van ketenafspraken willen wij het volgende meegeven.",
        "Based on our evaluations of supply-chain agreements we would like to share the following.",
        "knowledge_institute",
    ),
    F(
        "Als gemeente kopen wij jaarlijks voor miljoenen in en stellen wij eisen aan leveranciers.",
        "As a municipality we buy for millions each year and set requirements for suppliers.",
        "government_body",
    ),
    F(
        "Als uitvoeringsorganisatie zien wij hoe bedrijven met deze regels omgaan.",
        "As an implementing agency we see how companies deal with these rules.",
        "government_body",
    ),
    F(
        "Als partij bij het convenant in {sector} hebben wij van dichtbij gezien hoe de "
        "afspraken uitpakken.",
        "As a party to the agreement in {sector} we have seen up close how the commitments "
        "work out.",
        "covenant_party",
    ),
    F(
        "Als consument wil ik weten onder welke omstandigheden mijn kleding en eten worden "
        "gemaakt.",
        "As a consumer I want to know under which conditions my clothes and food are made.",
        "individual",
    ),
    F(
        "Ik heb jarenlang als inkoper gewerkt in {sector}.",
        "I worked as a buyer in {sector} for many years.",
        "individual",
    ),
    F(
        "Ik woon in {country} en zie de gevolgen van productie voor de Europese markt van "
        "dichtbij.",
        "I live in {country} and see the effects of production for the European market up close.",
        "abroad_individual",
    ),
    F(
        "Als adviesbureau begeleiden wij bedrijven bij hun risicoanalyse.",
        "As a consultancy we guide companies through their risk analysis.",
        "other",
    ),
)

CLOSERS: tuple[F, ...] = (
    F("Graag denken wij verder mee.", "We are happy to keep contributing.", "organisation"),
    F("Ik denk graag verder mee.", "I am happy to keep contributing.", "individual"),
    F("Dank voor de mogelijkheid om te reageren.", "Thank you for the opportunity to respond."),
    F(
        "Wij lichten dit graag toe in een gesprek.",
        "We would be glad to explain this in a meeting.",
        "organisation",
    ),
    F("Succes met de evaluatie.", "Good luck with the evaluation."),
)

# What some respondents type in an optional box they have little to say in.
SHORT_ANSWERS: tuple[F, ...] = (
    F("Geen mening.", "No opinion."),
    F("Weet ik niet.", "I don't know."),
    F("Zie mijn antwoord hierboven.", "See my answer above."),
    F("Geen aanvulling.", "Nothing to add."),
    F("Idem.", "Same as above."),
)
