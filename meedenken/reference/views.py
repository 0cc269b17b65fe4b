"""Public pages of the international comparison: browse with filters, one fact, a comparison.
Plain GET forms: everything works without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from meedenken.reference import selectors
from meedenken.reference.models import FactKind, InstrumentType, Issue, ReferenceFact, Scope

UNVERIFIED = "unverified"

# columns of the source rows shown in the detail and the comparison, with their labels
ASPECTS: list[tuple[str, Any]] = [
    ("year_adopted", _("Aangenomen")),
    ("in_force", _("In werking")),
    ("type", _("Soort verplichting")),
    ("scope_employees", _("Reikwijdte: werknemers")),
    ("scope_turnover", _("Reikwijdte: omzet")),
    ("scope_other", _("Reikwijdte: overig")),
    ("human_rights", _("Mensenrechten")),
    ("child_labour", _("Kinderarbeid")),
    ("forced_labour", _("Dwangarbeid")),
    ("environment", _("Milieu")),
    ("climate", _("Klimaat")),
    ("issues_note", _("Onderwerpen, toelichting")),
    ("value_chain", _("Deel van de keten")),
    ("regulator", _("Toezicht en handhaving")),
    ("fines", _("Boetes")),
    ("civil_liability", _("Civiele aansprakelijkheid")),
    ("status_note", _("Stand van zaken")),
    ("sector", _("Sector")),
    ("signed", _("Ondertekend")),
    ("effective_or_start", _("Start")),
    ("end", _("Einde")),
    ("term", _("Looptijd")),
    ("main_parties", _("Partijen")),
    ("secretariat", _("Secretariaat")),
    ("notes", _("Toelichting")),
    ("number", _("Nummer")),
    ("summary", _("Samenvatting")),
    ("verification", _("Controle van de bron")),
]


class FactFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    land = forms.ChoiceField(label=_("Land of gebied"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort instrument"),
        required=False,
        choices=[("", _("alle soorten")), *InstrumentType.choices],
    )
    reikwijdte = forms.ChoiceField(
        label=_("Reikwijdte"), required=False, choices=[("", _("alle")), *Scope.choices]
    )
    onderwerp = forms.ChoiceField(
        label=_("Onderwerp"), required=False, choices=[("", _("alle onderwerpen")), *Issue.choices]
    )

    def __init__(self, *args: Any, countries: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["land"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("alle landen")), *((c, c) for c in countries)]

    def filters(self) -> selectors.FactFilter:
        if not self.is_valid():
            return selectors.FactFilter()
        data = self.cleaned_data
        return selectors.FactFilter(
            country=data["land"],
            instrument_type=data["soort"],
            scope=data["reikwijdte"],
            issue=data["onderwerp"],
            text=data["q"].strip(),
        )


def cell(value: str) -> dict[str, Any]:
    return {"text": value, "unverified": UNVERIFIED in value.lower()}


def aspects_of(facts: list[ReferenceFact]) -> list[dict[str, Any]]:
    rows = []
    for column, label in ASPECTS:
        values = [str(fact.details.get(column, "")) for fact in facts]
        if any(values):
            rows.append({"label": label, "cells": [cell(v or "—") for v in values]})
    return rows


def labels(fact: ReferenceFact) -> dict[str, Any]:
    types = dict(InstrumentType.choices)
    issues = dict(Issue.choices)
    return {
        "fact": fact,
        "kind": dict(FactKind.choices).get(fact.kind, fact.kind),
        "types": [types.get(t, t) for t in fact.instrument_type_list],
        "issues": [issues.get(i, i) for i in fact.issue_list],
        "scope": dict(Scope.choices).get(fact.scope, ""),
    }


@require_GET
def fact_list(request: HttpRequest) -> HttpResponse:
    form = FactFilterForm(request.GET or None, countries=selectors.list_countries())
    facts = [labels(f) for f in selectors.list_facts(form.filters())]
    return render(
        request,
        "reference/list.html",
        {
            "form": form,
            "facts": facts,
            "filtered": bool(request.GET),
            "max": selectors.MAX_COMPARED,
        },
    )


@require_GET
def fact_detail(request: HttpRequest, key: str) -> HttpResponse:
    fact = selectors.get_fact(key)
    if fact is None:
        raise Http404
    return render(
        request,
        "reference/detail.html",
        {"item": labels(fact), "aspects": aspects_of([fact])},
    )


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    keys = request.GET.getlist("feit")
    facts = selectors.get_facts_to_compare(keys)
    return render(
        request,
        "reference/compare.html",
        {
            "items": [labels(f) for f in facts],
            "aspects": aspects_of(facts),
            "too_many": len(set(keys)) > selectors.MAX_COMPARED,
            "max": selectors.MAX_COMPARED,
        },
        status=200 if facts else 400,
    )
