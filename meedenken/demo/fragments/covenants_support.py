"""Answer fragments for section 1 (the covenants) and section 2 (help for companies)."""

from __future__ import annotations

from meedenken.demo.fragments.base import Bank
from meedenken.demo.fragments.base import Fragment as F

# For the covenant questions "pro" means positive about the covenants.
COVENANT_FRAGMENTS: Bank = {
    "covenants_works": {
        "pro": (
            F(
                "Het convenant bracht bedrijven, vakbonden en ngo's voor het eerst structureel aan "
                "één tafel; dat vertrouwen is waardevol.",
                "The agreement brought companies, trade unions and NGOs to one table in a "
                "structural way for the first time; that trust is valuable.",
            ),
            F(
                "Door samen de risico's in {sector} in kaart te brengen, weten we nu veel beter "
                "waar de grootste problemen zitten.",
                "By mapping the risks in {sector} together, we now know much better where the "
                "biggest problems are.",
                "organisation",
            ),
            F(
                "De openbare lijst met productielocaties heeft de transparantie in de keten echt "
                "vergroot.",
                "The public list of production locations has really increased transparency in "
                "the chain.",
            ),
            F(
                "Het secretariaat bij de SER hielp ons praktisch bij de stappen van de "
                "OESO-richtlijnen voor due diligence.",
                "The secretariat at the SER gave us practical help with the steps of the OECD "
                "due diligence guidance.",
                "business",
            ),
            F(
                "Gezamenlijke projecten, zoals tegen kinderarbeid in de goudwinning, bereiken "
                "meer dan één bedrijf alleen ooit zou kunnen.",
                "Joint projects, such as against child labour in gold mining, achieve more than "
                "one company could ever achieve alone.",
            ),
            F(
                "Klachten van arbeiders kwamen via het convenant sneller op tafel bij de "
                "merken die bij de fabriek inkopen.",
                "Through the agreement, workers' complaints reached the brands buying from the "
                "factory faster.",
                "civil",
            ),
            F(
                "Binnen {covenant} hebben wij samen met ngo's een concreet verbeterplan voor onze"
                " leveranciers gemaakt.",
                "Within {covenant} we drew up a concrete improvement plan for our suppliers together with NGOs.",
                "covenant_member",
            ),
        ),
        "contra": (
            F(
                "Er doet maar een klein deel van de bedrijven mee; de achterblijvers blijven "
                "buiten beeld.",
                "Only a small share of companies takes part; the laggards stay out of sight.",
            ),
            F(
                "Ik zie vooral veel overleg en rapportages, maar weinig aantoonbare verbetering "
                "voor arbeiders in de keten.",
                "I mainly see a lot of meetings and reports, but little demonstrable improvement "
                "for workers in the chain.",
            ),
            F(
                "Wat werkt is hooguit de kennisuitwisseling; de naleving blijft vrijblijvend.",
                "What works is at most the exchange of knowledge; compliance remains optional.",
            ),
            F(
                "Het convenant gaf vooral de grote bedrijven een podium; de effecten voor "
                "arbeiders zijn niet gemeten.",
                "The agreement mainly gave large companies a stage; the effects on workers were "
                "not measured.",
            ),
            F(
                "Ook binnen {covenant} bleef het bij goede bedoelingen zolang niemand werd "
                "aangesproken.",
                "Even within {covenant} it stayed at good intentions as long as nobody was held "
                "to account.",
                "covenant_member",
            ),
        ),
        "any": (
            F(
                "De OESO-richtlijnen als gemeenschappelijk kader geven houvast.",
                "The OECD Guidelines as a common framework give something to hold on to.",
            ),
            F(
                "Het helpt dat bedrijven van elkaar leren hoe ze een risicoanalyse aanpakken.",
                "It helps that companies learn from each other how to approach a risk analysis.",
            ),
            F(
                "De jaarlijkse zelfevaluatie dwingt bedrijven om stil te staan bij hun risico's.",
                "The annual self-assessment makes companies reflect on their risks.",
            ),
        ),
    },
    "covenants_not_working": {
        "pro": (
            F(
                "De rapportage-eisen verschillen per convenant en dat kost veel tijd.",
                "Reporting requirements differ per agreement and that takes a lot of time.",
            ),
            F(
                "De looptijd is te kort om echte verandering in productielanden te bereiken.",
                "The term is too short to achieve real change in producing countries.",
            ),
            F(
                "Het is lastig om kleinere leveranciers mee te krijgen in de afspraken.",
                "It is hard to get smaller suppliers on board with the commitments.",
            ),
            F(
                "De monitoring binnen {covenant} kost veel tijd die wij liever aan verbeteringen "
                "besteden.",
                "Monitoring within {covenant} takes a lot of time that we would rather spend on "
                "improvements.",
                "covenant_member",
            ),
        ),
        "contra": (
            F(
                "Convenanten zijn vrijblijvend: wie niet meedoet, heeft er geen enkel nadeel van.",
                "The agreements are voluntary: whoever does not take part suffers no "
                "disadvantage at all.",
            ),
            F(
                "De dekkingsgraad is veel te laag; in veel sectoren is het doel voor deelname "
                "niet gehaald.",
                "Coverage is far too low; in many sectors the participation target was not met.",
            ),
            F(
                "Getroffen werknemers en gemeenschappen hebben nauwelijks toegang tot een "
                "klachtenmechanisme of herstel.",
                "Affected workers and communities have hardly any access to a grievance "
                "mechanism or remedy.",
            ),
            F(
                "Er zijn geen sancties als een bedrijf zijn afspraken niet nakomt.",
                "There are no sanctions when a company does not keep its commitments.",
            ),
            F(
                "In {covenant} konden bedrijven die hun afspraken niet nakwamen gewoon blijven "
                "meedoen.",
                "In {covenant}, companies that did not keep their commitments could simply stay "
                "on.",
                "covenant_member",
            ),
        ),
        "any": (
            F(
                "Kleine bedrijven hebben niet de mensen om alle vragenlijsten en jaarplannen in "
                "te vullen.",
                "Small companies do not have the staff to fill in all the questionnaires and "
                "annual plans.",
                "sme",
            ),
            F(
                "Voor leveranciers buiten Nederland is onduidelijk wat het convenant van hen "
                "verwacht.",
                "For suppliers outside the Netherlands it is unclear what the agreement expects "
                "of them.",
                "abroad",
            ),
            F(
                "Na afloop van een convenant valt de samenwerking vaak stil omdat er geen "
                "opvolger is.",
                "When an agreement ends, cooperation often stops because there is no successor.",
            ),
        ),
    },
    "covenants_better": {
        "pro": (
            F(
                "Zet de convenanten voort, maar maak ze sectoroverstijgend zodat ook bedrijven "
                "met gemengde ketens kunnen aansluiten.",
                "Continue the agreements, but make them cross-sector so that companies with "
                "mixed supply chains can join too.",
            ),
            F(
                "Koppel de convenanten aan Europese initiatieven, zoals het Duitse "
                "textielpartnerschap.",
                "Link the agreements to European initiatives, such as the German Partnership for "
                "Sustainable Textiles.",
            ),
            F(
                "Wie meedoet en aantoonbaar presteert, zou daarmee aan een toekomstige zorgplicht "
                "moeten voldoen.",
                "Those who take part and perform demonstrably should thereby comply with a future "
                "due diligence obligation.",
            ),
            F(
                "Geef {covenant} een opvolger, met dezelfde partijen aan tafel.",
                "Give {covenant} a successor, with the same parties at the table.",
                "covenant_member",
            ),
        ),
        "contra": (
            F(
                "Maak deelname aan een convenant of een gelijkwaardige aanpak verplicht voor "
                "bedrijven in risicosectoren.",
                "Make participation in an agreement, or an equivalent approach, mandatory for "
                "companies in high-risk sectors.",
            ),
            F(
                "Gebruik de convenanten als uitvoering van een wettelijke zorgplicht, niet als "
                "vervanging ervan.",
                "Use the agreements to implement a legal due diligence obligation, not as a "
                "replacement for it.",
            ),
            F(
                "Betrek vakbonden en arbeiders in productielanden volwaardig bij het toezicht.",
                "Involve trade unions and workers in producing countries fully in the monitoring.",
            ),
            F(
                "Meet de resultaten bij arbeiders en gemeenschappen, niet alleen het aantal "
                "beleidsstukken van bedrijven.",
                "Measure results among workers and communities, not just the number of company "
                "policy documents.",
            ),
            F(
                "Een opvolger van {covenant} heeft alleen zin als er consequenties zijn voor wie "
                "niet levert.",
                "A successor to {covenant} only makes sense if there are consequences for those "
                "who do not deliver.",
                "covenant_member",
            ),
        ),
        "any": (
            F(
                "Maak de voortgang per bedrijf openbaar, zodat consumenten en investeerders "
                "kunnen vergelijken.",
                "Publish progress per company, so that consumers and investors can compare.",
            ),
            F(
                "Zorg voor een eenvoudiger instapniveau voor het mkb.",
                "Provide a simpler entry level for SMEs.",
                "sme",
            ),
        ),
    },
}

# For the support questions "pro" means in favour of mandatory measures.
SUPPORT_FRAGMENTS: Bank = {
    "support_works": {
        "pro": (
            F(
                "Het NCP biedt een laagdrempelige route voor klachten, en de dialoog leidt soms "
                "tot echte afspraken.",
                "The NCP offers an accessible route for complaints, and the dialogue sometimes "
                "leads to real agreements.",
            ),
            F(
                "Subsidies uit het Fonds Verantwoord Ondernemen maakten samenwerking tussen "
                "bedrijven en maatschappelijke organisaties mogelijk.",
                "Grants from the Fund for Responsible Business made cooperation between "
                "companies and civil society organisations possible.",
            ),
            F(
                "Het NCP heeft met zijn eindverklaringen duidelijk gemaakt wat van bedrijven "
                "verwacht mag worden.",
                "Through its final statements the NCP has made clear what can be expected of "
                "companies.",
            ),
        ),
        "contra": (
            F(
                "De MVO Risico Checker geeft snel een eerste beeld van de risico's per land en "
                "product.",
                "The CSR Risk Checker quickly gives a first picture of the risks per country and "
                "product.",
            ),
            F(
                "Met een IMVO-voucher konden wij een adviseur inschakelen voor onderzoek bij "
                "onze leverancier.",
                "With an IRBC voucher we could hire an adviser to investigate our supplier.",
                "small_company",
            ),
            F(
                "Onze branchevereniging organiseert bijeenkomsten waar bedrijven "
                "praktijkervaringen delen.",
                "Our industry association organises meetings where companies share practical "
                "experience.",
                "company",
            ),
        ),
        "any": (
            F(
                "De ambassade ter plaatse hielp aan betrouwbare lokale contacten.",
                "The local embassy helped us find reliable local contacts.",
            ),
            F(
                "Praktische voorbeelden van andere bedrijven werken beter dan algemene "
                "richtlijnen.",
                "Practical examples from other companies work better than general guidelines.",
            ),
            F(
                "De landenrapporten van de ambassades geven een goed beeld van de risico's ter "
                "plaatse.",
                "The embassies' country reports give a good picture of local risks.",
            ),
        ),
    },
    "support_not_working": {
        "pro": (
            F(
                "Ondersteuning bereikt vooral bedrijven die al willen; de achterblijvers worden "
                "niet bereikt.",
                "Support mainly reaches companies that are already willing; the laggards are "
                "not reached.",
            ),
            F(
                "Een NCP-procedure duurt lang en levert voor getroffenen zelden herstel op.",
                "An NCP procedure takes a long time and rarely brings remedy to those affected.",
            ),
            F(
                "Er is geen geld voor herstel wanneer misstanden worden gevonden.",
                "There is no money for remediation when abuses are found.",
            ),
        ),
        "contra": (
            F(
                "Het aanbod is versnipperd: veel loketten, websites en tools, en je weet niet "
                "waar je moet beginnen.",
                "The offer is fragmented: many desks, websites and tools, and you do not know "
                "where to start.",
            ),
            F(
                "Adviseurs zijn duur en subsidies vragen veel administratie van een klein bedrijf.",
                "Advisers are expensive and grants require a lot of paperwork from a small "
                "company.",
                "sme",
            ),
            F(
                "Algemene richtlijnen helpen niet als je een concreet probleem bij een "
                "leverancier hebt en snel moet handelen.",
                "General guidelines do not help when you have a concrete problem at a supplier "
                "and must act quickly.",
            ),
            F(
                "Bedrijven krijgen wel informatie, maar niemand helpt bij het gesprek met een "
                "leverancier die niet wil meewerken.",
                "Companies get information, but nobody helps with the conversation with a "
                "supplier that will not cooperate.",
                "company",
            ),
        ),
        "any": (
            F(
                "Informatie is vaak alleen in het Nederlands beschikbaar, terwijl onze partners "
                "in het buitenland zitten.",
                "Information is often only available in Dutch, while our partners are abroad.",
                "organisation",
            ),
            F(
                "Er is weinig hulp bij de vraag hoe je verantwoord afscheid neemt van een "
                "leverancier zonder de arbeiders te schaden.",
                "There is little help on how to leave a supplier responsibly without harming "
                "the workers.",
            ),
        ),
    },
    "support_better": {
        "pro": (
            F(
                "Richt een fonds voor herstel op, zodat slachtoffers snel geholpen worden.",
                "Set up a remediation fund, so that victims get help quickly.",
            ),
            F(
                "Versterk het NCP met onderzoeksbevoegdheden en verbind gevolgen aan zijn "
                "eindverklaringen.",
                "Strengthen the NCP with investigative powers and attach consequences to its "
                "final statements.",
            ),
            F(
                "Ondersteuning moet samengaan met een wettelijke norm, anders blijft het "
                "vrijblijvend.",
                "Support must go together with a legal standard, otherwise it stays optional.",
            ),
        ),
        "contra": (
            F(
                "Eén centraal steunpunt waar bedrijven met concrete vragen terechtkunnen.",
                "One central support desk where companies can go with concrete questions.",
            ),
            F(
                "Maak sectorspecifieke handreikingen en stappenplannen op maat van het mkb.",
                "Make sector-specific guidance and step-by-step plans tailored to SMEs.",
            ),
            F(
                "Laat ambassades actief helpen met lokale kennis over risico's en betrouwbare "
                "partners.",
                "Let embassies actively help with local knowledge of risks and reliable partners.",
            ),
            F(
                "Maak van het steunpunt één loket voor vragen over de OESO-richtlijnen, de CSDDD "
                "en sectorafspraken.",
                "Make the support desk a single point of contact for questions on the OECD "
                "Guidelines, the CSDDD and sector agreements.",
            ),
        ),
        "any": (
            F(
                "Deel gegevens over risico's en audits tussen bedrijven, zodat niet iedereen "
                "hetzelfde onderzoek doet.",
                "Share data on risks and audits between companies, so that not everyone does "
                "the same research.",
            ),
            F(
                "Zorg dat ondersteuning ook in het Engels en in lokale talen beschikbaar is.",
                "Make sure support is also available in English and in local languages.",
                "abroad",
            ),
            F(
                "Bundel alle hulp in één herkenbare plek, met een telefoonnummer en een mens aan "
                "de lijn.",
                "Bring all help together in one recognisable place, with a phone number and a "
                "person to talk to.",
            ),
        ),
    },
}
