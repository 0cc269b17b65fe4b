"""Answer fragments for section 3 (level playing field) and section 4 (other countries).

"pro" means in favour of mandatory measures.
"""

from __future__ import annotations

from meedenken.demo.fragments.base import Bank
from meedenken.demo.fragments.base import Fragment as F

PLAYING_FIELD_FRAGMENTS: Bank = {
    "playing_field_works": {
        "pro": (
            F(
                "Waar wetgeving bestaat, zoals in Frankrijk, nemen bedrijven zorgvuldigheid "
                "serieuzer.",
                "Where legislation exists, as in France, companies take due diligence more "
                "seriously.",
            ),
            F(
                "Het maatschappelijk debat en de aandacht van consumenten zetten bedrijven in "
                "beweging.",
                "Public debate and consumer attention get companies moving.",
            ),
            F(
                "De dreiging van wetgeving heeft meer bedrijven in beweging gebracht dan jaren "
                "van voorlichting.",
                "The prospect of legislation has moved more companies than years of information "
                "campaigns.",
            ),
        ),
        "contra": (
            F(
                "Bedrijven die voorop lopen, kunnen zich nu onderscheiden met een verantwoord "
                "product.",
                "Companies that lead the way can now stand out with a responsible product.",
            ),
            F(
                "Keurmerken en certificering geven afnemers een eenvoudig houvast.",
                "Labels and certification give buyers something simple to rely on.",
            ),
            F(
                "Sectorinitiatieven zoals het Duitse textielpartnerschap zorgen voor gedeelde "
                "eisen zonder nieuwe wetten.",
                "Sector initiatives such as the German textile partnership create shared "
                "requirements without new laws.",
            ),
        ),
        "any": (
            F(
                "Steeds meer grote afnemers stellen eisen aan hun leveranciers; dat trekt de "
                "hele keten mee.",
                "More and more large buyers set requirements for their suppliers; that pulls "
                "the whole chain along.",
            ),
            F(
                "Banken en investeerders vragen vaker naar de aanpak van mensenrechtenrisico's.",
                "Banks and investors ask more often how human rights risks are handled.",
            ),
            F(
                "Openbare ranglijsten van ngo's prikkelen bedrijven om beter te presteren.",
                "Public rankings by NGOs encourage companies to perform better.",
            ),
        ),
    },
    "playing_field_not_working": {
        "pro": (
            F(
                "Bedrijven die investeren in een leefbaar loon worden weggeconcurreerd door "
                "bedrijven die niets doen.",
                "Companies that invest in a living wage are undercut by companies that do nothing.",
            ),
            F(
                "Zolang het vrijwillig is, bepaalt de goedkoopste aanbieder de prijs en betalen "
                "arbeiders de rekening.",
                "As long as it is voluntary, the cheapest supplier sets the price and workers "
                "pay the bill.",
            ),
            F(
                "Vrijwillige afspraken hebben in de meeste productielanden niet geleid tot een "
                "leefbaar loon.",
                "Voluntary commitments have not led to a living wage in most producing countries.",
            ),
        ),
        "contra": (
            F(
                "Een nationale plicht geeft Nederlandse bedrijven een nadeel tegenover "
                "buitenlandse concurrenten.",
                "A national obligation puts Dutch companies at a disadvantage against foreign "
                "competitors.",
            ),
            F(
                "Het mkb heeft te weinig invloed op grote leveranciers om zulke eisen waar te "
                "maken.",
                "SMEs have too little leverage over large suppliers to meet such requirements.",
                "sme",
            ),
            F(
                "Verschillende regels in Nederland, Duitsland en Frankrijk maken het voor "
                "internationale bedrijven ingewikkeld.",
                "Different rules in the Netherlands, Germany and France make it complicated for "
                "international companies.",
            ),
        ),
        "any": (
            F(
                "Consumenten kunnen niet zien welk product verantwoord is gemaakt.",
                "Consumers cannot see which product was made responsibly.",
            ),
            F(
                "Keurmerken verschillen sterk in kwaliteit en worden soms als vinkje gebruikt.",
                "Labels vary widely in quality and are sometimes used as a box-ticking exercise.",
            ),
            F(
                "Goedwillende bedrijven weten niet wanneer ze genoeg hebben gedaan.",
                "Well-meaning companies do not know when they have done enough.",
            ),
        ),
    },
    "playing_field_better": {
        "pro": (
            F(
                "Voer een algemene, sectoroverstijgende zorgplicht in, gebaseerd op de "
                "OESO-richtlijnen.",
                "Introduce a general, cross-sector due diligence obligation based on the OECD "
                "Guidelines.",
            ),
            F(
                "Regel de zorgplicht Europees, maar wacht daar niet op: begin nationaal en sluit "
                "later aan.",
                "Set the obligation at European level, but do not wait for it: start nationally "
                "and align later.",
            ),
            F(
                "Koppel een zorgplicht aan toezicht, sancties en civiele aansprakelijkheid, zodat "
                "slachtoffers naar de rechter kunnen.",
                "Link an obligation to supervision, sanctions and civil liability, so that "
                "victims can go to court.",
            ),
            F(
                "Neem een leefbaar loon expliciet op in de zorgplicht.",
                "Include a living wage explicitly in the due diligence obligation.",
            ),
            F(
                "Een Nederlandse wet nu bereidt bedrijven voor op de Europese CSDDD en laat zien "
                "wat werkt.",
                "A Dutch law now prepares companies for the European CSDDD and shows what works.",
            ),
        ),
        "contra": (
            F(
                "Regel het op Europees niveau, zodat alle bedrijven in de interne markt dezelfde "
                "regels volgen.",
                "Regulate it at European level, so that all companies in the internal market "
                "follow the same rules.",
            ),
            F(
                "Houd het bij vrijwillige afspraken en beloon koplopers, bijvoorbeeld bij "
                "overheidsopdrachten.",
                "Keep to voluntary commitments and reward frontrunners, for example in public "
                "contracts.",
            ),
            F(
                "Als er een plicht komt: maak die proportioneel en risicogebaseerd, met "
                "eenvoudige eisen voor kleine bedrijven.",
                "If an obligation comes, make it proportionate and risk-based, with simple "
                "requirements for small companies.",
            ),
            F(
                "Wacht op de Europese zorgplichtrichtlijn (CSDDD) en voer niet eerst een eigen "
                "Nederlandse wet in die later weer moet worden aangepast.",
                "Wait for the European due diligence directive (CSDDD) rather than first "
                "introducing a Dutch law that has to be amended later.",
            ),
        ),
        "any": (
            F(
                "Stel als overheid zelf eisen bij inkoop; dan geeft u het goede voorbeeld.",
                "Set requirements in your own procurement as a government; that sets the example.",
            ),
            F(
                "Voorwaarden aan handelsmissies, subsidies en exportkredieten zijn een logische "
                "eerste stap.",
                "Conditions on trade missions, grants and export credits are a logical first step.",
            ),
            F(
                "Zorg voor één heldere norm in plaats van een lappendeken van sectorafspraken.",
                "Provide one clear standard instead of a patchwork of sector agreements.",
            ),
        ),
    },
}

COUNTRIES_FRAGMENTS: Bank = {
    "countries_works": {
        "pro": (
            F(
                "De Franse loi de vigilance laat zien dat een zorgplicht met toegang tot de "
                "rechter kan werken.",
                "The French duty of vigilance law shows that an obligation with access to the "
                "courts can work.",
            ),
            F(
                "De EU-verordening over conflictmineralen laat zien dat Europese regels voor "
                "een hele keten haalbaar zijn.",
                "The EU conflict minerals regulation shows that European rules for a whole "
                "chain are feasible.",
            ),
            F(
                "In Frankrijk kunnen vakbonden en ngo's een bedrijf aanspreken op zijn "
                "waakzaamheidsplan; dat werkt preventief.",
                "In France, unions and NGOs can hold a company to account on its vigilance plan; "
                "that works preventively.",
            ),
        ),
        "contra": (
            F(
                "De Britse Modern Slavery Act vraagt vooral transparantie, zonder zware lasten.",
                "The UK Modern Slavery Act mainly asks for transparency, without heavy burdens.",
            ),
            F(
                "In het Verenigd Koninkrijk en Australië brengen rapportageplichten het gesprek "
                "in de directiekamer op gang.",
                "In the United Kingdom and Australia, reporting duties start the conversation in "
                "the boardroom.",
            ),
            F(
                "Zwitserland kiest voor een gerichte aanpak van kinderarbeid en "
                "conflictmineralen, met uitzonderingen voor het mkb.",
                "Switzerland chooses a targeted approach to child labour and conflict minerals, "
                "with exemptions for SMEs.",
            ),
        ),
        "any": (
            F(
                "Samenwerking met het Duitse textielpartnerschap voorkwam dubbel werk voor "
                "leveranciers.",
                "Cooperation with the German textile partnership avoided duplicate work for "
                "suppliers.",
            ),
            F(
                "Een openbaar register van verklaringen, zoals in Australië, maakt vergelijken "
                "mogelijk.",
                "A public register of statements, as in Australia, makes comparison possible.",
            ),
            F(
                "Het helpt dat de OESO-richtlijnen overal hetzelfde vertrekpunt zijn.",
                "It helps that the OECD Guidelines are the same starting point everywhere.",
            ),
        ),
    },
    "countries_not_working": {
        "pro": (
            F(
                "Alleen rapporteren, zoals onder de Modern Slavery Act, levert vaak "
                "standaardverklaringen op zonder verbetering.",
                "Reporting alone, as under the Modern Slavery Act, often produces boilerplate "
                "statements without improvement.",
            ),
            F(
                "In de Verenigde Staten is de plicht rond conflictmineralen door rechtszaken "
                "uitgehold.",
                "In the United States the conflict minerals duty has been hollowed out by "
                "court cases.",
            ),
            F(
                "Rapportageplichten zonder sancties, zoals in Australië, worden door veel "
                "bedrijven genegeerd.",
                "Reporting duties without sanctions, as in Australia, are ignored by many "
                "companies.",
            ),
        ),
        "contra": (
            F(
                "De Franse wet geldt alleen voor heel grote bedrijven en leidt tot langdurige "
                "rechtszaken.",
                "The French law applies only to very large companies and leads to lengthy "
                "lawsuits.",
            ),
            F(
                "Elk land een eigen wet betekent dat leveranciers tientallen verschillende "
                "vragenlijsten krijgen.",
                "Every country having its own law means suppliers receive dozens of different "
                "questionnaires.",
            ),
            F(
                "Het Duitse Lieferkettengesetz laat zien hoe zwaar de rapportagelast wordt als "
                "elke lidstaat eigen regels maakt.",
                "The German Supply Chain Act shows how heavy reporting becomes when every member "
                "state makes its own rules.",
            ),
        ),
        "any": (
            F(
                "Er is weinig bekend over de effecten van deze wetten voor arbeiders in "
                "productielanden.",
                "Little is known about the effects of these laws on workers in producing "
                "countries.",
            ),
            F(
                "Handhaving blijft achter: in verschillende landen is er geen toezichthouder.",
                "Enforcement lags behind: several countries have no regulator.",
            ),
        ),
    },
    "countries_better": {
        "pro": (
            F(
                "Neem het beste van Frankrijk over, civiele aansprakelijkheid, en combineer dat "
                "met een toezichthouder.",
                "Take the best of France, civil liability, and combine it with a regulator.",
            ),
            F(
                "Zet u in Brussel in voor een ambitieuze Europese zorgplicht die ook "
                "middelgrote bedrijven in risicosectoren omvat.",
                "Push in Brussels for an ambitious European due diligence duty that also covers "
                "medium-sized companies in high-risk sectors.",
            ),
            F(
                "Zorg dat de Europese CSDDD minstens zo ver gaat als de Franse wet, met civiele "
                "aansprakelijkheid en toezicht.",
                "Make sure the European CSDDD goes at least as far as the French law, with civil "
                "liability and supervision.",
            ),
        ),
        "contra": (
            F(
                "Sluit aan bij wat de buurlanden doen en voorkom een Nederlandse kop op "
                "Europese regels.",
                "Align with what neighbouring countries do and avoid adding Dutch requirements "
                "on top of European rules.",
            ),
            F(
                "Kies voor wederzijdse erkenning van audits en rapportages tussen landen.",
                "Opt for mutual recognition of audits and reports between countries.",
            ),
            F(
                "Neem geen regels over die alleen voor heel grote bedrijven werkbaar zijn.",
                "Do not copy rules that only work for very large companies.",
                "sme",
            ),
        ),
        "any": (
            F(
                "Laat de Nederlandse inzet in Europa voortbouwen op de ervaring met de "
                "convenanten.",
                "Let the Dutch position in Europe build on the experience with the agreements.",
            ),
            F(
                "Onderzoek samen met andere landen wat de effecten in productielanden zijn.",
                "Study the effects in producing countries together with other countries.",
            ),
            F(
                "Zorg dat leveranciers in productielanden één set eisen krijgen, welk Europees "
                "land ook de afnemer is.",
                "Make sure suppliers in producing countries get one set of requirements, "
                "whichever European country the buyer is in.",
            ),
        ),
    },
}
