"""A honeypot field and a minimum fill time for public forms.

The page carries a signed moment (`started`); a form sent back sooner than
`MEEDENKEN_MIN_FILL_SECONDS` is refused with a message, as is one with the hidden honeypot
field filled in (people never see it; scripts fill every field). A form sent without the
moment (a script posting directly) is accepted but `suspect`: the caller flags what it stores,
so staff see it, never silently dropped."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "meedenken.form.started"
MAX_AGE = 60 * 60 * 24  # a page left open for a day still works


def started_token(moment: float | None = None) -> str:
    """The signed moment a form was shown."""
    return signing.dumps(round(moment if moment is not None else time.time(), 2), salt=SALT)


class HumanCheckForm(forms.Form):
    """Base for public forms: adds the honeypot (`website`) and the fill-time token."""

    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suspect = False
        if not self.is_bound:
            self.initial.setdefault("started", started_token())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Dit formulier kon niet worden verstuurd. Er is niets opgeslagen."),
                code="honeypot",
            )
        token = cleaned.get("started") or ""
        try:
            moment = float(signing.loads(token, salt=SALT, max_age=MAX_AGE)) if token else None
        except (signing.BadSignature, TypeError, ValueError):
            moment = None
        if moment is None:
            self.suspect = True
        elif time.time() - moment < settings.MEEDENKEN_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _(
                    "Dit formulier werd heel snel verstuurd. Er is niets opgeslagen. Controleer "
                    "wat u invulde en verstuur het over een paar seconden opnieuw."
                ),
                code="too_fast",
            )
        return cleaned
