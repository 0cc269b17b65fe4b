"""Reads of statements and deliberation settings. The one rule of which statements are visible
lives here (`visible_statuses`, `public_statements`); everything else asks it."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.statements.cache import VOTING_SET_SECONDS, deliberation_key, local_cache
from meedenken.statements.models import Deliberation, Moderation, Statement, StatementStatus

# Not needed on the voting and results pages; left out of their query (and the cache).
LONG_CONSULTATION_FIELDS = ("explainer_nl", "explainer_en", "summary_nl", "summary_en")


def visible_statuses(moderation: str | None) -> tuple[str, ...]:
    """The statuses of the statements participants see and vote on: approved ones, and pending
    ones of consultations with post-moderation."""
    if moderation == Moderation.POST:
        return (StatementStatus.APPROVED, StatementStatus.PENDING)
    return (StatementStatus.APPROVED,)


# A proposal of a respondent who chose "do not publish my response" is never shown publicly:
# the participant is linked to that response (by name: voting builds on this app).
NOT_PUBLISHED_AUTHOR = {"author__response__publication_consent": "none"}


def public_statements(consultation_id: int, moderation: str | None = None) -> QuerySet[Statement]:
    """The statements a public page, export or API may show or count: visible by moderation
    (a rejection, also after publication, removes one at once), and not proposed by a
    respondent who asked not to be published."""
    if moderation is None:
        moderation = get_moderation(consultation_id)
    return Statement.objects.filter(
        consultation_id=consultation_id, status__in=visible_statuses(moderation)
    ).exclude(**NOT_PUBLISHED_AUTHOR)


def get_public_statement_texts(
    consultation: Consultation, moderation: str | None = None
) -> dict[int, Statement]:
    """`get_statement_texts` limited to `public_statements`: what a public page may name."""
    return {
        s.pk: s
        for s in public_statements(consultation.pk, moderation).only(
            "id", "text_nl", "text_en", "status", "is_seed", "theme", "consultation_id"
        )
    }


def get_moderation(consultation_id: int) -> str:
    deliberation = Deliberation.objects.filter(consultation_id=consultation_id).first()
    return deliberation.moderation if deliberation else Moderation.PRE


def is_visible(statement: Statement, moderation: str | None = None) -> bool:
    if moderation is None and statement.status == StatementStatus.PENDING:
        moderation = get_moderation(statement.consultation_id)
    if statement.status not in visible_statuses(moderation):
        return False
    return (
        statement.author_id is None
        or not Statement.objects.filter(pk=statement.pk, **NOT_PUBLISHED_AUTHOR).exists()
    )


def get_public_deliberation(slug: str) -> Deliberation | None:
    """The deliberation of a published consultation, with its consultation, in one query."""
    return (
        Deliberation.objects.filter(
            consultation__slug=slug, consultation__published_at__lte=timezone.now()
        )
        .select_related("consultation")
        .defer(*(f"consultation__{name}" for name in LONG_CONSULTATION_FIELDS))
        .first()
    )


def get_cached_deliberation(slug: str) -> Deliberation | None:
    """`get_public_deliberation`, kept per process for VOTING_SET_SECONDS: the vote endpoint's
    hot path. A change to the consultation's dates reaches it within those seconds."""
    key = deliberation_key(slug)
    deliberation = local_cache.get(key)
    if deliberation is None:
        deliberation = get_public_deliberation(slug)
        if deliberation is None:
            return None
        local_cache.set(key, deliberation, VOTING_SET_SECONDS)
    return deliberation


def get_deliberation(consultation: Consultation) -> Deliberation | None:
    return Deliberation.objects.filter(consultation=consultation).first()


def get_visible_statements(deliberation: Deliberation) -> QuerySet[Statement]:
    return public_statements(deliberation.consultation_id, deliberation.moderation).order_by("id")


def get_statement(consultation: Consultation, statement_id: int) -> Statement | None:
    """Any statement by id (the services decide whether it may be voted on)."""
    return Statement.objects.filter(pk=statement_id).first()


def get_statements_version(consultation_id: int) -> int:
    """Plain SQL: it runs on every vote, and compiling the ORM query would cost more than
    running it."""
    table = connection.ops.quote_name(Deliberation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT statements_version FROM {table} WHERE consultation_id = %s",  # noqa: S608
            [consultation_id],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def get_own_proposals(author_id: int | None) -> list[Statement]:
    if author_id is None:
        return []
    return list(Statement.objects.filter(author_id=author_id).order_by("-created_at", "-id"))


def get_statements_to_moderate(consultation: Consultation) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(consultation=consultation, status=StatementStatus.PENDING)
        .select_related("near_duplicate_of")
        .order_by("created_at", "id")
    )


def get_proposals_to_translate(consultation: Consultation) -> QuerySet[Statement]:
    """Participants' approved proposals, those without an English translation first."""
    return (
        Statement.objects.filter(
            consultation=consultation, status=StatementStatus.APPROVED, is_seed=False
        )
        .alias(translated=ExpressionWrapper(~Q(text_en=""), output_field=BooleanField()))
        .order_by("translated", "created_at", "id")
    )


def get_statement_texts(consultation: Consultation) -> dict[int, Statement]:
    return {
        s.pk: s
        for s in Statement.objects.filter(consultation=consultation).only(
            "id", "text_nl", "text_en", "status", "is_seed", "theme", "consultation_id"
        )
    }


def get_analysed_statements(consultation_id: int) -> tuple[list[int], list[int]]:
    """(visible statement ids, rejected statement ids) in id order: what an analysis counts,
    and what it must zero (moderated out)."""
    moderation = get_moderation(consultation_id)
    shown = list(
        public_statements(consultation_id, moderation).order_by("id").values_list("id", flat=True)
    )
    # Rejected ones, and visible ones of respondents who asked not to be published.
    out = Statement.objects.filter(consultation_id=consultation_id).filter(
        Q(status=StatementStatus.REJECTED)
        | Q(status__in=visible_statuses(moderation), **NOT_PUBLISHED_AUTHOR)
    )
    return shown, list(out.order_by("id").values_list("id", flat=True))


def has_statements(consultation: Consultation) -> bool:
    return Statement.objects.filter(consultation=consultation).exists()


def get_seed_statements(consultation: Consultation) -> dict[str, Statement]:
    """Seed statements by Dutch text."""
    return {s.text_nl: s for s in Statement.objects.filter(consultation=consultation, is_seed=True)}
