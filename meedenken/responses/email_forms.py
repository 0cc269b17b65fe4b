"""The respondent's e-mail requests: their link on any page, a receipt and a results notice when
submitting. The address is used for the message only and not kept with the response."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

INVALID_EMAIL = _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")


class LinkEmailForm(forms.Form):
    link_email = forms.EmailField(
        label=_("Uw e-mailadres"),
        error_messages={"required": INVALID_EMAIL, "invalid": INVALID_EMAIL},
    )
    remind = forms.BooleanField(
        label=_("Herinner mij een paar dagen voor de sluiting als ik nog niet heb verstuurd"),
        required=False,
    )


class SubmitEmailForm(forms.Form):
    """On the review page: optional receipt and results notice, both to one address."""

    receipt = forms.BooleanField(
        label=_("Stuur mij een ontvangstbevestiging met mijn persoonlijke link"), required=False
    )
    notify = forms.BooleanField(
        label=_("Stuur mij een bericht als de resultaten gepubliceerd zijn"), required=False
    )
    receipt_email = forms.EmailField(
        label=_("E-mailadres voor deze berichten"),
        help_text=_("Alleen hiervoor gebruikt; wij bewaren het niet bij uw reactie."),
        required=False,
        error_messages={"invalid": INVALID_EMAIL},
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        wanted = data.get("receipt") or data.get("notify")
        if wanted and not data.get("receipt_email") and "receipt_email" not in self.errors:
            self.add_error(
                "receipt_email", _("Vul uw e-mailadres in, of zet de vinkjes voor e-mail uit.")
            )
        return data
