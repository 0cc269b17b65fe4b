"""The respond flow's pages around the forms: the steps, their numbers and the error summary.

Sections are numbered 1..n in their display order, the same numbers the consultation page shows,
so "onderdeel 2" means one thing everywhere; the profile and the review step carry no number."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries import countries

from meedenken.consultations.models import Consultation, Section
from meedenken.responses.email_forms import LinkEmailForm
from meedenken.responses.forms import SectionForm
from meedenken.responses.models import Response
from meedenken.responses.profile import covenant_choices
from meedenken.responses.profile_form import ProfileForm
from meedenken.responses.selectors import get_sections_with_questions


def step_url(name: str, consultation: Consultation, secret: str, *args: Any) -> str:
    return reverse(f"responses:{name}", args=[consultation.slug, secret, *args])


def numbered_title(number: int, section: Section) -> str:
    return f"{number}. {section.t('title')}"


def steps(consultation: Consultation, sections: list[Section], secret: str) -> list[dict[str, Any]]:
    """The stepper: profile, each section, review."""
    items = [
        {"key": "profile", "title": _("Over u"), "url": step_url("profile", consultation, secret)}
    ]
    for number, section in enumerate(sections, start=1):
        items.append(
            {
                "key": f"section-{number}",
                "title": numbered_title(number, section),
                "url": step_url("section", consultation, secret, number),
            }
        )
    items.append(
        {
            "key": "review",
            "title": _("Controleren en versturen"),
            "url": step_url("review", consultation, secret),
        }
    )
    return items


def flow_context(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str, current: str
) -> dict[str, Any]:
    sections = get_sections_with_questions(consultation)
    for number, section in enumerate(sections, start=1):
        section.number = number  # type: ignore[attr-defined]  # read by the templates
    all_steps = steps(consultation, sections, secret)
    index = next(i for i, step in enumerate(all_steps) if step["key"] == current)
    return {
        "consultation": consultation,
        "response": response,
        "secret": secret,
        "sections": sections,
        "steps": all_steps,
        "current_step": all_steps[index],
        "step_number": index + 1,
        "previous_step": all_steps[index - 1] if index > 0 else None,
        "next_step": all_steps[index + 1] if index + 1 < len(all_steps) else None,
        "secret_url": request.build_absolute_uri(step_url("resume", consultation, secret)),
        "link_form": LinkEmailForm(),
        "here": all_steps[index]["url"],
    }


def labelled(label: object, message: object) -> str:
    """ "Naam organisatie: Dit veld is verplicht." but "Hoe reageert u? Dit veld is verplicht." """
    label = str(label).strip()
    return f"{label} {message}" if label.endswith(("?", ".", ":", "!")) else f"{label}: {message}"


def error_summary(form: ProfileForm | SectionForm) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the list of errors at the top of the page."""
    if isinstance(form, SectionForm):
        return [
            (f"#{block.anchor}", labelled(block.question.t("text"), error))
            for block in form.blocks()
            for error in block.errors
        ]
    return [
        (
            f"#id_{name}" if name in form.fields else "#main",
            labelled(form.fields[name].label, error) if name in form.fields else str(error),
        )
        for name, errors in form.errors.items()
        for error in errors
    ]


def profile_rows(response: Response) -> list[tuple[str, str]]:
    """The profile and consent as the review page shows them: (question, answer) in the
    respondent's language; what does not apply to them is left out."""
    covenants = dict(covenant_choices())
    not_given = _("(niet ingevuld)")
    rows: list[tuple[str, str]] = [
        (_("Hoe reageert u?"), response.get_respondent_kind_display() or not_given),
    ]
    if response.organisation_name:
        rows.append((_("Naam van de organisatie"), response.organisation_name))
    rows.append(
        (_("Wat voor soort belanghebbende bent u?"), response.get_stakeholder_type_display())
    )
    if response.company_size:
        rows.append((_("Hoe groot is het bedrijf?"), response.get_company_size_display()))
    rows += [
        (_("Sector"), response.get_sector_display() or not_given),
        (
            _("Land van vestiging"),
            str(countries.name(str(response.country))) if response.country else not_given,
        ),
        (
            _("Aan welke IMVO-convenanten neemt of nam u deel?"),
            "; ".join(str(covenants.get(c, c)) for c in response.covenants) or _("geen"),
        ),
        (
            _("Mogen wij uw reactie publiceren?"),
            response.get_publication_consent_display() or not_given,
        ),
    ]
    if response.publication_name:
        rows.append((_("Naam bij publicatie"), response.publication_name))
    rows.append(
        (
            _("U mag contact met mij opnemen over mijn reactie"),
            _("ja, via %(email)s") % {"email": response.contact_email}
            if response.contact_consent
            else _("nee"),
        )
    )
    return [(str(label), str(value or not_given)) for label, value in rows]
