"""Conditional questions on the server: which questions apply to a response, given its profile
and its answers. The page hides what does not apply (or, without JavaScript, says when to skip
it); the server never requires, keeps or counts an answer to a question that does not apply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from meedenken.consultations.models import Question
from meedenken.responses.models import Response


def condition_met(
    question: Question, response: Response, values_by_question: Mapping[int, list[str]]
) -> bool:
    """Whether `question` applies, with `values_by_question` the chosen values per question id
    (only of questions that apply themselves: a hidden question's answer decides nothing)."""
    if not question.is_conditional:
        return True
    wanted = set(question.show_if_values)
    if question.show_if_profile:
        return str(getattr(response, question.show_if_profile, "") or "") in wanted
    return bool(wanted & set(values_by_question.get(question.show_if_question_id or 0, [])))


def applicable_ids(
    response: Response, questions: Iterable[Question], values_by_question: Mapping[int, list[str]]
) -> set[int]:
    """The ids of the questions that apply, in questionnaire order: a question whose condition
    hangs on a question that does not apply, does not apply either."""
    seen: dict[int, list[str]] = {}
    applicable: set[int] = set()
    for question in questions:
        if condition_met(question, response, seen):
            applicable.add(question.pk)
            seen[question.pk] = list(values_by_question.get(question.pk, []))
    return applicable
