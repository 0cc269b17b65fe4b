"""Staff authoring of consultations: sections inline, questions inline per section, choices
inline per question (Django's admin has no nested inlines, so each level links to the next)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from meedenken.audit.admin_mixins import AuditedModelAdmin
from meedenken.consultations.models import Choice, Consultation, Document, Question, Section
from meedenken.consultations.services import check_publishable


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["order", "title_nl", "title_en", "file", "url", "language"]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["order", "title_nl", "title_en", "intro_nl", "intro_en"]
    show_change_link = True


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = [
        ("order", "key", "kind", "required"),
        ("text_nl", "text_en"),
        ("help_nl", "help_en"),
        ("max_length", "max_choices"),
        ("scale_low_nl", "scale_low_en", "scale_high_nl", "scale_high_en"),
    ]
    show_change_link = True


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["order", "value", "label_nl", "label_en", "exclusive"]


class ConsultationForm(forms.ModelForm):
    """Publishing goes through the checklist: an empty or half-translated consultation stays a
    draft, with every problem named."""

    class Meta:
        model = Consultation
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("published_at"):
            texts = {
                name: data.get(name, "")
                for name in (
                    "title_nl",
                    "title_en",
                    "summary_nl",
                    "summary_en",
                    "explainer_nl",
                    "explainer_en",
                )
            }
            problems = check_publishable(
                self.instance,
                opens_at=data.get("opens_at"),
                closes_at=data.get("closes_at"),
                texts=texts,
            )
            if problems:
                raise forms.ValidationError(
                    [_("Nog niet publiceren: %(problem)s") % {"problem": p} for p in problems]
                )
        return data


@admin.register(Consultation)
class ConsultationAdmin(AuditedModelAdmin):
    form = ConsultationForm
    list_display = ["title_nl", "slug", "phase_label", "opens_at", "closes_at", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["title_nl", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_nl"]}
    inlines = [DocumentInline, SectionInline]
    fieldsets = [
        (None, {"fields": ["slug", "organisation", "is_demo"]}),
        (
            _("Teksten"),
            {
                "fields": [
                    ("title_nl", "title_en"),
                    ("summary_nl", "summary_en"),
                    "explainer_nl",
                    "explainer_en",
                ]
            },
        ),
        (
            _("Fasen"),
            {"fields": ["published_at", ("opens_at", "closes_at"), ("analysed_at", "reported_at")]},
        ),
    ]

    @admin.display(description=_("fase"))
    def phase_label(self, obj: Consultation) -> str:
        return str(obj.phase.label)

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        """Name both inputs of a split date-time field: Django 5.2's admin widget labels neither
        (axe-core: critical), so a screen reader would only say "edit text"."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and formfield is not None:
            date_input, time_input = formfield.widget.widgets
            for widget, part in ((date_input, _("Date:")), (time_input, _("Time:"))):
                widget.attrs["aria-label"] = f"{formfield.label}, {str(part).rstrip(':').lower()}"
        return formfield


@admin.register(Section)
class SectionAdmin(AuditedModelAdmin):
    list_display = ["title_nl", "consultation", "order"]
    list_filter = ["consultation"]
    search_fields = ["title_nl", "title_en"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(AuditedModelAdmin):
    list_display = ["text_nl", "section", "kind", "required", "order"]
    list_filter = ["kind", "section__consultation"]
    search_fields = ["text_nl", "text_en", "key"]
    inlines = [ChoiceInline]
