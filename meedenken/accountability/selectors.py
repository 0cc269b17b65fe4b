"""Reads of the account: the decisions per measure and theme with the support figures behind
them, for the staff page and for the public page "what we did with your input".

The public page shows only what is public elsewhere: measures participants can see (moderation
decides), themes of the codebook with a count of responses, and support figures only from the
published opinion analysis. It never shows a response's text."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meedenken.accountability.models import AccountPublication, Decision, DecisionRevision, Outcome
from meedenken.coding.models import Code, CodeAssignment, CodeStatus
from meedenken.consultations.models import Consultation
from meedenken.consultations.outputs import PublicOutput
from meedenken.responses.models import ResponseStatus
from meedenken.responses.profile import StakeholderType
from meedenken.runs.selectors import get_published_run
from meedenken.statements.models import Statement
from meedenken.statements.selectors import public_statements
from meedenken.voting.opinion_json import read_opinion
from meedenken.voting.presenters import level_label
from meedenken.voting.selectors import get_results_level

OPINION = "opinion"  # the run kind of the voting app's opinion analysis


@dataclass
class Support:
    """The published support figures of one measure."""

    votes: int
    agree: int
    disagree: int
    passed: int
    agree_share: float | None
    score: float | None = None
    low: float | None = None
    high: float | None = None
    broadly_supported: bool = False
    level: str = ""  # who the graded figure rests on (the consultation's ranking level)

    @staticmethod
    def pct(value: float | None) -> str:
        return "–" if value is None else f"{round(value * 100)}%"

    @property
    def agree_pct(self) -> str:
        return self.pct(self.agree_share)

    @property
    def score_pct(self) -> str:
        return self.pct(self.score)

    @property
    def interval(self) -> str:
        return f"{self.pct(self.low)}–{self.pct(self.high)}"


@dataclass
class ThemeCount:
    """How many submitted responses were coded with a theme (or one of its sub-themes)."""

    responses: int
    by_type: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Item:
    """A measure or theme with its decision (None: nothing recorded yet)."""

    kind: str  # "measure" | "theme"
    target: Statement | Code
    decision: Decision | None
    support: Support | None = None
    count: ThemeCount | None = None

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.target.pk}"


@dataclass
class Account:
    measures: list[Item]
    themes: list[Item]

    @property
    def items(self) -> list[Item]:
        return self.measures + self.themes

    @property
    def outcome_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(i.decision.outcome for i in self.items if i.decision is not None)
        return [(value, str(label), counts[value]) for value, label in Outcome.choices]


def get_publication(consultation: Consultation) -> AccountPublication | None:
    return AccountPublication.objects.filter(consultation=consultation).first()


def is_account_published(consultation: Consultation) -> bool:
    return AccountPublication.objects.filter(consultation=consultation, published=True).exists()


def account_output(consultation: Consultation) -> PublicOutput | None:
    """The link on the consultation page, once published (registered in AppConfig.ready)."""
    if not is_account_published(consultation):
        return None
    return PublicOutput(
        "account",
        str(_("Wat hebben we met uw inbreng gedaan")),
        reverse("accountability:public", kwargs={"slug": consultation.slug}),
        order=40,
    )


def visible_statements(consultation: Consultation) -> list[Statement]:
    return list(public_statements(consultation.pk).order_by("id"))


def theme_codes(consultation: Consultation) -> list[Code]:
    return list(
        Code.objects.filter(codebook__consultation=consultation)
        .exclude(status=CodeStatus.DELETED)
        .select_related("parent")
        .order_by("parent__order", "order", "id")
    )


def published_support(consultation: Consultation) -> dict[int, Support]:
    run = get_published_run(consultation, OPINION)
    if run is None:
        return {}
    # The figures on the participation level the public ranking rests on, as the results page.
    opinion = read_opinion(run.result, run.summary, get_results_level(consultation))
    level = opinion["level"]
    rows: dict[str, dict[str, Any]] = opinion["statements"]
    found: dict[int, Support] = {}
    for key, row in rows.items():
        if not key.lstrip("-").isdigit():
            continue
        entries = row.get("support") or [{}]
        graded = next((e for e in entries if e.get("level") == level), entries[0])
        found[int(key)] = Support(
            votes=row["n"],
            agree=row["agree"],
            disagree=row["disagree"],
            passed=row["pass"],
            agree_share=row.get("agree_share"),
            score=graded.get("score"),
            low=graded.get("low"),
            high=graded.get("high"),
            # "Breed gedragen" from the graded interval at that level (older runs: the rule).
            broadly_supported=graded["flag"] == "broad"
            if "flag" in graded
            else bool(row.get("broadly_supported")),
            level=level_label(graded.get("level", level)),
        )
    return found


def theme_counts(codes: list[Code]) -> dict[int, ThemeCount]:
    """Per code: distinct submitted responses coded with it or with one of its children."""
    owner = {code.pk: code.parent_id or code.pk for code in codes}
    responses: dict[int, dict[int, str]] = defaultdict(dict)
    assignments = CodeAssignment.objects.filter(
        code_id__in=list(owner), answer__response__status=ResponseStatus.SUBMITTED
    ).values_list("code_id", "answer__response_id", "answer__response__stakeholder_type")
    for code_id, response_id, stakeholder in assignments:
        responses[code_id][response_id] = stakeholder
        if owner[code_id] != code_id:
            responses[owner[code_id]][response_id] = stakeholder
    labels = dict(StakeholderType.choices)
    counts: dict[int, ThemeCount] = {}
    for code in codes:
        by_type = Counter(responses[code.pk].values())
        counts[code.pk] = ThemeCount(
            responses=len(responses[code.pk]),
            by_type=[
                (str(labels.get(t, t) if t else _("onbekend")), n)
                for t, n in sorted(by_type.items(), key=lambda pair: (-pair[1], pair[0]))
            ],
        )
    return counts


def get_account(consultation: Consultation, *, public: bool) -> Account:
    """Every visible measure and theme with its decision; `public` keeps only those with one."""
    decisions = Decision.objects.filter(consultation=consultation)
    by_statement = {d.statement_id: d for d in decisions if d.statement_id}
    by_code = {d.code_id: d for d in decisions if d.code_id}
    support = published_support(consultation)
    codes = theme_codes(consultation)
    counts = theme_counts(codes)
    measures = [
        Item("measure", s, by_statement.get(s.pk), support=support.get(s.pk))
        for s in visible_statements(consultation)
    ]
    themes = [Item("theme", c, by_code.get(c.pk), count=counts.get(c.pk)) for c in codes]
    if public:
        measures = [i for i in measures if i.decision is not None]
        themes = [i for i in themes if i.decision is not None]
    return Account(measures, themes)


def get_target(consultation: Consultation, kind: str, pk: int) -> Statement | Code | None:
    if kind == "measure":
        return next((s for s in visible_statements(consultation) if s.pk == pk), None)
    return Code.objects.filter(
        Q(codebook__consultation=consultation) & ~Q(status=CodeStatus.DELETED), pk=pk
    ).first()


def get_decision_for(target: Statement | Code) -> Decision | None:
    if isinstance(target, Statement):
        return Decision.objects.filter(statement=target).first()
    return Decision.objects.filter(code=target).first()


def get_history(decision: Decision | None) -> list[DecisionRevision]:
    if decision is None:
        return []
    return list(decision.revisions.select_related("changed_by"))


def get_contact_recipients(consultation: Consultation) -> list[tuple[str, str]]:
    """(address, language) of submitted responses whose respondent agreed to be contacted."""
    rows = (
        consultation.responses.filter(status=ResponseStatus.SUBMITTED, contact_consent=True)
        .exclude(contact_email="")
        .order_by("id")
        .values_list("contact_email", "language")
    )
    return [(address, language) for address, language in rows]
