"""Staff authoring of consultations: sections inline, questions inline per section, choices
inline per question (Django's admin has no nested inlines, so each level links to the next)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meedenken.audit.admin_mixins import AuditedModelAdmin
from meedenken.consultations.models import (
    CONDITION_KINDS,
    Choice,
    Consultation,
    Document,
    Question,
    QuestionVersion,
    Section,
)
from meedenken.consultations.services import (
    check_publishable,
    check_question_condition,
    do_keep_question_version,
    get_question_version,
)


class LabelledInputs:
    """Each input of a table row named for screen readers: a tabular inline labels its inputs
    only by the column heading, which axe-core reports as unlabelled (critical)."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is not None:
            formfield.widget.attrs.setdefault("aria-label", str(formfield.label))
        return formfield


class LabelledFormSet(BaseInlineFormSet):
    """The "delete" box of each table row named too (its column heading alone is not a label)."""

    def add_fields(self, form: Any, index: Any) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Deze rij verwijderen")


class DocumentInline(admin.StackedInline):
    # Stacked, not a table: six inputs side by side made the editor 2,131 px wide.
    model = Document
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [("order", "language"), ("title_nl", "title_en"), ("file", "url")]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["order", "title_nl", "title_en", "intro_nl", "intro_en"]
    show_change_link = True


class ValuesField(forms.CharField):
    """A list of choice values typed as "yes, dont_know" (a JSON list in the database)."""

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return super().prepare_value(value)  # type: ignore[no-any-return]

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return [str(v) for v in value]
        return [part.strip() for part in str(value or "").split(",") if part.strip()]


class QuestionForm(forms.ModelForm):
    """A question with its show-if condition checked (consultations.services)."""

    show_if_values = ValuesField(
        label=_("bij deze waarden"),
        required=False,
        help_text=_(
            "De waarden (niet de labels), gescheiden door komma’s, bijvoorbeeld: ja, weet_niet"
        ),
    )

    class Meta:
        model = Question
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answered = self.instance.answers.count() if self.instance.pk else 0
        if answered and "kind" in self.fields:
            # A type change would bend the answers already given: locked, and said why.
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = ngettext(
                "Deze vraag heeft al %(n)s antwoord: de soort vraag kan niet meer veranderen. "
                "Een nieuwe tekst wordt als nieuwe versie bewaard; het antwoord houdt de versie "
                "die werd beantwoord.",
                "Deze vraag heeft al %(n)s antwoorden: de soort vraag kan niet meer veranderen. "
                "Een nieuwe tekst wordt als nieuwe versie bewaard; elk antwoord houdt de versie "
                "die werd beantwoord.",
                answered,
            ) % {"n": answered}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        probe = Question(
            pk=self.instance.pk,
            section=data.get("section") or getattr(self.instance, "section", None),
            order=data.get("order") or 0,
            show_if_question=data.get("show_if_question"),
            show_if_profile=data.get("show_if_profile", ""),
            show_if_values=data.get("show_if_values") or [],
        )
        problems = check_question_condition(probe) if probe.section_id else []
        if problems:
            self.add_error("show_if_values", problems)
        return data


QUESTION_FIELDS: list[str | list[str] | tuple[str, ...] | tuple[()]] = [
    ("order", "key", "kind", "required"),
    ("text_nl", "text_en"),
    ("help_nl", "help_en"),
    ("max_length", "max_choices"),
    ("scale_low_nl", "scale_low_en", "scale_high_nl", "scale_high_en"),
    ("show_if_question", "show_if_profile", "show_if_values"),
]


def limit_conditions(form: Any, consultation: Consultation | None) -> None:
    """Offer only the choice questions of the same consultation to depend on."""
    field = form.base_fields["show_if_question"]
    assert isinstance(field, forms.ModelChoiceField)
    questions = Question.objects.filter(kind__in=CONDITION_KINDS)
    if consultation is not None:
        questions = questions.filter(section__consultation=consultation)
    field.queryset = questions.select_related("section").order_by(
        "section__order", "section_id", "order", "id"
    )


class QuestionInline(admin.StackedInline):
    model = Question
    form = QuestionForm
    extra = 0
    fields = QUESTION_FIELDS
    show_change_link = True

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        limit_conditions(formset.form, obj.consultation if obj is not None else None)
        return formset


class ChoiceInline(LabelledInputs, admin.TabularInline):
    formset = LabelledFormSet
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

    def view_on_site(self, obj: Consultation) -> str:
        """The admin's "bekijk op site" button opens the staff preview, drafts too."""
        return reverse("responses:preview", args=[obj.slug])

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
        (_("Bewaartermijn"), {"fields": [("retention_days", "retention_action")]}),
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


class QuestionVersionInline(admin.TabularInline):
    """What respondents saw, version by version; kept by the platform, never edited."""

    model = QuestionVersion
    extra = 0
    can_delete = False
    fields = ["number", "text_nl", "text_en", "created_at", "answer_count"]
    readonly_fields = ["number", "text_nl", "text_en", "created_at", "answer_count"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever may see the question sees what respondents saw of it (no separate grant).
        return request.user.has_perm("consultations.view_question")

    @admin.display(description=_("antwoorden"))
    def answer_count(self, obj: QuestionVersion) -> int:
        return obj.answers.count()


def record_versions(questions: list[Question]) -> None:
    """After staff saved questions: a question with answers gets its new wording as a version."""
    for question in questions:
        if question.pk and question.answers.exists():
            get_question_version(question)


@admin.register(Section)
class SectionAdmin(AuditedModelAdmin):
    list_display = ["title_nl", "consultation", "order"]
    list_filter = ["consultation"]
    search_fields = ["title_nl", "title_en"]
    inlines = [QuestionInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Question:
            for question_form in formset.forms:
                if question_form.instance.pk and question_form.has_changed():
                    do_keep_question_version(question_form.instance.pk)
        super().save_formset(request, form, formset, change)
        if formset.model is Question:
            record_versions([f.instance for f in formset.forms if f.instance.pk])


@admin.register(Question)
class QuestionAdmin(AuditedModelAdmin):
    form = QuestionForm
    inlines = [ChoiceInline, QuestionVersionInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            do_keep_question_version(obj.pk)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        record_versions([form.instance])

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        if "show_if_question" in form.base_fields:
            limit_conditions(form, obj.section.consultation if obj is not None else None)
        return form

    list_display = ["text_nl", "section", "kind", "required", "order"]
    list_filter = ["kind", "section__consultation"]
    search_fields = ["text_nl", "text_en", "key"]
