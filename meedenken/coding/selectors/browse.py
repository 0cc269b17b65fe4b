"""The answers browser: one question's submitted answers with profile, language, consent, human
codes, proposals of the current run, campaign and personal-data flags, filtered and searched.

A page costs the same number of queries whatever its size or the number of answers (a test
asserts it): one count, the ids of one page, those answers with their responses, and one query
per kind of attached data. Count and ids are read from the answers' search rows
(`filter_rows`: question, profile and search vector in one table, so no join), and the count is
exact up to `COUNT_CAP` answers (or up to the page asked for): beyond that the page says "more
than 1,000" and offers the exact count on request (`exact`); docs/benchmarks.md has the
figures. `filter_answers` filters the same way through the responses, for other readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet

from meedenken.coding.models import (
    AnswerAnalysis,
    AnswerSearchRow,
    Campaign,
    CodeAssignment,
    CodeProposal,
    CodingPass,
    PersonalDataSpan,
    PrivacyReview,
    SpanStatus,
)
from meedenken.coding.search import search_answers, search_rows
from meedenken.coding.selectors.blind import first_codes_by
from meedenken.consultations.models import Question
from meedenken.responses.models import Answer, ResponseStatus

Rows = TypeVar("Rows", bound=Model)  # answers, or their search rows

PER_PAGE = 25
COUNT_CAP = 1_000
LOW_CONFIDENCE = 0.5  # an uncoded answer whose best proposal is below this is "low confidence"

STATUSES = ("uncoded", "coded", "low_confidence", "second_coded", "not_second_coded")
CAMPAIGN_FILTERS = ("any", "none")
PERSONAL_DATA_FILTERS = ("detected", "unreviewed", "reviewed")


@dataclass(frozen=True)
class AnswerFilters:
    """What the analyst narrows the list to; empty values filter nothing."""

    q: str = ""
    stakeholder_type: str = ""
    sector: str = ""
    country: str = ""
    company_size: str = ""
    covenant: str = ""
    organisation: str = ""
    consent: str = ""
    channel: str = ""
    language: str = ""
    code: int | None = None
    proposed: int | None = None
    campaign: str = ""  # "any", "none" or a campaign key of the current run
    personal_data: str = ""  # "detected" (not yet decided), "unreviewed", "reviewed"
    status: str = ""  # one of STATUSES
    # "<question id>:<value>": respondents who ticked that choice (or scale point) on a closed
    # question of the same consultation
    closed: str = ""

    def without(self, **changes: Any) -> AnswerFilters:
        return replace(self, **changes)

    @property
    def active(self) -> bool:
        """Any filter besides the search term (which has its own box)."""
        return any(
            getattr(self, name) not in ("", None)
            for name in self.__dataclass_fields__
            if name != "q"
        )


@dataclass
class AnswerPage:
    page: Page[Answer]
    answers: list[Answer]
    total: int  # exact, or the cap when `more` (then there are more than `total`)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    more: bool = False


class _CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator that is told its count (a capped one) instead of counting itself."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _page_number(value: int | str | None) -> int:
    try:
        return max(1, int(value or 1))
    except (TypeError, ValueError):
        return 1


NO_RUN = 0  # run ids start at 1: before the first analysis run no row matches


def _run(run_id: int | None) -> int:
    return NO_RUN if run_id is None else run_id


def submitted_answers(question: Question) -> QuerySet[Answer]:
    """The non-empty answers to `question` of submitted responses (withdrawn ones are out)."""
    return Answer.objects.filter(
        question=question, response__status=ResponseStatus.SUBMITTED
    ).exclude(text="")


def ticked_answers(closed: str, response: Any) -> QuerySet[Answer]:
    """The answers of `response` (an id or an OuterRef) to the closed question in `closed`
    ("<question id>:<value>") that chose that value: a choice among `values` (stored as a JSON
    list of slugs, so the quoted value matches exactly one) or the scale point."""
    question_id, _, value = closed.partition(":")
    if not question_id.isdigit() or not value:
        return Answer.objects.none()
    chose = Q(values__icontains=f'"{value}"')
    if value.isdigit():
        chose |= Q(scale=int(value))
    return Answer.objects.filter(chose, response=response, question_id=int(question_id))


def _filter_profile(rows: QuerySet[Rows], f: AnswerFilters, prefix: str) -> QuerySet[Rows]:
    """The respondent's profile: read through the response (`prefix` "response__") or from the
    copy in the search row (`prefix` "")."""
    for name in ("stakeholder_type", "sector", "country", "company_size"):
        if getattr(f, name):
            rows = rows.filter(**{f"{prefix}{name}": getattr(f, name)})
    if f.consent:
        rows = rows.filter(**{f"{prefix}publication_consent": f.consent})
    if f.channel:
        rows = rows.filter(**{f"{prefix}channel": f.channel})
    if f.covenant:
        rows = rows.filter(**{f"{prefix}covenants__icontains": f'"{f.covenant}"'})
    if f.organisation:
        rows = rows.filter(**{f"{prefix}organisation_name__icontains": f.organisation})
    if f.closed:
        rows = rows.filter(Exists(ticked_answers(f.closed, OuterRef("response_id"))))
    return rows


def _filter_attached(rows: QuerySet[Rows], f: AnswerFilters, run_id: int | None) -> QuerySet[Rows]:
    """What is attached to the answer (codes, proposals, analysis, personal data), by the
    answer's id: `pk` both of an answer and of its search row."""
    analysis = AnswerAnalysis.objects.filter(answer=OuterRef("pk"), run_id=_run(run_id))
    if f.language:
        rows = rows.filter(Exists(analysis.filter(language=f.language)))
    first = CodeAssignment.objects.filter(answer=OuterRef("pk"), coding_pass=CodingPass.FIRST)
    second = CodeAssignment.objects.filter(answer=OuterRef("pk"), coding_pass=CodingPass.SECOND)
    if f.code:
        rows = rows.filter(Exists(first.filter(code_id=f.code)))
    if f.proposed:
        rows = rows.filter(
            Exists(
                CodeProposal.objects.filter(
                    answer=OuterRef("pk"), run_id=_run(run_id), code_id=f.proposed, rejected_at=None
                )
            )
        )
    if f.campaign == "any":
        rows = rows.filter(Exists(analysis.exclude(campaign_key="")))
    elif f.campaign == "none":
        rows = rows.exclude(Exists(analysis.exclude(campaign_key="")))
    elif f.campaign:
        rows = rows.filter(Exists(analysis.filter(campaign_key=f.campaign)))
    spans = PersonalDataSpan.objects.filter(answer=OuterRef("pk"))
    reviewed = PrivacyReview.objects.filter(answer=OuterRef("pk"))
    if f.personal_data == "detected":
        rows = rows.filter(Exists(spans.filter(status=SpanStatus.DETECTED)))
    elif f.personal_data == "unreviewed":
        rows = rows.exclude(Exists(reviewed))
    elif f.personal_data == "reviewed":
        rows = rows.filter(Exists(reviewed))
    if f.status == "uncoded":
        rows = rows.exclude(Exists(first))
    elif f.status == "coded":
        rows = rows.filter(Exists(first))
    elif f.status == "low_confidence":
        confident = analysis.filter(top_confidence__gte=LOW_CONFIDENCE)
        rows = rows.exclude(Exists(first)).exclude(Exists(confident))
    elif f.status == "second_coded":
        rows = rows.filter(Exists(second))
    elif f.status == "not_second_coded":
        rows = rows.exclude(Exists(second))
    return rows


def filter_answers(
    answers: QuerySet[Answer], filters: AnswerFilters, run_id: int | None
) -> QuerySet[Answer]:
    """`answers` narrowed by `filters`, reading the profile through the responses."""
    answers = _filter_attached(_filter_profile(answers, filters, "response__"), filters, run_id)
    return search_answers(answers, filters.q)


def filter_rows(
    question: Question, filters: AnswerFilters, run_id: int | None
) -> QuerySet[AnswerSearchRow]:
    """The same answers as `filter_answers(submitted_answers(question), ...)`, as search rows:
    one table with the profile and (PostgreSQL) the search vector, so no join is needed."""
    rows = AnswerSearchRow.objects.filter(
        question=question, status=ResponseStatus.SUBMITTED, has_text=True
    )
    rows = _filter_attached(_filter_profile(rows, filters, ""), filters, run_id)
    return search_rows(rows, filters.q)


def with_details(answers: QuerySet[Answer], run_id: int | None) -> QuerySet[Answer]:
    """Attach everything a row shows, in a fixed number of queries."""
    return answers.select_related("response", "privacy_review").prefetch_related(
        Prefetch(
            "code_assignments",
            queryset=CodeAssignment.objects.select_related("code").order_by(
                "code__order", "code_id"
            ),
            to_attr="all_assignments",
        ),
        Prefetch(
            "code_proposals",
            queryset=CodeProposal.objects.filter(run_id=_run(run_id), rejected_at=None)
            .select_related("code")
            .order_by("-confidence"),
            to_attr="current_proposals",
        ),
        Prefetch(
            "personal_data", queryset=PersonalDataSpan.objects.order_by("start"), to_attr="spans"
        ),
        Prefetch(
            "analyses",
            queryset=AnswerAnalysis.objects.filter(run_id=_run(run_id)),
            to_attr="run_analyses",
        ),
    )


def decorate(answer: Answer) -> Answer:
    """Split the prefetched rows into what templates read."""
    assignments = getattr(answer, "all_assignments", [])
    answer.human_codes = [a for a in assignments if a.coding_pass == CodingPass.FIRST]  # type: ignore[attr-defined]
    answer.second_codes = [a for a in assignments if a.coding_pass == CodingPass.SECOND]  # type: ignore[attr-defined]
    human = {a.code_id for a in answer.human_codes}  # type: ignore[attr-defined]
    answer.open_proposals = [  # type: ignore[attr-defined]
        p for p in getattr(answer, "current_proposals", []) if p.code_id not in human
    ]
    analyses = getattr(answer, "run_analyses", [])
    answer.analysis = analyses[0] if analyses else None  # type: ignore[attr-defined]
    spans = getattr(answer, "spans", [])
    answer.spans_open = sum(s.status == SpanStatus.DETECTED for s in spans)  # type: ignore[attr-defined]
    return answer


def get_answer_page(
    question: Question,
    filters: AnswerFilters,
    page_number: int | str | None,
    run_id: int | None,
    per_page: int | None = None,
    *,
    exact: bool = False,
) -> AnswerPage:
    per_page = per_page or PER_PAGE
    found = filter_rows(question, filters, run_id)
    if exact:
        counted = limit = found.order_by().count()
    else:
        # Count up to the cap, or far enough to reach the page asked for, plus one to know if
        # there are more (SELECT COUNT(*) FROM (... LIMIT n): stops early on a large set). In
        # the page's order, so PostgreSQL walks this question's rows by its index, as for the
        # page, instead of scanning the rows of every consultation.
        limit = max(COUNT_CAP, _page_number(page_number) * per_page)
        counted = found.order_by("-answer_id")[: limit + 1].count()
    more = counted > limit
    ids = found.order_by("-answer_id").values_list("answer_id", flat=True)
    page = _CountedPaginator(ids, per_page, counted).get_page(page_number)
    shown = with_details(Answer.objects.filter(pk__in=list(page.object_list)), run_id)
    rows = [decorate(answer) for answer in shown.order_by("-id")]
    page.object_list = rows
    keys = {a.analysis.campaign_key for a in rows if a.analysis and a.analysis.campaign_key}  # type: ignore[attr-defined]
    campaigns = {
        c.key: c for c in Campaign.objects.filter(run_id=_run(run_id), key__in=sorted(keys))
    }
    return AnswerPage(
        page=page,
        answers=rows,
        total=limit if more else counted,
        campaigns=campaigns,
        more=more,
    )


def get_answer(question: Question, answer_id: int, run_id: int | None) -> Answer | None:
    """One answer of `question` (withdrawn ones too, so the page can say so) with its details."""
    answer = (
        with_details(Answer.objects.filter(question=question, pk=answer_id), run_id)
        .select_related("response__consultation")
        .first()
    )
    return decorate(answer) if answer is not None else None


def get_languages(question: Question, run_id: int | None) -> list[str]:
    """The languages an analysis can find (the text core's), for the language filter: fixed,
    so the page needs no scan of all answers for them."""
    from meedenken.sensemaking.text.results import AnalysisSettings

    return sorted(AnalysisSettings().languages)


def get_question_campaigns(
    question: Question, run_id: int | None, limit: int = 200
) -> list[Campaign]:
    return list(
        Campaign.objects.filter(question=question, run_id=_run(run_id)).order_by("-size", "key")[
            :limit
        ]
    )


def get_next_to_code(
    question: Question,
    run_id: int | None,
    after: int | None = None,
    *,
    blind: bool = False,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> Answer | None:
    """The next uncoded answer in the core's active-learning order (then the newest first).
    For the blind second coding by `user`: the next answer another analyst coded in the first
    pass and nobody in the second (another's blind coding is theirs, one's own is done)."""
    if blind:
        todo = filter_answers(submitted_answers(question), AnswerFilters(status="coded"), run_id)
        todo = filter_answers(todo, AnswerFilters(status="not_second_coded"), run_id)
        # coding one's own first coding again is not blind
        todo = todo.exclude(Exists(first_codes_by(user).filter(answer=OuterRef("pk"))))
        return todo.exclude(pk=after or 0).order_by("id").first()
    uncoded = filter_answers(submitted_answers(question), AnswerFilters(status="uncoded"), run_id)
    if after is not None:
        uncoded = uncoded.exclude(pk=after)
    ranked = (
        uncoded.filter(analyses__run_id=_run(run_id), analyses__next_rank__isnull=False)
        .order_by("analyses__next_rank")
        .first()
    )
    return ranked or uncoded.order_by("-id").first()


def count_answers(question: Question, filters: AnswerFilters, run_id: int | None) -> int:
    return filter_answers(submitted_answers(question), filters, run_id).count()


__all__ = [
    "CAMPAIGN_FILTERS",
    "COUNT_CAP",
    "LOW_CONFIDENCE",
    "PERSONAL_DATA_FILTERS",
    "STATUSES",
    "AnswerFilters",
    "AnswerPage",
    "count_answers",
    "filter_answers",
    "filter_rows",
    "get_answer",
    "get_answer_page",
    "get_languages",
    "get_next_to_code",
    "get_question_campaigns",
    "submitted_answers",
    "ticked_answers",
]
