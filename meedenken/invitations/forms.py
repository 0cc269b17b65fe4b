from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from meedenken.invitations.lists import ContactRow
from meedenken.responses.profile import Sector, StakeholderType

INVALID_EMAIL = _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")


class ContactForm(forms.Form):
    organisation = forms.CharField(label=_("Organisatie"), max_length=200)
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres"), error_messages={"invalid": INVALID_EMAIL})
    stakeholder_type = forms.ChoiceField(
        label=_("Soort belanghebbende"), choices=[("", "-"), *StakeholderType.choices]
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "-"), *Sector.choices], required=False
    )
    country = forms.ChoiceField(label=_("Land"), required=False)
    language = forms.ChoiceField(
        label=_("Taal van de uitnodiging"), choices=[("nl", "Nederlands"), ("en", "English")]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", "-"), *list(countries)]

    def to_row(self) -> ContactRow:
        data = self.cleaned_data
        return ContactRow(
            0,
            data["organisation"].strip(),
            data["contact_name"].strip(),
            data["email"].strip().lower(),
            data["stakeholder_type"],
            data["sector"],
            data["country"],
            data["language"],
        )
