"""The answers browser's filter form (GET) and the coding forms (POST)."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from meedenken.coding.models import Campaign, Code
from meedenken.coding.selectors.browse import AnswerFilters
from meedenken.consultations.models import Question
from meedenken.responses.models import Channel
from meedenken.responses.profile import (
    CompanySize,
    PublicationConsent,
    Sector,
    StakeholderType,
    covenant_choices,
)

ANY = [("", _("alle"))]


class QuickSelect(forms.Select):
    """A select rendered in Python: Django's per-option templates cost about 100 ms for the
    filter form's ~350 options (countries alone are 250), a third of the page's budget."""

    def render(  # type: ignore[override]
        self, name: str, value: object, attrs: dict | None = None, renderer: object = None
    ) -> str:
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        current = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(v), mark_safe(" selected") if str(v) == current else "", label)
                for v, label in self.choices
            ),
        )
        return format_html('<select class="utrecht-select"{}>{}</select>', flatatt(attrs), options)


STATUS_CHOICES = [
    ("uncoded", _("nog niet gecodeerd")),
    ("low_confidence", _("niet gecodeerd, lage zekerheid van het voorstel")),
    ("coded", _("gecodeerd")),
    ("second_coded", _("dubbel gecodeerd")),
    ("not_second_coded", _("niet dubbel gecodeerd")),
]
CAMPAIGN_CHOICES = [("any", _("in een campagne")), ("none", _("niet in een campagne"))]
PERSONAL_DATA_CHOICES = [
    ("detected", _("persoonsgegevens gevonden, niet beoordeeld")),
    ("unreviewed", _("niet beoordeeld")),
    ("reviewed", _("beoordeeld")),
]


def closed_choices(questions: Sequence[Question]) -> list[tuple[str, str]]:
    """One option per choice of each closed question: "<question id>:<value>", shown as the
    question and the choice's label (never the stored value)."""
    return [
        (f"{q.pk}:{value}", f"{Truncator(q.t('text')).chars(60)}: {label}")
        for q in questions
        for value, label in getattr(q, "options", [])
    ]


class AnswerFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken in de antwoorden"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Codering"), required=False, choices=ANY + STATUS_CHOICES)
    code = forms.TypedChoiceField(
        label=_("Code (analist)"), required=False, coerce=int, empty_value=None
    )
    proposed = forms.TypedChoiceField(
        label=_("Voorgestelde code"), required=False, coerce=int, empty_value=None
    )
    stakeholder_type = forms.ChoiceField(
        label=_("Soort belanghebbende"), required=False, choices=ANY + list(StakeholderType.choices)
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=ANY + list(Sector.choices)
    )
    company_size = forms.ChoiceField(
        label=_("Omvang bedrijf"), required=False, choices=ANY + list(CompanySize.choices)
    )
    country = forms.ChoiceField(label=_("Land"), required=False)
    covenant = forms.ChoiceField(label=_("Convenant"), required=False)
    organisation = forms.CharField(label=_("Organisatie"), required=False, max_length=200)
    consent = forms.ChoiceField(
        label=_("Toestemming publicatie"),
        required=False,
        choices=ANY + list(PublicationConsent.choices),
    )
    channel = forms.ChoiceField(
        label=_("Kanaal"), required=False, choices=ANY + list(Channel.choices)
    )
    language = forms.ChoiceField(label=_("Taal (herkend)"), required=False)
    campaign = forms.ChoiceField(label=_("Campagne"), required=False)
    personal_data = forms.ChoiceField(
        label=_("Persoonsgegevens"), required=False, choices=ANY + PERSONAL_DATA_CHOICES
    )
    closed = forms.ChoiceField(label=_("Antwoord op een gesloten vraag"), required=False)

    def __init__(
        self,
        data: object,
        *,
        codes: Sequence[Code],
        languages: Sequence[str],
        campaigns: Sequence[Campaign],
        closed: Sequence[Question] = (),
    ) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        code_choices = [(c.pk, ("— " * getattr(c, "depth", 0)) + c.t("label")) for c in codes]
        self.fields["code"].choices = ANY + code_choices  # type: ignore[attr-defined]
        self.fields["proposed"].choices = ANY + code_choices  # type: ignore[attr-defined]
        self.fields["country"].choices = ANY + list(countries)  # type: ignore[attr-defined]
        self.fields["covenant"].choices = ANY + list(covenant_choices())  # type: ignore[attr-defined]
        self.fields["language"].choices = ANY + [(x, x) for x in languages]  # type: ignore[attr-defined]
        self.fields["campaign"].choices = (  # type: ignore[attr-defined]
            ANY
            + CAMPAIGN_CHOICES
            + [(c.key, f"{c.key} ({c.size}): {c.canonical_text[:60]}") for c in campaigns]
        )
        self.fields["closed"].choices = ANY + closed_choices(closed)  # type: ignore[attr-defined]

        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.widget = QuickSelect(choices=field.choices)  # type: ignore[attr-defined,arg-type]

    def filters(self) -> AnswerFilters:
        """The valid filters; an invalid value (an old link, a hand-edited URL) is dropped."""
        self.is_valid()
        return AnswerFilters(**{k: v for k, v in self.cleaned_data.items() if v not in ("", None)})
