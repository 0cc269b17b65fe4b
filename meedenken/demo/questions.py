"""The seven sections of the IMVO consultation and their questions (stable keys, NL and EN).

Sections 1-6 each ask what works, what does not work and how it can be better (open text) and
add one or two closed questions, so that every question kind appears in the demo.
"""

from __future__ import annotations

from meedenken.consultations.models import QuestionKind
from meedenken.demo.spec import ChoiceSpec, QuestionSpec, SectionSpec, Text

AGREE_LOW = Text("Helemaal mee oneens", "Strongly disagree")
AGREE_HIGH = Text("Helemaal mee eens", "Strongly agree")


def open_question(
    key: str, text: Text, help_text: Text, *, required: bool = False, max_length: int = 2500
) -> QuestionSpec:
    return QuestionSpec(
        key=key,
        kind=QuestionKind.OPEN_TEXT,
        text=text,
        help=help_text,
        required=required,
        max_length=max_length,
    )


def works_questions(prefix: str, topic: Text, *, required: str = "") -> tuple[QuestionSpec, ...]:
    """The three recurring questions: what works, what does not work, how can it be better.

    `required` names the aspect ("works", "not_working", "better") that must be answered.
    """
    aspects = (
        (
            "works",
            Text(f"Wat werkt er wel bij {topic.nl}?", f"What works in {topic.en}?"),
            Text(
                "Beschrijf wat u in de praktijk ziet werken, met een voorbeeld als dat kan.",
                "Describe what you see working in practice, with an example if possible.",
            ),
        ),
        (
            "not_working",
            Text(f"Wat werkt er niet bij {topic.nl}?", f"What does not work in {topic.en}?"),
            Text(
                "Waar loopt u tegenaan? Wat heeft niet het effect dat bedoeld was?",
                "What problems do you run into? What does not have the intended effect?",
            ),
        ),
        (
            "better",
            Text(f"Wat kan er beter bij {topic.nl}?", f"How can {topic.en} be improved?"),
            Text(
                "Geef zo concreet mogelijk aan wat er anders moet en wie dat zou moeten doen.",
                "Please be as specific as possible about what should change and who should act.",
            ),
        ),
    )
    return tuple(
        open_question(f"{prefix}_{aspect}", text, help_text, required=aspect == required)
        for aspect, text, help_text in aspects
    )


def choices(*items: tuple[str, str, str]) -> tuple[ChoiceSpec, ...]:
    return tuple(ChoiceSpec(value, Text(nl, en)) for value, nl, en in items)


COVENANTS = SectionSpec(
    title=Text("De IMVO-convenanten", "The IRBC agreements"),
    intro=Text(
        "Sinds 2014 hebben bedrijven, brancheorganisaties, maatschappelijke organisaties, "
        "vakbonden en de overheid in sectorconvenanten afspraken gemaakt om risico's voor mens "
        "en milieu in de keten aan te pakken, onder meer in kleding en textiel, banken, goud, "
        "voedingsmiddelen, sierteelt, metaal, natuursteen, verzekeraars en pensioenfondsen. "
        "Wij willen weten wat deze convenanten hebben opgeleverd.",
        "Since 2014 companies, industry associations, civil society organisations, trade unions "
        "and the government have made sector agreements to address risks to people and the "
        "environment in supply chains, for example in garments and textile, banking, gold, food "
        "products, floriculture, metals, natural stone, insurance and pension funds. We want to "
        "know what these agreements have achieved.",
    ),
    questions=(
        QuestionSpec(
            key="covenant_experience",
            kind=QuestionKind.SINGLE_CHOICE,
            text=Text(
                "Welke ervaring heeft u met de IMVO-convenanten?",
                "What is your experience with the IRBC agreements?",
            ),
            help=Text("Kies wat het beste past.", "Choose the answer that fits best."),
            required=True,
            choices=choices(
                (
                    "party",
                    "Mijn organisatie is (of was) partij",
                    "My organisation is (or was) a party",
                ),
                (
                    "considered",
                    "Overwogen, maar niet aangesloten",
                    "Considered joining, but did not",
                ),
                ("aware", "Ik ken ze, maar ben niet betrokken", "I know them but am not involved"),
                ("unknown", "Ik ken ze niet", "I do not know them"),
            ),
        ),
        QuestionSpec(
            key="covenant_effect",
            kind=QuestionKind.SCALE,
            text=Text(
                "De convenanten hebben de omstandigheden in de keten merkbaar verbeterd.",
                "The agreements have noticeably improved conditions in the supply chain.",
            ),
            help=Text(
                "Laat deze vraag leeg als u het niet kunt beoordelen.",
                "Leave this question empty if you cannot judge this.",
            ),
            scale_low=AGREE_LOW,
            scale_high=AGREE_HIGH,
        ),
        *works_questions(
            "covenants",
            Text("de IMVO-convenanten", "the IRBC agreements"),
        ),
    ),
)

HELP_FOR_COMPANIES = SectionSpec(
    title=Text(
        "Hulp voor bedrijven die misstanden in hun keten tegenkomen",
        "Help for companies that encounter abuses in their supply chain",
    ),
    intro=Text(
        "Ondanks goede intenties kunnen bedrijven hulp gebruiken als ze misstanden als "
        "uitbuiting, kinderarbeid of milieuschade in hun keten tegenkomen. Welke hulp is er nu, "
        "en wat is er nodig?",
        "Despite good intentions, companies can use help when they find abuses such as "
        "exploitation, child labour or environmental damage in their supply chain. What help "
        "exists now, and what is needed?",
    ),
    questions=(
        QuestionSpec(
            key="support_used",
            kind=QuestionKind.MULTIPLE_CHOICE,
            text=Text(
                "Van welke ondersteuning heeft u (of uw achterban) gebruikgemaakt?",
                "Which support have you (or your members) used?",
            ),
            help=Text("Kies alles wat van toepassing is.", "Choose all that apply."),
            choices=choices(
                ("mvo_risk_checker", "De MVO Risico Checker", "The CSR Risk Checker"),
                (
                    "ncp",
                    "Het Nationaal Contactpunt OESO-richtlijnen (NCP)",
                    "The National Contact Point for the OECD Guidelines (NCP)",
                ),
                (
                    "fvo",
                    "Fonds Verantwoord Ondernemen (FVO)",
                    "Fund for Responsible Business (FVO)",
                ),
                (
                    "imvo_vouchers",
                    "IMVO-vouchers van MVO Nederland",
                    "IRBC vouchers (MVO Nederland)",
                ),
                (
                    "covenant_secretariat",
                    "Het convenantensecretariaat bij de SER",
                    "The agreements secretariat at the SER",
                ),
                ("embassy", "Een ambassade of consulaat", "An embassy or consulate"),
                (
                    "sector_association",
                    "Mijn branchevereniging",
                    "My sector or industry association",
                ),
                ("none", "Geen", "None"),
            ),
        ),
        *works_questions(
            "support",
            Text(
                "de hulp aan bedrijven die misstanden tegenkomen",
                "the help for companies that encounter abuses",
            ),
        ),
    ),
)

LEVEL_PLAYING_FIELD = SectionSpec(
    title=Text(
        "Een gelijk speelveld: zijn aanvullende of dwingende maatregelen nodig?",
        "A level playing field: are additional or mandatory measures needed?",
    ),
    intro=Text(
        "Bedrijven die zich aan de normen houden ervaren soms een nadeel, omdat concurrenten "
        "het niet zo nauw nemen met productieomstandigheden. Wij bekijken of aanvullende of "
        "dwingende maatregelen nodig zijn, en op welk niveau.",
        "Companies that comply with the standards sometimes experience a disadvantage, because "
        "competitors are less particular about production conditions. We are considering whether "
        "additional or mandatory measures are needed, and at which level.",
    ),
    questions=(
        QuestionSpec(
            key="mandatory_needed",
            kind=QuestionKind.SCALE,
            text=Text(
                "Er zijn aanvullende of dwingende maatregelen nodig om misstanden in de keten "
                "te voorkomen.",
                "Additional or mandatory measures are needed to prevent abuses in supply chains.",
            ),
            required=True,
            scale_low=AGREE_LOW,
            scale_high=AGREE_HIGH,
        ),
        QuestionSpec(
            key="regulation_level",
            kind=QuestionKind.SINGLE_CHOICE,
            text=Text(
                "Op welk niveau zou een zorgplicht voor bedrijven het beste geregeld kunnen "
                "worden?",
                "At which level would a due diligence obligation for companies best be set?",
            ),
            choices=choices(
                ("eu", "Europees, voor alle lidstaten tegelijk", "European, for all member states"),
                (
                    "national_then_eu",
                    "Nationaal, vooruitlopend op Europese regels",
                    "National, ahead of European rules",
                ),
                (
                    "national_if_eu_fails",
                    "Nationaal, alleen als Europa niet optreedt",
                    "National, only if the EU does not act",
                ),
                ("voluntary", "Geen wettelijke plicht, vrijwillig", "No legal duty, voluntary"),
                ("no_opinion", "Geen mening", "No opinion"),
            ),
        ),
        QuestionSpec(
            key="instrument_ranking",
            kind=QuestionKind.RANKING,
            text=Text(
                "Zet deze beleidsinstrumenten in volgorde: welk instrument maakt het meeste "
                "verschil voor mens en milieu?",
                "Put these policy instruments in order: which makes the most difference for "
                "people and the environment?",
            ),
            help=Text(
                "Bovenaan staat het instrument dat volgens u het meeste verschil maakt.",
                "Put the instrument you think makes the most difference at the top.",
            ),
            choices=choices(
                (
                    "due_diligence_law",
                    "Een wettelijke zorgplicht (due diligence)",
                    "A legal due diligence obligation",
                ),
                (
                    "sector_agreements",
                    "Sectorconvenanten en samenwerking",
                    "Sector agreements and cooperation",
                ),
                (
                    "support_conditions",
                    "Voorwaarden aan overheidssteun (handelsmissies, subsidies, exportkrediet)",
                    "Conditions on government support (trade missions, grants, export credit)",
                ),
                (
                    "information_support",
                    "Voorlichting en een steunpunt voor bedrijven",
                    "Information and a support desk for companies",
                ),
                (
                    "public_procurement",
                    "Eisen bij overheidsinkoop",
                    "Requirements in public procurement",
                ),
            ),
        ),
        *works_questions(
            "playing_field",
            Text("het huidige speelveld", "the current playing field"),
            required="better",
        ),
    ),
)

OTHER_COUNTRIES = SectionSpec(
    title=Text("Hoe andere landen het aanpakken", "How other countries handle it"),
    intro=Text(
        "Verschillende landen hebben wetten over zorgplicht of transparantie in de keten, zoals "
        "Frankrijk, het Verenigd Koninkrijk en Australië; ook op Europees niveau wordt gewerkt "
        "aan regels. Zie het overzicht bij de documenten.",
        "Several countries have laws on due diligence or supply-chain transparency, such as "
        "France, the United Kingdom and Australia; rules are also being developed at European "
        "level. See the overview among the documents.",
    ),
    questions=(
        QuestionSpec(
            key="countries_known",
            kind=QuestionKind.MULTIPLE_CHOICE,
            text=Text(
                "Met de aanpak van welke landen heeft u ervaring of bent u bekend?",
                "With which countries' approaches do you have experience or familiarity?",
            ),
            help=Text("Kies alles wat van toepassing is.", "Choose all that apply."),
            # The jurisdictions in shared/data/imvo/laws.csv.
            choices=choices(
                ("france", "Frankrijk (Loi de vigilance)", "France (Duty of Vigilance Law)"),
                ("germany", "Duitsland (Lieferkettengesetz)", "Germany (Supply Chain Act)"),
                (
                    "united_kingdom",
                    "Verenigd Koninkrijk (Modern Slavery Act)",
                    "United Kingdom (Modern Slavery Act)",
                ),
                ("norway", "Noorwegen (Transparantiewet)", "Norway (Transparency Act)"),
                (
                    "switzerland",
                    "Zwitserland (conflictmineralen en kinderarbeid)",
                    "Switzerland (conflict minerals and child labour)",
                ),
                (
                    "european_union",
                    "Europese Unie (o.a. conflictmineralen, CSDDD)",
                    "European Union (e.g. conflict minerals, CSDDD)",
                ),
                (
                    "california",
                    "Californië (Transparency in Supply Chains Act)",
                    "California (Transparency in Supply Chains Act)",
                ),
                ("australia", "Australië (Modern Slavery Act)", "Australia (Modern Slavery Act)"),
                (
                    "united_states",
                    "Verenigde Staten (Dodd-Frank, conflictmineralen)",
                    "United States (Dodd-Frank, conflict minerals)",
                ),
                ("canada", "Canada (wet tegen dwang- en kinderarbeid)", "Canada (Bill S-211)"),
            ),
        ),
        *works_questions(
            "countries",
            Text("de aanpak in andere landen", "other countries' approaches"),
        ),
    ),
)

OPPORTUNITIES_OBSTACLES = SectionSpec(
    title=Text(
        "Mogelijkheden en obstakels voor bedrijven",
        "Opportunities and obstacles for companies",
    ),
    intro=Text(
        "Welke kansen biedt verantwoord ondernemen, en wat houdt bedrijven tegen? Wij horen "
        "graag van bedrijven van elke omvang, en van wie met hen samenwerkt.",
        "What opportunities does responsible business conduct offer, and what holds companies "
        "back? We would like to hear from companies of every size, and from those who work with "
        "them.",
    ),
    questions=(
        QuestionSpec(
            key="obstacles_experienced",
            kind=QuestionKind.MULTIPLE_CHOICE,
            text=Text(
                "Welke obstakels ervaren bedrijven het meest?",
                "Which obstacles do companies experience most?",
            ),
            help=Text(
                "Kies hoogstens de drie belangrijkste.", "Choose at most the three main ones."
            ),
            choices=choices(
                (
                    "supply_chain_visibility",
                    "Geen zicht op de keten voorbij de eerste leverancier",
                    "No view of the chain beyond the first supplier",
                ),
                ("limited_leverage", "Te weinig invloed op leveranciers", "Too little leverage"),
                ("costs", "Kosten en tijd", "Costs and time"),
                (
                    "unfair_competition",
                    "Concurrenten die het niet zo nauw nemen",
                    "Competitors who are less particular",
                ),
                (
                    "fragmented_rules",
                    "Verschillende regels per land",
                    "Different rules in different countries",
                ),
                ("lack_of_expertise", "Gebrek aan kennis", "Lack of expertise"),
                (
                    "buyer_pressure",
                    "Prijsdruk van afnemers",
                    "Price pressure from buyers",
                ),
            ),
        ),
        QuestionSpec(
            key="rbc_advantage",
            kind=QuestionKind.SCALE,
            text=Text(
                "Verantwoord ondernemen levert bedrijven een concurrentievoordeel op.",
                "Responsible business conduct gives companies a competitive advantage.",
            ),
            scale_low=AGREE_LOW,
            scale_high=AGREE_HIGH,
        ),
        open_question(
            "opportunities",
            Text(
                "Welke mogelijkheden ziet u voor bedrijven?",
                "Which opportunities do you see for companies?",
            ),
            Text(
                "Bijvoorbeeld nieuwe markten, sterkere relaties met leveranciers of "
                "betrouwbaarheid voor klanten en investeerders.",
                "For example new markets, stronger supplier relations or credibility with "
                "customers and investors.",
            ),
        ),
        *works_questions(
            "obstacles",
            Text(
                "het wegnemen van obstakels voor bedrijven",
                "removing obstacles for companies",
            ),
        ),
    ),
)

CHILD_LABOUR_ACT = SectionSpec(
    title=Text(
        "De uitwerking van de Wet zorgplicht kinderarbeid",
        "Implementing the Child Labour Due Diligence Act",
    ),
    intro=Text(
        "De Wet zorgplicht kinderarbeid is aangenomen (Eerste Kamer, 14 mei 2019). Bedrijven "
        "die goederen of diensten aan Nederlandse eindgebruikers leveren, moeten onderzoeken of "
        "er een redelijk vermoeden van kinderarbeid in hun keten is, zo nodig een plan van "
        "aanpak maken, en een verklaring van gepaste zorgvuldigheid indienen. Veel is nog uit "
        "te werken in een algemene maatregel van bestuur, zoals de toezichthouder en de vorm "
        "van de verklaring.",
        "The Child Labour Due Diligence Act has been passed (Senate, 14 May 2019). Companies "
        "that supply goods or services to Dutch end-users must investigate whether there is a "
        "reasonable suspicion of child labour in their supply chain, draw up a plan of action "
        "where needed, and file a due diligence statement. Much is still to be worked out in an "
        "implementing order, such as the regulator and the form of the statement.",
    ),
    questions=(
        QuestionSpec(
            key="child_labour_needs",
            kind=QuestionKind.MULTIPLE_CHOICE,
            text=Text(
                "Wat is het meest nodig voor een goede uitvoering van de wet?",
                "What is most needed to implement the Act well?",
            ),
            help=Text("Kies alles wat van toepassing is.", "Choose all that apply."),
            choices=choices(
                (
                    "clear_definition",
                    "Een heldere definitie van kinderarbeid en 'redelijk vermoeden'",
                    "A clear definition of child labour and 'reasonable suspicion'",
                ),
                (
                    "practical_guidance",
                    "Praktische handreikingen en voorbeelden",
                    "Practical guidance and examples",
                ),
                (
                    "designated_regulator",
                    "Duidelijkheid over de toezichthouder",
                    "Clarity about the regulator",
                ),
                (
                    "sme_proportionality",
                    "Proportionele eisen voor het mkb",
                    "Proportionate requirements for SMEs",
                ),
                (
                    "eu_alignment",
                    "Aansluiting op Europese regels",
                    "Alignment with European rules",
                ),
                (
                    "local_support",
                    "Steun voor herstel en scholing ter plaatse",
                    "Support for remedy and schooling locally",
                ),
            ),
        ),
        QuestionSpec(
            key="child_labour_readiness",
            kind=QuestionKind.SCALE,
            text=Text(
                "Bedrijven in mijn sector zijn voorbereid op de Wet zorgplicht kinderarbeid.",
                "Companies in my sector are prepared for the Child Labour Due Diligence Act.",
            ),
            help=Text(
                "Laat deze vraag leeg als u het niet kunt beoordelen.",
                "Leave this question empty if you cannot judge this.",
            ),
            scale_low=AGREE_LOW,
            scale_high=AGREE_HIGH,
        ),
        *works_questions(
            "child_labour",
            Text(
                "de voorbereiding op de Wet zorgplicht kinderarbeid",
                "the preparation for the Child Labour Due Diligence Act",
            ),
        ),
    ),
)

PROPOSALS = SectionSpec(
    title=Text("Uw voorstellen", "Your proposals"),
    intro=Text(
        "Wij nodigen u uit om mee te denken over maatregelen die verschil kunnen maken voor "
        "mens en milieu, en ook uitvoerbaar zijn.",
        "We invite you to help us think about measures that can make a difference for people "
        "and the environment, and that are also feasible.",
    ),
    questions=(
        open_question(
            "proposals",
            Text(
                "Welke maatregelen stelt u voor?",
                "Which measures do you propose?",
            ),
            Text(
                "Noem bij voorkeur één tot drie maatregelen en waarom ze verschil maken.",
                "Preferably name one to three measures and why they make a difference.",
            ),
            required=True,
            max_length=5000,
        ),
        open_question(
            "proposals_feasibility",
            Text(
                "Wat is nodig om uw voorstellen uitvoerbaar te maken?",
                "What is needed to make your proposals feasible?",
            ),
            Text(
                "Denk aan tijdpad, kosten, ondersteuning en wie wat doet.",
                "Think of timing, costs, support and who does what.",
            ),
        ),
    ),
)

SECTIONS: tuple[SectionSpec, ...] = (
    COVENANTS,
    HELP_FOR_COMPANIES,
    LEVEL_PLAYING_FIELD,
    OTHER_COUNTRIES,
    OPPORTUNITIES_OBSTACLES,
    CHILD_LABOUR_ACT,
    PROPOSALS,
)
