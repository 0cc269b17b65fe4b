"""Forms of the respond flow. Required answers are enforced only when the respondent moves on
(`strict=True`); saving a draft checks format only. Nothing is saved when a form is invalid."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Question, QuestionKind
from meedenken.responses.conditions import condition_met
from meedenken.responses.models import Answer, Response
from meedenken.responses.services import AnswerValue, check_choice_values

REQUIRED_MESSAGE = _("Dit veld is verplicht.")
TOO_LONG = _(
    "Uw tekst is %(show_value)d tekens lang; hier passen er hoogstens %(limit_value)d. "
    "Maak hem korter, of voeg een langere tekst toe als position paper."
)
SCALE_POINTS = (1, 2, 3, 4, 5)


def show_required(field: forms.Field, shown: bool) -> None:
    """Mark a field "(verplicht)" in its label (responses/_field.html) while leaving the check to
    clean(), so that a draft can be saved without it."""
    field.show_required = shown  # type: ignore[attr-defined]  # read by the template only


def question_anchor(question_id: int) -> str:
    """The id of a question's block on its section page, for links from error lists."""
    return f"vraag-{question_id}"


def ranking_field_name(question: Question, value: str) -> str:
    return f"{question.field_name}__{value}"


@dataclass(frozen=True)
class QuestionBlock:
    """What the template needs to render one question: the question and its bound fields;
    `show_if` names the field on this page that decides whether it applies, with its values."""

    question: Question
    fields: list[forms.BoundField]
    errors: list[str]
    anchor: str
    show_if: tuple[str, str, str] | None = None  # (field name, JSON values, hint)


def condition_hint(question: Question) -> str:
    """ "Alleen als u bij “Was u lid?” koos voor: Ja." for a question shown on a condition."""
    controller = question.show_if_question
    if controller is None:
        return ""
    labels = [c.t("label") for c in controller.choices.all() if c.value in question.show_if_values]
    return str(
        _("Alleen als u bij “%(question)s” koos voor: %(values)s.")
        % {"question": controller.t("text"), "values": ", ".join(labels)}
    )


class SectionForm(forms.Form):
    """One field per question (ranking: one rank select per option)."""

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        strict: bool = True,
        response: Response | None = None,
        stored_values: dict[int, list[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """`stored_values`: the chosen values of the questions on other pages, by question id.
        A question whose condition depends on another page or the profile is left out when it
        does not apply; one that depends on a question on this page is decided on submit."""
        super().__init__(*args, **kwargs)
        self.response = response
        self.stored_values = dict(stored_values or {})
        page = {question.pk for question in questions}
        self.live = {q.pk for q in questions if q.is_conditional and q.show_if_question_id in page}
        self.questions = [
            q
            for q in questions
            if response is None
            or q.pk in self.live
            or condition_met(q, response, self.stored_values)
        ]
        self.strict = strict
        questions = self.questions
        for question in questions:
            for name, field in self._fields_for(question):
                self.fields[name] = field

    def _fields_for(self, question: Question) -> list[tuple[str, forms.Field]]:
        label = question.t("text")
        help_text = question.t("help")
        choices = [(c.value, c.t("label")) for c in question.choices.all()]
        name = question.field_name
        if question.kind == QuestionKind.OPEN_TEXT:
            field: forms.Field = forms.CharField(
                label=label,
                help_text=help_text,
                max_length=question.max_length,
                required=False,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 6}),
                error_messages={"max_length": TOO_LONG},
            )
            # No maxlength attribute: a browser would cut pasted text off without a word. The
            # server says how much too long it is; a script counts along as the person types.
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["data-max-length"] = str(question.max_length)
            show_required(field, question.required)
            return [(name, field)]
        if question.kind == QuestionKind.SINGLE_CHOICE:
            field = forms.ChoiceField(
                label=label, help_text=help_text, choices=choices, widget=forms.RadioSelect
            )
        elif question.kind == QuestionKind.MULTIPLE_CHOICE:
            if question.max_choices:
                rule = _("Kies hoogstens %(n)s.") % {"n": question.max_choices}
                help_text = f"{help_text} {rule}".strip()
            field = forms.MultipleChoiceField(
                label=label,
                help_text=help_text,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
            )
        elif question.kind == QuestionKind.SCALE:
            low, high = question.t("scale_low"), question.t("scale_high")
            scale_choices = [(str(point), str(point)) for point in SCALE_POINTS]
            if low:
                scale_choices[0] = ("1", f"1: {low}")
            if high:
                scale_choices[-1] = ("5", f"5: {high}")
            field = forms.TypedChoiceField(
                label=label,
                help_text=help_text,
                choices=scale_choices,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        else:  # ranking: every option gets a rank select
            rank_choices = [("", "-")] + [(str(i), str(i)) for i in range(1, len(choices) + 1)]
            return [
                (
                    ranking_field_name(question, value),
                    forms.TypedChoiceField(
                        label=option_label,
                        choices=rank_choices,
                        coerce=int,
                        empty_value=None,
                        required=False,
                    ),
                )
                for value, option_label in choices
            ]
        field.required = False
        show_required(field, question.required)
        return [(name, field)]

    @staticmethod
    def initial_from(questions: list[Question], answers: dict[int, Answer]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for question in questions:
            answer = answers.get(question.pk)
            if answer is None:
                continue
            name = question.field_name
            if question.kind == QuestionKind.OPEN_TEXT:
                initial[name] = answer.text
            elif question.kind == QuestionKind.SINGLE_CHOICE:
                initial[name] = answer.values[0] if answer.values else ""
            elif question.kind == QuestionKind.MULTIPLE_CHOICE:
                initial[name] = answer.values
            elif question.kind == QuestionKind.SCALE:
                initial[name] = str(answer.scale) if answer.scale else ""
            else:
                for rank, value in enumerate(answer.values, start=1):
                    initial[ranking_field_name(question, value)] = str(rank)
        return initial

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self.answer_values: dict[Question, AnswerValue] = {}
        seen = dict(self.stored_values)
        for question in self.questions:
            if self.response is not None and not condition_met(question, self.response, seen):
                # Does not apply after what was chosen above: not required, not kept.
                for name in self._names_of(question):
                    self.errors.pop(name, None)
                self.answer_values[question] = AnswerValue()
                continue
            value = self._answer_value(question, data)
            if value is None:
                continue
            seen[question.pk] = value.values
            is_empty = not value.text and not value.values and value.scale is None
            if self.strict and question.required and is_empty:
                self._add_question_error(question, REQUIRED_MESSAGE)
                continue
            self.answer_values[question] = value
        return data

    def _answer_value(self, question: Question, data: dict[str, Any]) -> AnswerValue | None:
        name = question.field_name
        if question.kind == QuestionKind.RANKING:
            ranks: dict[str, int] = {}
            for choice in question.choices.all():
                field_name = ranking_field_name(question, choice.value)
                if field_name in self.errors:
                    return None
                if data.get(field_name) is not None:
                    ranks[choice.value] = data[field_name]
            if len(set(ranks.values())) != len(ranks):
                self._add_question_error(question, _("Geef elke optie een andere plaats."))
                return None
            return AnswerValue(values=sorted(ranks, key=ranks.__getitem__))
        if name in self.errors:
            return None
        raw = data.get(name)
        if question.kind == QuestionKind.OPEN_TEXT:
            return AnswerValue(text=raw or "")
        if question.kind == QuestionKind.SINGLE_CHOICE:
            return AnswerValue(values=[raw] if raw else [])
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            values = list(raw or [])
            problem = check_choice_values(question, values)
            if problem:
                self._add_question_error(question, problem)
                return None
            return AnswerValue(values=values)
        return AnswerValue(scale=raw)

    def _add_question_error(self, question: Question, message: Any) -> None:
        # A ranking's error sits on its first rank select; blocks() gathers it for the question.
        name = question.field_name
        if question.kind == QuestionKind.RANKING:
            name = ranking_field_name(question, question.choices.all()[0].value)
        self.add_error(name, message)

    def _names_of(self, question: Question) -> list[str]:
        return [name for name in self.fields if name.split("__")[0] == question.field_name]

    def blocks(self) -> list[QuestionBlock]:
        blocks = []
        for question in self.questions:
            bound = [self[name] for name in self._names_of(question)]
            errors = [str(e) for field in bound for e in field.errors]
            show_if = None
            if question.pk in self.live and question.show_if_question is not None:
                show_if = (
                    question.show_if_question.field_name,
                    json.dumps(list(question.show_if_values)),
                    condition_hint(question),
                )
            blocks.append(
                QuestionBlock(question, bound, errors, question_anchor(question.pk), show_if)
            )
        return blocks
