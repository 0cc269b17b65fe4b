"""The respondent profile form: who responds, on whose behalf, and what may be published."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from meedenken.responses.forms import REQUIRED_MESSAGE, show_required
from meedenken.responses.models import Response
from meedenken.responses.profile import (
    CompanySize,
    ProfileData,
    PublicationConsent,
    RespondentKind,
    Sector,
    StakeholderType,
    covenant_choices,
)


class ProfileForm(forms.Form):
    respondent_kind = forms.ChoiceField(
        label=_("Hoe reageert u?"), choices=RespondentKind.choices, widget=forms.RadioSelect
    )
    organisation_name = forms.CharField(
        label=_("Naam van de organisatie"),
        help_text=_("Alleen als u namens een organisatie reageert."),
        max_length=200,
        required=False,
    )
    stakeholder_type = forms.ChoiceField(
        label=_("Wat voor soort belanghebbende bent u?"),
        choices=StakeholderType.choices,
        widget=forms.RadioSelect,
    )
    company_size = forms.ChoiceField(
        label=_("Hoe groot is het bedrijf?"),
        help_text=_("Alleen als u voor een bedrijf reageert."),
        choices=CompanySize.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Kies een sector")), *Sector.choices], required=False
    )
    country = forms.ChoiceField(label=_("Land van vestiging"), required=False)
    covenants = forms.MultipleChoiceField(
        label=_("Aan welke IMVO-convenanten neemt of nam u deel?"),
        help_text=_("Laat leeg als u niet aan een convenant deelneemt."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    publication_consent = forms.ChoiceField(
        label=_("Mogen wij uw reactie publiceren?"),
        help_text=_(
            "Wij publiceren reacties om te laten zien wat er met de inbreng is gedaan. "
            "Persoonsgegevens in uw tekst maken wij altijd onleesbaar."
        ),
        choices=PublicationConsent.choices,
        widget=forms.RadioSelect,
    )
    publication_name = forms.CharField(
        label=_("Naam bij publicatie"),
        help_text=_("Alleen als u als persoon reageert en publicatie met naam kiest."),
        max_length=200,
        required=False,
    )
    contact_consent = forms.BooleanField(
        label=_("U mag contact met mij opnemen over mijn reactie"), required=False
    )
    contact_email = forms.EmailField(label=_("E-mailadres voor contact"), required=False)

    def __init__(
        self, *args: Any, strict: bool = True, verified_organisation: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.strict = strict
        if verified_organisation:  # eHerkenning named the organisation: not to be changed here
            for name, value in (
                ("respondent_kind", RespondentKind.ORGANISATION.value),
                ("organisation_name", verified_organisation),
            ):
                self.fields[name].disabled = True
                self.fields[name].initial = self.initial[name] = value
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("Kies een land")),
            *list(countries),
        ]
        cast(forms.MultipleChoiceField, self.fields["covenants"]).choices = covenant_choices()
        for name in ("respondent_kind", "stakeholder_type", "publication_consent"):
            self.fields[name].required = False
            show_required(self.fields[name], True)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.strict:
            return data
        for name in ("respondent_kind", "stakeholder_type", "publication_consent"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, REQUIRED_MESSAGE)
        if (
            data.get("respondent_kind") == RespondentKind.ORGANISATION
            and not data.get("organisation_name", "").strip()
        ):
            self.add_error("organisation_name", _("Vul de naam van de organisatie in."))
        if data.get("stakeholder_type") == StakeholderType.COMPANY and not data.get("company_size"):
            self.add_error("company_size", _("Kies de omvang van het bedrijf."))
        if (
            data.get("respondent_kind") == RespondentKind.INDIVIDUAL
            and data.get("publication_consent") == PublicationConsent.WITH_NAME
            and not data.get("publication_name", "").strip()
        ):
            self.add_error(
                "publication_name", _("Vul de naam in waaronder wij uw reactie publiceren.")
            )
        # One error at a time: an address that is not valid is not also called missing.
        if (
            data.get("contact_consent")
            and not data.get("contact_email")
            and "contact_email" not in self.errors
        ):
            self.add_error(
                "contact_email", _("Vul een e-mailadres in, zodat wij contact kunnen opnemen.")
            )
        return data

    @classmethod
    def initial_from(cls, response: Response) -> dict[str, Any]:
        return {
            "respondent_kind": response.respondent_kind,
            "organisation_name": response.organisation_name,
            "stakeholder_type": response.stakeholder_type,
            "company_size": response.company_size,
            "sector": response.sector,
            "country": str(response.country or ""),
            "covenants": response.covenants,
            "publication_consent": response.publication_consent,
            "contact_consent": response.contact_consent,
            "contact_email": response.contact_email,
            "publication_name": response.publication_name,
        }

    def to_profile(self) -> ProfileData:
        data = self.cleaned_data
        return ProfileData(
            respondent_kind=data.get("respondent_kind", ""),
            stakeholder_type=data.get("stakeholder_type", ""),
            organisation_name=data.get("organisation_name", "").strip(),
            company_size=data.get("company_size", ""),
            sector=data.get("sector", ""),
            country=data.get("country", ""),
            covenants=list(data.get("covenants", [])),
            publication_consent=data.get("publication_consent", ""),
            contact_consent=bool(data.get("contact_consent")),
            contact_email=data.get("contact_email", ""),
            publication_name=data.get("publication_name", "").strip(),
        )
