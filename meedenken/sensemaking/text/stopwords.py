"""Stop words per language: function words that carry no theme.

Short hand-made lists (articles, pronouns, auxiliaries, prepositions, conjunctions, fillers);
they are applied after lemmatisation, so they list lemmas as well as common surface forms.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


_NL = _words(
    """
de het een en of maar want dus omdat als dan dat die dit deze wie wat waar wanneer hoe waarom
ik je jij u hij zij ze wij we jullie hen hun haar hem mij me mijn jouw uw zijn ons onze het is
ben bent was waren worden wordt werd zijn zijn hebben heeft had hadden heb kan kunnen kon moet
moeten moest mag mogen zal zullen zou zouden wil willen gaan gaat doen doet gedaan in op aan
bij van voor na naar met zonder over onder tussen door tegen uit om tot sinds niet geen wel
ook nog al er hier daar zo zeer erg heel veel meer meest minder weinig alle alles iets niets
iemand niemand elk elke ieder iedere ander andere anderen zelf te toe toch echter even eens
weer reeds nu dan toen ja nee natuurlijk bijvoorbeeld etc wij zich men worden waardoor waarbij
waarvan daarom daarbij daarnaast hierbij hiervan welke welk zowel alsook enkel enige enkele
beide vooral juist gewoon eigenlijk
"""
)

_EN = _words(
    """
a an the and or but so because if then than that this these those which who whom whose what
where when how why i me my mine you your yours he him his she her hers it its we us our ours
they them their theirs be am is are was were been being have has had having do does did done
can could may might must shall should will would in on at by of for to from with without about
over under between through against into out up down off as not no nor yes also too very just
only still already even again all any some each every other others such own same both either
neither more most less few many much there here now then once there's it's i'm don't doesn't
isn't aren't can't won't etc e.g i.e get got make made lot lots really
"""
)

_DE = _words(
    """
was wer wo wann warum kommen lassen nun sowie beim ins unsere ihre ihren seine seiner
der die das den dem des ein eine einer eines einem einen und oder aber denn sondern weil wenn
dass ob als wie so auch noch nur schon sehr ja nein nicht kein keine keinen keinem keiner ich
du er sie es wir ihr mich dich sich uns euch mir dir ihm ihnen mein dein sein unser euer ist
bin bist sind war waren wird werden wurde wurden sein haben hat hatte hatten habe kann können
konnte muss müssen musste soll sollen sollte sollten darf dürfen will wollen möchte in im an
am auf aus bei mit nach von vom zu zum zur für über unter vor hinter neben zwischen durch
gegen ohne um bis seit hier dort da dann jetzt immer mal man etwas nichts alle alles jeder
jede jedes viel viele mehr sehr diese dieser dieses diesen diesem jener welche welcher bzw usw
z.b. evtl ggf dabei dazu damit daher darauf dafür dadurch deshalb also doch eben gibt geben
gehen geht machen macht werden worden einfach wäre wären würde würden
"""
)

_FR = _words(
    """
le la les un une des du de d l et ou mais donc car si que qui quoi dont où quand comment je tu
il elle on nous vous ils elles me te se moi toi lui leur leurs mon ma mes ton ta tes son sa
ses notre nos votre vos ce cet cette ces est sont être était étaient a ont avoir avait fait
faire peut peuvent doit doivent dans sur sous avec sans pour par vers chez entre contre ne pas
plus moins très aussi encore déjà tout tous toute toutes autre autres même y en au aux
"""
)

_ES = _words(
    """
el la los las un una unos unas y o pero porque si que quien cual cuando donde como de del al a
en con sin por para sobre entre hacia desde hasta yo tú él ella nosotros vosotros ellos ellas
me te se nos os le les lo mi mis tu tus su sus nuestro nuestra este esta estos estas ese esa
es son ser era fue han ha haber hay tiene tienen puede pueden debe deben muy más menos también
ya no sí todo todos toda todas otro otros otra otras mismo
"""
)


STOP_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(_NL),
    "en": frozenset(_EN),
    "de": frozenset(_DE),
    "fr": frozenset(_FR),
    "es": frozenset(_ES),
}

# Used when the language is unknown or unsupported: the union keeps function words of any of them out.
ANY_LANGUAGE: frozenset[str] = frozenset().union(*STOP_WORDS.values())


def stop_words_for(language: str | None) -> frozenset[str]:
    """The stop words for an ISO 639-1 code, or the union of all lists when unknown."""
    if language is None:
        return ANY_LANGUAGE
    return STOP_WORDS.get(language, ANY_LANGUAGE)
