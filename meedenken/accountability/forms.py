"""The staff form for one decision: what the ministry does, why, and where it is written down."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meedenken.accountability.models import Decision, Outcome
from meedenken.accountability.services import RATIONALE_MAX, DecisionInput


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Wat doet het ministerie hiermee?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat het ministerie met dit punt doet.")},
    )
    rationale_nl = forms.CharField(
        label=_("Toelichting (Nederlands)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=RATIONALE_MAX,
        error_messages={
            "required": _("Schrijf een toelichting: waarom neemt het ministerie dit (niet) over?")
        },
    )
    rationale_en = forms.CharField(
        label=_("Toelichting (Engels)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=RATIONALE_MAX,
        required=False,
        help_text=_("Leeg: de Engelse pagina toont de Nederlandse tekst."),
    )
    policy_url = forms.CharField(
        label=_("Link naar het beleidsdocument"),
        required=False,
        max_length=500,
        widget=forms.URLInput,
        help_text=_("Bijvoorbeeld de Kamerbrief of de beleidsnota, https://..."),
    )
    policy_title_nl = forms.CharField(
        label=_("Titel van het beleidsdocument (Nederlands)"), required=False, max_length=200
    )
    policy_title_en = forms.CharField(
        label=_("Titel van het beleidsdocument (Engels)"), required=False, max_length=200
    )

    @classmethod
    def for_decision(cls, decision: Decision | None) -> DecisionForm:
        if decision is None:
            return cls()
        return cls(initial={name: getattr(decision, name) for name in cls.base_fields})

    def to_input(self) -> DecisionInput:
        return DecisionInput(**{name: self.cleaned_data.get(name) or "" for name in self.fields})
