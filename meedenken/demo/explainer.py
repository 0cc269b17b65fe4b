"""The IMVO consultation's explainer: the Dutch text of the ministry's explainer animation.

Source: shared/seed/000_ae6c578a4c24098d.txt (script of the animation "Animatie IMVO"). The
headings and the duplicate "EXTRA ZIN" sentence are left out and double spaces removed; the
wording is otherwise kept. The English version is a faithful translation.
"""

from __future__ import annotations

EXPLAINER_NL = """\
In 2020 evalueert het ministerie van Buitenlandse Zaken het beleid voor internationaal \
maatschappelijk verantwoord ondernemen (IMVO). IMVO betekent dat Nederlandse bedrijven die \
zakendoen in het buitenland rekening houden met bijvoorbeeld mensenrechten, \
arbeidsomstandigheden en milieu.

We verwachten dat bedrijven zakendoen met respect voor mens en milieu, niet alleen in \
Nederland, maar ook in het buitenland.

Ondanks de goede intenties van de meeste bedrijven, kunnen sommige hulp gebruiken als ze \
misstanden in hun keten tegenkomen.

Nederlandse bedrijven die dat wél weten en zich aan de normen houden, kunnen zich onderscheiden \
omdat zij een verantwoord product kunnen aanbieden.

Soms ervaren deze bedrijven een nadeel, omdat concurrenten het niet zo nauw nemen met \
productieomstandigheden.

Gelukkig krijgt internationaal maatschappelijk verantwoord ondernemen –IMVO- steeds meer \
aandacht, maar dat is nog niet genoeg om misstanden zoals uitbuiting, kinderarbeid of \
milieuschade te voorkomen.

Als Ministerie van Buitenlandse Zaken evalueren wij het bestaande IMVO-beleid en bekijken we of \
er aanvullende, of dwingende maatregelen nodig zijn.

In de convenanten voor internationaal maatschappelijk verantwoord ondernemen, \
IMVO-convenanten, zijn bedrijven samen met de overheid, maatschappelijke organisaties en andere \
betrokkenen, de afgelopen jaren aan de slag gegaan om de negatieve effecten van de \
bedrijfsactiviteiten voor mens en milieu structureel aan te pakken en te verbeteren.

Hierdoor is veel ervaring en kennis opgedaan die waardevol is bij de evaluatie en de mogelijke \
vernieuwing van het beleid.

Ook kijken we naar de manier waarop andere landen omgaan met IMVO en wordt er gekeken naar \
mogelijkheden en obstakels die bedrijven ervaren bij internationaal maatschappelijk verantwoord \
ondernemen.

We hebben als doel al deze kennis op te halen bij de verschillende betrokken partijen, ook \
maatschappelijke organisaties, en te verwerken in een voorstel voor nieuw beleid.

Daarin wordt ook de uitwerking van de al aangenomen Wet Zorgplicht Kinderarbeid meegenomen.

Wat vragen we van jou? Jij kent jouw werkveld het beste, dus jouw stem is onmisbaar.

We nodigen je uit om mee te denken over maatregelen die verschil kunnen maken voor mens en \
milieu, en ook uitvoerbaar zijn.

Wat werkt er wel? Wat werkt er niet? Hoe kan het beter? Laten we deze kennis en ideeën met \
elkaar delen.

Zo gaan we samen zorgen voor slimme, duidelijke en breed gedragen maatregelen, waarmee we onze \
verantwoordelijkheid voor de productieketen van Nederlandse bedrijven nemen en op een \
verantwoorde manier internationaal kunnen ondernemen.
"""

EXPLAINER_EN = """\
In 2020 the Ministry of Foreign Affairs is evaluating its policy on international responsible \
business conduct (IRBC, in Dutch: IMVO). IRBC means that Dutch companies doing business abroad \
take into account, for example, human rights, working conditions and the environment.

We expect companies to do business with respect for people and the environment, not only in the \
Netherlands but also abroad.

Despite the good intentions of most companies, some could use help when they come across abuses \
in their supply chain.

Dutch companies that do know how and that comply with the standards can stand out because they \
can offer a responsible product.

Sometimes these companies experience a disadvantage, because competitors are less particular \
about production conditions.

Fortunately, international responsible business conduct – IRBC – is receiving more and more \
attention, but that is not yet enough to prevent abuses such as exploitation, child labour or \
environmental damage.

As the Ministry of Foreign Affairs, we are evaluating the existing IRBC policy and considering \
whether additional or mandatory measures are needed.

In the agreements on international responsible business conduct, the IRBC agreements, companies \
have worked together in recent years with the government, civil society organisations and other \
stakeholders to address and improve the negative effects of business activities on people and \
the environment in a structural way.

This has produced a great deal of experience and knowledge that is valuable for the evaluation \
and the possible renewal of the policy.

We are also looking at how other countries deal with IRBC, and at the opportunities and \
obstacles companies experience in international responsible business conduct.

Our aim is to gather all this knowledge from the various parties involved, including civil \
society organisations, and to work it into a proposal for new policy.

This will also cover the implementation of the Child Labour Due Diligence Act (Wet zorgplicht \
kinderarbeid), which has already been passed.

What are we asking of you? You know your field best, so your voice is indispensable.

We invite you to help us think about measures that can make a difference for people and the \
environment, and that are also feasible.

What works? What does not work? How can it be better? Let us share this knowledge and these \
ideas with each other.

Together we will arrive at smart, clear and widely supported measures, with which we take our \
responsibility for the production chain of Dutch companies and can do business internationally \
in a responsible way.
"""
