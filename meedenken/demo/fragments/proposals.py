"""Answer fragments for section 7 (proposals). "pro" means in favour of mandatory measures."""

from __future__ import annotations

from meedenken.demo.fragments.base import Bank
from meedenken.demo.fragments.base import Fragment as F

PROPOSAL_FRAGMENTS: Bank = {
    "proposals": {
        "pro": (
            F(
                "Voer een wettelijke zorgplicht in voor alle bedrijven, met toezicht en sancties.",
                "Introduce a legal due diligence obligation for all companies, with supervision "
                "and sanctions.",
            ),
            F(
                "Maak een leefbaar loon en vrijheid van vakvereniging expliciet onderdeel van de "
                "zorgplicht.",
                "Make a living wage and freedom of association an explicit part of the obligation.",
            ),
            F(
                "Zorg voor toegang tot herstel: civiele aansprakelijkheid, een eerlijke "
                "verdeling van de bewijslast en een fonds voor slachtoffers.",
                "Ensure access to remedy: civil liability, a fair burden of proof and a fund for "
                "victims.",
            ),
            F(
                "Verplicht bedrijven om getroffen gemeenschappen en vakbonden te betrekken bij "
                "hun risicoanalyse.",
                "Require companies to involve affected communities and trade unions in their "
                "risk analysis.",
            ),
            F(
                "Neem ook milieuschade en klimaat mee in de zorgplicht, niet alleen mensenrechten.",
                "Include environmental damage and climate in the obligation, not only human "
                "rights.",
            ),
            F(
                "Begin bij de risico's die wij in {country} zien: lage lonen, lange werkdagen en "
                "geen vrije vakbonden.",
                "Start with the risks we see in {country}: low wages, long working days and no "
                "free trade unions.",
                "organisation",
            ),
            F(
                "Laat de zorgplicht ook gelden voor banken, verzekeraars en pensioenfondsen.",
                "Make the obligation apply to banks, insurers and pension funds as well.",
            ),
        ),
        "contra": (
            F(
                "Investeer in een steunpunt en in sectorale samenwerking in plaats van in nieuwe "
                "verplichtingen.",
                "Invest in a support desk and in sector cooperation instead of new obligations.",
            ),
            F(
                "Kies voor Europese regels met één norm voor de hele interne markt en geen "
                "Nederlandse kop.",
                "Choose European rules with one standard for the whole internal market and no "
                "extra Dutch layer.",
            ),
            F(
                "Beloon koplopers met voorrang bij overheidsopdrachten, handelsmissies en "
                "exportkrediet.",
                "Reward frontrunners with priority in public contracts, trade missions and "
                "export credit.",
            ),
            F(
                "Houd de lasten voor het mkb beperkt met proportionele, risicogebaseerde eisen.",
                "Keep the burden on SMEs limited with proportionate, risk-based requirements.",
            ),
            F(
                "Ondersteun bedrijven in {sector} met een gezamenlijke risicoanalyse per land, te "
                "beginnen met {country}.",
                "Support companies in {sector} with a joint risk analysis per country, starting "
                "with {country}.",
            ),
            F(
                "Laat grote bedrijven voorgaan en geef het mkb een lichter regime.",
                "Let large companies go first and give SMEs a lighter regime.",
            ),
        ),
        "any": (
            F(
                "Stel eisen bij overheidsinkoop: de overheid moet zelf het goede voorbeeld geven.",
                "Set requirements in public procurement: the government must set the example "
                "itself.",
            ),
            F(
                "Maak openbaarheid van productielocaties de norm.",
                "Make disclosure of production locations the norm.",
            ),
            F(
                "Meet het effect van het beleid bij de mensen in productielanden, niet alleen "
                "aan het aantal rapportages.",
                "Measure the effect of the policy on people in producing countries, not only by "
                "the number of reports.",
            ),
            F(
                "Versterk de rol van de ambassades in landen als {country}.",
                "Strengthen the role of embassies in countries such as {country}.",
            ),
            F(
                "Werk samen met lokale overheden en vakbonden in {country}.",
                "Work with local governments and trade unions in {country}.",
            ),
            F(
                "Maak per sector afspraken over een leefbaar loon, te beginnen in {sector}.",
                "Make agreements on a living wage per sector, starting in {sector}.",
            ),
        ),
    },
    "proposals_feasibility": {
        "pro": (
            F(
                "Een overgangstermijn van twee jaar en een duidelijke handreiking zijn genoeg om "
                "te kunnen voldoen.",
                "A transition period of two years and clear guidance are enough to be able to "
                "comply.",
            ),
            F(
                "Een toezichthouder met genoeg capaciteit en de bevoegdheid om boetes op te "
                "leggen.",
                "A regulator with enough capacity and the power to impose fines.",
            ),
            F(
                "Duidelijke wettelijke eisen zijn juist uitvoerbaarder dan vage verwachtingen.",
                "Clear legal requirements are in fact more feasible than vague expectations.",
            ),
        ),
        "contra": (
            F(
                "Voldoende tijd, ondersteuning op maat en een eenvoudige rapportage die aansluit "
                "bij wat we al doen.",
                "Enough time, tailored support and simple reporting that fits what we already do.",
                "business",
            ),
            F(
                "Afstemming met Europese regels, zodat we niet twee keer hoeven te rapporteren.",
                "Alignment with European rules, so that we do not have to report twice.",
                "business",
            ),
            F(
                "Een steunpunt dat ook kleine bedrijven persoonlijk helpt met hun eerste "
                "risicoanalyse.",
                "A support desk that also helps small companies in person with their first risk "
                "analysis.",
            ),
        ),
        "any": (
            F(
                "Betrek bedrijven, vakbonden en ngo's bij het uitwerken van de details.",
                "Involve companies, trade unions and NGOs in working out the details.",
            ),
            F(
                "Begin met de sectoren met de hoogste risico's.",
                "Start with the sectors with the highest risks.",
            ),
            F(
                "Evalueer na drie jaar wat het heeft opgeleverd en stuur bij.",
                "Evaluate after three years what it has achieved and adjust.",
            ),
        ),
    },
}
