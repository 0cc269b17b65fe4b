"""Forms: format checks only; the services decide what may be stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedenken.core.humancheck import HumanCheckForm
from meedenken.responses.profile import StakeholderType
from meedenken.statements.models import STATEMENT_MAX_LENGTH

SCALE = [(str(i), str(i)) for i in range(1, 6)]
SCALE_VALUES = frozenset(value for value, _label in SCALE)
VOTE_CHOICES = ("agree", "disagree", "pass")


def scale_field(label: Any, help_text: Any) -> forms.TypedChoiceField:
    """An optional 1-5 rating as radio buttons."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=SCALE,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een waarde van 1 tot en met 5.")},
    )


class VoteForm(forms.Form):
    vote = forms.ChoiceField(
        label=_("Uw stem"),
        choices=[("agree", _("Eens")), ("disagree", _("Oneens")), ("pass", _("Overslaan"))],
        error_messages={
            "required": _("Kies eens, oneens of overslaan."),
            "invalid_choice": _("Kies eens, oneens of overslaan."),
        },
    )
    impact = scale_field(
        _("Impact: maakt dit verschil voor mens en milieu?"),
        _("1 = nauwelijks, 5 = heel veel. Mag u leeg laten."),
    )
    feasibility = scale_field(
        _("Uitvoerbaarheid: is dit werkbaar in de praktijk?"),
        _("1 = nauwelijks, 5 = heel goed. Mag u leeg laten."),
    )


def clean_vote_quickly(data: Any) -> dict[str, Any] | None:
    """VoteForm's cleaned_data for valid input without building the form (the vote endpoint's
    hot path); None for anything else, which then goes through VoteForm for its messages."""
    vote = data.get("vote")
    if vote not in VOTE_CHOICES:
        return None
    cleaned: dict[str, Any] = {"vote": vote, "impact": None, "feasibility": None}
    for name in ("impact", "feasibility"):
        raw = data.get(name, "")
        if raw:
            if raw not in SCALE_VALUES:
                return None
            cleaned[name] = int(raw)
    return cleaned


class ProposalForm(HumanCheckForm):
    text = forms.CharField(
        label=_("Uw voorstel voor een maatregel"),
        help_text=_(
            "Eén maatregel, kort en concreet, zodat anderen het ermee eens of oneens kunnen zijn."
        ),
        # The length is checked by the service, so that the message can give the count.
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": STATEMENT_MAX_LENGTH * 2}),
        required=False,
    )


class StakeholderForm(HumanCheckForm):
    stakeholder_type = forms.ChoiceField(
        label=_("Ik stem als"),
        help_text=_(
            "Optioneel. Zo zien we of een maatregel steun heeft bij verschillende groepen."
        ),
        choices=[("", _("zeg ik liever niet")), *StakeholderType.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een soort belanghebbende uit de lijst.")},
    )


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary at the top of the page."""
    pairs: list[tuple[str, str]] = []
    for name, errors in form.errors.items():
        field: Any = form.fields.get(name)
        for error in errors:
            if field is None:
                pairs.append(("#main", str(error)))
            else:
                pairs.append((f"#id_{name}", f"{field.label}: {error}"))
    return pairs


class EmailConfirmationForm(HumanCheckForm):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_(
            "U krijgt een link die 24 uur en één keer werkt. Wij bewaren het adres zelf niet."
        ),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )
