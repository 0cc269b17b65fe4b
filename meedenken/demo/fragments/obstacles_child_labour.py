"""Answer fragments for section 5 (opportunities and obstacles) and section 6 (the Child Labour
Due Diligence Act). "pro" means in favour of mandatory measures."""

from __future__ import annotations

from meedenken.demo.fragments.base import Bank
from meedenken.demo.fragments.base import Fragment as F

OBSTACLE_FRAGMENTS: Bank = {
    "opportunities": {
        "pro": (
            F(
                "Een duidelijke norm maakt verantwoord ondernemen de standaard, en geen "
                "concurrentienadeel meer.",
                "A clear standard makes responsible business the norm, and no longer a "
                "competitive disadvantage.",
            ),
            F(
                "Bedrijven die nu investeren, zijn straks klaar voor Europese regels.",
                "Companies that invest now will be ready for European rules.",
            ),
            F(
                "Een wettelijke norm maakt het gesprek met leveranciers makkelijker: het is dan "
                "geen keuze meer.",
                "A legal standard makes the conversation with suppliers easier: it is no longer "
                "optional.",
            ),
        ),
        "contra": (
            F(
                "Verantwoorde producten openen deuren bij grote afnemers en overheden die "
                "duurzaam inkopen.",
                "Responsible products open doors with large buyers and governments that buy "
                "sustainably.",
            ),
            F(
                "Lange relaties met leveranciers leveren betere kwaliteit en betrouwbaarheid op.",
                "Long relationships with suppliers bring better quality and reliability.",
            ),
            F(
                "Verantwoord ondernemen is een verkoopargument bij professionele klanten.",
                "Responsible business is a selling point with professional customers.",
                "business",
            ),
        ),
        "any": (
            F(
                "Jongere medewerkers kiezen bewust voor werkgevers die verantwoord ondernemen.",
                "Younger employees deliberately choose employers that act responsibly.",
            ),
            F(
                "Transparantie over de keten versterkt het vertrouwen van klanten en "
                "investeerders.",
                "Supply-chain transparency strengthens the trust of customers and investors.",
            ),
            F(
                "Samenwerking met lokale partners levert innovatie op, bijvoorbeeld in "
                "traceerbaarheid.",
                "Working with local partners brings innovation, for example in traceability.",
            ),
        ),
    },
    "obstacles_works": {
        "pro": (
            F(
                "Gezamenlijke inkoopeisen binnen de sector vergroten de invloed op leveranciers.",
                "Joint purchasing requirements within the sector increase leverage over suppliers.",
            ),
            F(
                "Waar vakbonden ter plaatse betrokken zijn, worden problemen sneller gesignaleerd "
                "en opgelost.",
                "Where local trade unions are involved, problems are spotted and solved faster.",
            ),
            F(
                "Waar afnemers samen optrekken, verbeteren fabrieken hun omstandigheden sneller.",
                "Where buyers act together, factories improve their conditions faster.",
            ),
        ),
        "contra": (
            F(
                "Sectorbrede tools en gedeelde audits verlagen de kosten per bedrijf.",
                "Sector-wide tools and shared audits lower the cost per company.",
            ),
            F(
                "Praktische hulp van de branchevereniging maakt de drempel lager.",
                "Practical help from the industry association lowers the threshold.",
                "business",
            ),
            F(
                "Stap voor stap beginnen, met de grootste risico's eerst, maakt het behapbaar.",
                "Starting step by step, with the biggest risks first, makes it manageable.",
            ),
        ),
        "any": (
            F(
                "Digitale traceerbaarheid helpt om verder te kijken dan de eerste schakel.",
                "Digital traceability helps to look beyond the first link in the chain.",
            ),
            F(
                "Lange contracten geven leveranciers ruimte om te investeren in betere "
                "omstandigheden.",
                "Long-term contracts give suppliers room to invest in better conditions.",
            ),
        ),
    },
    "obstacles_not_working": {
        "pro": (
            F(
                "Inkooppraktijken zoals korte levertijden en lage prijzen veroorzaken zelf de "
                "misstanden.",
                "Purchasing practices such as short lead times and low prices cause the abuses "
                "themselves.",
            ),
            F(
                "Bedrijven zeggen geen invloed te hebben, maar gebruiken de invloed die ze wel "
                "hebben niet.",
                "Companies say they have no leverage, but do not use the leverage they do have.",
            ),
            F(
                "Auditrapporten geven een momentopname en missen de echte problemen, zoals "
                "gedwongen overwerk.",
                "Audit reports give a snapshot and miss the real problems, such as forced "
                "overtime.",
            ),
        ),
        "contra": (
            F(
                "Als klein bedrijf hebben wij geen invloed op een leverancier die voor honderden "
                "klanten produceert.",
                "As a small company we have no leverage over a supplier that produces for "
                "hundreds of customers.",
                "small_company",
            ),
            F(
                "De kosten van audits en certificering zijn voor kleine bedrijven onevenredig "
                "hoog.",
                "The costs of audits and certification are disproportionately high for small "
                "companies.",
            ),
            F(
                "Elke afnemer vraagt een eigen vragenlijst; dat stapelt zich op bij leveranciers.",
                "Every buyer asks for its own questionnaire; that piles up at suppliers.",
            ),
        ),
        "any": (
            F(
                "Verder dan de eerste leverancier is de keten vaak onzichtbaar.",
                "Beyond the first supplier the chain is often invisible.",
            ),
            F(
                "Er is te weinig betrouwbare informatie over de omstandigheden ter plaatse.",
                "There is too little reliable information about local conditions.",
            ),
        ),
    },
    "obstacles_better": {
        "pro": (
            F(
                "Verplicht bedrijven om hun eigen inkooppraktijken mee te nemen in de "
                "risicoanalyse.",
                "Require companies to include their own purchasing practices in the risk analysis.",
            ),
            F(
                "Geef leveranciers en arbeiders een stem via klachtenmechanismen die echt werken.",
                "Give suppliers and workers a voice through grievance mechanisms that really work.",
            ),
            F(
                "Maak bedrijven verantwoordelijk voor hun hele keten, niet alleen voor de eerste "
                "leverancier.",
                "Make companies responsible for their entire chain, not only the first supplier.",
            ),
        ),
        "contra": (
            F(
                "Ontwikkel één gezamenlijke vragenlijst en database voor de hele sector.",
                "Develop one shared questionnaire and database for the whole sector.",
            ),
            F(
                "Vergoed een deel van de kosten voor het mkb, bijvoorbeeld met vouchers.",
                "Cover part of the costs for SMEs, for example with vouchers.",
            ),
            F(
                "Erken bestaande keurmerken en audits, zodat bedrijven niet alles dubbel hoeven "
                "te doen.",
                "Recognise existing labels and audits, so that companies do not have to do "
                "everything twice.",
            ),
        ),
        "any": (
            F(
                "Investeer in traceerbaarheid en in betrouwbare gegevens over risico's per land.",
                "Invest in traceability and in reliable data on risks per country.",
            ),
            F(
                "Help leveranciers in productielanden met training, niet alleen met controles.",
                "Help suppliers in producing countries with training, not just inspections.",
            ),
        ),
    },
}

CHILD_LABOUR_FRAGMENTS: Bank = {
    "child_labour_works": {
        "pro": (
            F(
                "De wet maakt duidelijk dat kinderarbeid in de keten geen vrijblijvende kwestie "
                "meer is.",
                "The Act makes clear that child labour in the chain is no longer optional "
                "territory.",
            ),
            F(
                "Door de wet zijn bedrijven al begonnen hun ketens door te lichten.",
                "Because of the Act, companies have already started to screen their supply chains.",
            ),
            F(
                "De klachtenprocedure geeft betrokkenen een manier om een bedrijf aan te spreken.",
                "The complaints procedure gives those affected a way to hold a company to account.",
            ),
        ),
        "contra": (
            F(
                "De ILO-IOE Child Labour Guidance Tool is een bruikbaar hulpmiddel.",
                "The ILO-IOE Child Labour Guidance Tool is a useful instrument.",
            ),
            F(
                "Sectorprojecten tegen kinderarbeid laten zien dat samenwerking resultaat heeft.",
                "Sector projects against child labour show that cooperation gets results.",
            ),
            F(
                "Bedrijven die al in een convenant zitten, hebben hun ketens grotendeels in beeld.",
                "Companies that are already in an agreement have largely mapped their supply "
                "chains.",
            ),
        ),
        "any": (
            F(
                "Het is goed dat de wet aansluit bij de internationale normen van de ILO.",
                "It is good that the Act follows the international standards of the ILO.",
            ),
            F(
                "Kinderarbeid is een helder onderwerp waar iedereen achter staat.",
                "Child labour is a clear issue that everyone supports tackling.",
            ),
        ),
    },
    "child_labour_not_working": {
        "pro": (
            F(
                "De wet is aangenomen maar nog niet in werking; dat geeft onzekerheid en uitstel.",
                "The Act has been passed but is not yet in force; that creates uncertainty and "
                "delay.",
            ),
            F(
                "De wet beperkt zich tot kinderarbeid, terwijl dwangarbeid en te lage lonen net "
                "zo ernstig zijn.",
                "The Act is limited to child labour, while forced labour and low wages are just "
                "as serious.",
            ),
            F(
                "Alleen een verklaring indienen zegt nog niets over wat een bedrijf echt doet.",
                "Filing a statement alone says nothing about what a company really does.",
            ),
        ),
        "contra": (
            F(
                "Het is onduidelijk wat een 'redelijk vermoeden' is en hoe de verklaring eruit "
                "moet zien.",
                "It is unclear what a 'reasonable suspicion' is and what the statement should "
                "look like.",
            ),
            F(
                "Een verklaring voor elk bedrijf dat aan Nederlandse eindgebruikers levert, is "
                "voor het mkb een zware last.",
                "A statement from every company that supplies Dutch end-users is a heavy burden "
                "for SMEs.",
                "sme",
            ),
            F(
                "Een aparte Nederlandse wet naast Europese regels leidt tot dubbele "
                "verplichtingen.",
                "A separate Dutch law next to European rules leads to double obligations.",
            ),
        ),
        "any": (
            F(
                "Er is nog geen toezichthouder aangewezen, dus niemand weet waar je terechtkunt.",
                "No regulator has been designated yet, so nobody knows where to turn.",
            ),
            F(
                "Kinderarbeid zit vaak diep in de keten, bij thuiswerk en kleine mijnen, waar "
                "niemand zicht op heeft.",
                "Child labour is often deep in the chain, in home work and small mines, where "
                "nobody has a view.",
            ),
        ),
    },
    "child_labour_better": {
        "pro": (
            F(
                "Breid de zorgplicht uit naar alle mensenrechten en het milieu, in lijn met de "
                "OESO-richtlijnen.",
                "Extend the duty to all human rights and the environment, in line with the OECD "
                "Guidelines.",
            ),
            F(
                "Zorg dat het vinden van kinderarbeid leidt tot herstel en scholing voor de "
                "kinderen, niet tot het verbreken van contracten.",
                "Make sure that finding child labour leads to remedy and schooling for the "
                "children, not to cutting contracts.",
            ),
            F(
                "Voer de wet nu in en laat haar later opgaan in de Europese CSDDD, zodat "
                "bedrijven niet hoeven te wachten.",
                "Bring the Act into force now and fold it into the European CSDDD later, so that "
                "companies need not wait.",
            ),
        ),
        "contra": (
            F(
                "Laat de wet opgaan in Europese regels en voer geen aparte Nederlandse "
                "verklaring in.",
                "Let the Act merge into European rules and do not introduce a separate Dutch "
                "statement.",
            ),
            F(
                "Geef het mkb een eenvoudig modelformulier en een ruime overgangstermijn.",
                "Give SMEs a simple model form and a generous transition period.",
            ),
            F(
                "Sluit aan bij de ILO-IOE-tool en bestaande sectorprojecten in plaats van nieuwe "
                "formulieren te bedenken.",
                "Build on the ILO-IOE tool and existing sector projects instead of inventing new "
                "forms.",
            ),
        ),
        "any": (
            F(
                "Wijs snel een toezichthouder aan en publiceer praktische handreikingen per "
                "sector.",
                "Designate a regulator quickly and publish practical guidance per sector.",
            ),
            F(
                "Pak ook de oorzaken aan: armoede, gebrek aan scholen en te lage lonen voor "
                "ouders.",
                "Also tackle the causes: poverty, lack of schools and wages that are too low for "
                "parents.",
            ),
        ),
    },
}
