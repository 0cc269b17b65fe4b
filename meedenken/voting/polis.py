"""Pol.is export directories in and out, through the opinion core's `polis_io`.

Import: comments become statements (Pol.is `moderated` 1 / 0 / -1 becomes approved / pending /
rejected, with post-moderation so pending ones stay visible as in Pol.is), voters become
participants, the latest vote per pair becomes the current vote and earlier ones the history.
Export: the reverse, so exporting an imported conversation reproduces its comments (id, author,
moderation, text, times, and the agree/disagree counts, which Pol.is takes over all vote events)
and its latest votes.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from meedenken.sensemaking.opinion.polis_io import (
    PolisComment,
    PolisExport,
    PolisFormatError,
    PolisParticipants,
    PolisVotes,
    read_polis_export,
    write_polis_export,
)
from meedenken.statements.models import Moderation, Statement, StatementStatus
from meedenken.statements.selectors import has_statements
from meedenken.statements.services import (
    Actor,
    DeliberationError,
    acting_user,
    check_staff_permission,
    do_add_imported_statements,
    do_enable_deliberation,
    forget_voting_set,
)
from meedenken.voting.models import Participant, Vote, VoteHistory
from meedenken.voting.selectors import get_vote_events

MODERATED_STATUS = {
    1: StatementStatus.APPROVED,
    0: StatementStatus.PENDING,
    -1: StatementStatus.REJECTED,
}
STATUS_MODERATED = {status: code for code, status in MODERATED_STATUS.items()}
BATCH = 5000


@dataclass(frozen=True)
class ImportSummary:
    statements: int
    participants: int
    votes: int
    history: int


def _time(milliseconds: int) -> datetime:
    return datetime.fromtimestamp(milliseconds / 1000, tz=UTC)


def do_import_polis(consultation: Consultation, directory: Path | str) -> ImportSummary:
    """Import into a consultation without statements; all or nothing."""
    try:
        export = read_polis_export(directory)
    except PolisFormatError as error:
        raise DeliberationError(
            _("Dit is geen geldige Pol.is-export: %(problem)s") % {"problem": error}
        ) from error
    if has_statements(consultation):
        raise DeliberationError(
            _("Deze consultatie heeft al stellingen. Importeer in een lege consultatie."), 409
        )
    now = timezone.now()
    with transaction.atomic():
        do_enable_deliberation(consultation, moderation=Moderation.POST)
        statement_pk = do_add_imported_statements(
            consultation,
            [
                Statement(
                    consultation=consultation,
                    text_nl=comment.body,
                    status=MODERATED_STATUS.get(comment.moderated, StatementStatus.PENDING),
                    rejection_reason=_("Afgewezen in Pol.is") if comment.moderated < 0 else "",
                    is_seed=False,
                    external_id=comment.comment_id,
                    external_author=comment.author_id,
                    external_meta={"timestamp": comment.timestamp, "datetime": comment.datetime},
                    created_at=_time(int(comment.timestamp)) if comment.timestamp else now,
                )
                for comment in export.comments
            ],
        )
        records = export.vote_records()
        voter_ids = [int(v) for v in records.participant_ids]
        Participant.objects.bulk_create(
            [Participant(consultation=consultation, external_id=v) for v in voter_ids],
            batch_size=BATCH,
        )
        participant_pk = {
            external: pk
            for external, pk in Participant.objects.filter(consultation=consultation).values_list(
                "external_id", "pk"
            )
            if external is not None
        }
        votes, history = _vote_rows(export, records, participant_pk, statement_pk, now)
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        VoteHistory.objects.bulk_create(history, batch_size=BATCH)
    forget_voting_set(consultation.pk)
    return ImportSummary(len(statement_pk), len(voter_ids), len(votes), len(history))


def _vote_rows(
    export: PolisExport,
    records: object,
    participant_pk: dict[int, int],
    statement_pk: dict[int, int],
    now: datetime,
) -> tuple[list[Vote], list[VoteHistory]]:
    """Current votes and the history, from the event list (time order; the last one wins)."""
    if export.votes is not None:
        v = export.votes
        order = np.argsort(v.timestamp, kind="stable")
        events = zip(
            v.voter_id[order].tolist(),
            v.comment_id[order].tolist(),
            v.vote[order].tolist(),
            v.timestamp[order].tolist(),
            strict=True,
        )
    else:
        p = export.participants
        assert p is not None
        columns = np.asarray(p.comment_ids, dtype=np.int64)
        events = zip(
            p.participant[p.vote_row].tolist(),
            columns[p.vote_column].tolist(),
            p.vote.tolist(),
            [int(now.timestamp() * 1000)] * len(p.vote),
            strict=True,
        )
    latest: dict[tuple[int, int], tuple[int, int]] = {}
    history: list[VoteHistory] = []
    for voter, comment, value, stamp in events:
        key = (voter, comment)
        earlier = latest.get(key)
        if earlier is not None:
            history.append(
                VoteHistory(
                    participant_id=participant_pk[voter],
                    statement_id=statement_pk[comment],
                    value=earlier[0],
                    voted_at=_time(earlier[1]),
                    replaced_at=_time(stamp),
                )
            )
        latest[key] = (value, stamp)
    votes = [
        Vote(
            participant_id=participant_pk[voter],
            statement_id=statement_pk[comment],
            value=value,
            voted_at=_time(stamp),
        )
        for (voter, comment), (value, stamp) in latest.items()
    ]
    return votes, history


def _polis_datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


def build_polis_export(consultation: Consultation) -> PolisExport:
    """A consultation's statements and votes in Pol.is's format. Statements and participants
    made in the platform get ids after the largest imported id."""
    statements = list(Statement.objects.filter(consultation=consultation).order_by("id"))
    participants = list(
        Participant.objects.filter(consultation=consultation)
        .order_by("id")
        .values_list("id", "external_id")
    )
    comment_id = _external_ids([(s.pk, s.external_id) for s in statements])
    voter_id = _external_ids(participants)
    events = get_vote_events(consultation)
    current = list(
        Vote.objects.filter(statement__consultation=consultation).values_list(
            "participant_id", "statement_id", "value"
        )
    )
    # As Pol.is counts them: every vote event, earlier votes included.
    agrees = Counter(s for _p, s, v, _t in events if v == 1)
    disagrees = Counter(s for _p, s, v, _t in events if v == -1)
    comments = tuple(
        PolisComment(
            comment_id=comment_id[s.pk],
            author_id=s.external_author
            or (str(voter_id[s.author_id]) if s.author_id in voter_id else ""),
            agrees=agrees[s.pk],
            disagrees=disagrees[s.pk],
            moderated=STATUS_MODERATED[StatementStatus(s.status)],
            body=s.text_nl,
            timestamp=s.external_meta.get("timestamp") or str(int(s.created_at.timestamp() * 1000)),
            datetime=s.external_meta.get("datetime") or _polis_datetime(s.created_at),
        )
        for s in sorted(statements, key=lambda s: comment_id[s.pk])
    )
    votes = PolisVotes(
        timestamp=np.asarray([round(t * 1000) for _p, _s, _v, t in events], dtype=np.int64),
        datetime=tuple(_polis_datetime(_time(round(t * 1000))) for _p, _s, _v, t in events),
        comment_id=np.asarray([comment_id[s] for _p, s, _v, _t in events], dtype=np.int64),
        voter_id=np.asarray([voter_id[p] for p, _s, _v, _t in events], dtype=np.int64),
        vote=np.asarray([v for _p, _s, v, _t in events], dtype=np.int8),
    )
    return PolisExport(
        comments=comments,
        votes=votes,
        participants=_participants_table(participants, voter_id, comment_id, current, statements),
        summary=(
            ("topic", consultation.title_nl),
            ("voters", str(len({p for p, _s, _v in current}))),
            ("commenters", str(len({s.author_id for s in statements if s.author_id}))),
            ("comments", str(len(statements))),
            ("conversation-description", consultation.summary_nl),
        ),
    )


def _external_ids(rows: list[tuple[int, int | None]]) -> dict[int, int]:
    """pk -> Pol.is id: the imported id, or a new one after the largest."""
    taken = [ext for _pk, ext in rows if ext is not None]
    next_id = max(taken, default=-1) + 1
    ids: dict[int, int] = {}
    for pk, ext in rows:
        if ext is None:
            ids[pk] = next_id
            next_id += 1
        else:
            ids[pk] = ext
    return ids


def _participants_table(
    participants: list[tuple[int, int | None]],
    voter_id: dict[int, int],
    comment_id: dict[int, int],
    current: list[tuple[int, int, int]],
    statements: list[Statement],
) -> PolisParticipants:
    rows = sorted(voter_id[pk] for pk, _ext in participants)
    row_of = {v: i for i, v in enumerate(rows)}
    columns = sorted(comment_id.values())
    column_of = {c: j for j, c in enumerate(columns)}
    counts = np.zeros((len(rows), 4), dtype=np.int64)
    authored = Counter(voter_id[s.author_id] for s in statements if s.author_id in voter_id)
    for voter, n in authored.items():
        counts[row_of[voter], 0] = n
    vote_row, vote_column, vote = [], [], []
    for p, s, v in sorted(current, key=lambda e: (voter_id[e[0]], comment_id[e[1]])):
        i = row_of[voter_id[p]]
        vote_row.append(i)
        vote_column.append(column_of[comment_id[s]])
        vote.append(v)
        counts[i, 1] += 1
        counts[i, 2] += v == 1
        counts[i, 3] += v == -1
    return PolisParticipants(
        participant=np.asarray(rows, dtype=np.int64),
        xid=None,
        group_id=tuple(None for _ in rows),
        counts=counts,
        comment_ids=tuple(columns),
        vote_row=np.asarray(vote_row, dtype=np.int32),
        vote_column=np.asarray(vote_column, dtype=np.int32),
        vote=np.asarray(vote, dtype=np.int8),
    )


def do_export_polis(consultation: Consultation, directory: Path | str) -> PolisExport:
    export = build_polis_export(consultation)
    write_polis_export(export, directory)
    return export


EXPORT_FILES = ("comments.csv", "votes.csv", "participants-votes.csv", "summary.csv")


def do_import_polis_upload(
    consultation: Consultation, files: dict[str, bytes], *, actor: Actor
) -> ImportSummary:
    """A staff upload of export files (by name); checked, imported and audited."""
    check_staff_permission(actor, "statements.add_statement", consultation)
    if "comments.csv" not in files:
        raise DeliberationError(_("Kies ten minste het bestand comments.csv."))
    with tempfile.TemporaryDirectory(prefix="polis-upload-") as directory:
        for name, content in files.items():
            if name in EXPORT_FILES:
                (Path(directory) / name).write_bytes(content)
        try:
            summary = do_import_polis(consultation, directory)
        except UnicodeDecodeError as error:
            raise DeliberationError(_("De bestanden moeten UTF-8 CSV zijn.")) from error
    do_record_audit(
        acting_user(actor),
        "deliberation.polis_imported",
        consultation,
        {"statements": summary.statements, "votes": summary.votes, "files": sorted(files)},
    )
    return summary


EXPORT_PERMISSION = "exchange.download_export"


def do_export_polis_zip(consultation: Consultation, *, actor: Actor) -> bytes:
    """The export directory as a zip file, for a staff download; checked and audited. Every
    participant's votes are an export: only for the roles that may export (owner, analyst),
    not for a moderator or a viewer, who may read the statements."""
    check_staff_permission(actor, EXPORT_PERMISSION, consultation)
    do_record_audit(acting_user(actor), "deliberation.polis_exported", consultation)
    with tempfile.TemporaryDirectory(prefix="polis-export-") as directory:
        do_export_polis(consultation, directory)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in EXPORT_FILES:
                path = Path(directory) / name
                if path.exists():
                    archive.write(path, name)
    return buffer.getvalue()


def do_create_polis_consultation(slug: str, name: str) -> Consultation:
    """An unpublished consultation, open for a month, to import a Pol.is conversation into."""
    now = timezone.now()
    return Consultation.objects.create(
        slug=slug,
        title_nl=f"Pol.is: {name}"[:200],
        summary_nl=f"Geïmporteerd uit Pol.is ({name}).",
        explainer_nl="",
        organisation="Pol.is",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
