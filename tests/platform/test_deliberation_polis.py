"""Pol.is import and export: commands, round trip on real conversations, bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.sensemaking.opinion.polis_io import PolisExport, read_polis_export
from meedenken.sensemaking.opinion.votes import build_vote_matrix
from meedenken.statements.models import Deliberation, Statement, StatementStatus
from meedenken.voting.models import Participant, Vote, VoteHistory
from meedenken.voting.polis import build_polis_export
from meedenken.voting.services import do_cast_vote, do_create_participant
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "polis"


def latest_votes(export: PolisExport) -> dict[tuple[int, int], int]:
    matrix = build_vote_matrix(export.vote_records())
    votes = matrix.votes.tocoo()
    return {
        (int(matrix.participant_ids[i]), int(matrix.statement_ids[j])): int(v)
        for i, j, v in zip(votes.row, votes.col, votes.data, strict=True)
    }


def comment_fields(export: PolisExport) -> dict[int, tuple[object, ...]]:
    return {
        c.comment_id: (
            c.author_id,
            c.moderated,
            c.body,
            c.timestamp,
            c.datetime,
            c.agrees,
            c.disagrees,
        )
        for c in export.comments
    }


@pytest.mark.parametrize("name", ["london.youth.policing", "15-per-hour-seattle"])
def test_round_trip_reproduces_comments_and_latest_votes(tmp_path: Path, name: str) -> None:
    consultation = make_consultation("polis")
    call_command("import-polis", str(DATA / name), "--slug", "polis", verbosity=0)
    original = read_polis_export(DATA / name)
    assert Statement.objects.count() == len(original.comments)
    assert original.votes is not None
    assert Vote.objects.count() + VoteHistory.objects.count() == len(original.votes.vote)
    assert Deliberation.objects.get(consultation=consultation).moderation == "post"

    call_command("export-polis", "polis", str(tmp_path / "out"), verbosity=0)
    exported = read_polis_export(tmp_path / "out")
    assert comment_fields(exported) == comment_fields(original)
    assert latest_votes(exported) == latest_votes(original)
    assert exported.votes is not None and len(exported.votes.vote) == len(original.votes.vote)
    # participants-votes.csv holds the same latest votes
    p = exported.participants
    assert p is not None
    from_table = {
        (int(p.participant[r]), int(p.comment_ids[c])): int(v)
        for r, c, v in zip(p.vote_row, p.vote_column, p.vote, strict=True)
    }
    assert from_table == latest_votes(original)


def test_imported_statuses_follow_polis_moderation() -> None:
    make_consultation("polis")
    call_command("import-polis", str(DATA / "15-per-hour-seattle"), "--slug", "polis", verbosity=0)
    original = {
        c.comment_id: c.moderated for c in read_polis_export(DATA / "15-per-hour-seattle").comments
    }
    statuses = dict(Statement.objects.values_list("external_id", "status"))
    expected = {
        1: StatementStatus.APPROVED,
        0: StatementStatus.PENDING,
        -1: StatementStatus.REJECTED,
    }
    assert statuses == {cid: expected[m] for cid, m in original.items()}
    assert all(s.rejection_reason for s in Statement.objects.filter(status="rejected"))


def test_export_of_a_platform_consultation_numbers_new_ids(tmp_path: Path) -> None:
    from tests.platform.deliberation_helpers import setup_statements

    consultation = make_consultation()
    statements = setup_statements(consultation)
    voters = [do_create_participant(consultation) for _ in range(2)]
    do_cast_vote(voters[0], statements[0], "agree")
    do_cast_vote(voters[0], statements[0], "disagree")  # a change of mind
    do_cast_vote(voters[1], statements[1], "pass")
    export = build_polis_export(consultation)
    assert [c.comment_id for c in export.comments] == [0, 1, 2]
    assert export.votes is not None and export.votes.vote.tolist() == [1, -1, 0]
    assert latest_votes(export) == {(0, 0): -1, (1, 1): 0}
    call_command("export-polis", consultation.slug, str(tmp_path), verbosity=0)
    assert (tmp_path / "comments.csv").read_text().startswith("timestamp,datetime,comment-id")
    assert comment_fields(read_polis_export(tmp_path)) == comment_fields(export)


def test_import_refuses_bad_input_and_changes_nothing(tmp_path: Path) -> None:
    consultation = make_consultation("polis")
    with pytest.raises(CommandError, match="No consultation"):
        call_command("import-polis", str(DATA / "london.youth.policing"), "--slug", "nope")
    with pytest.raises(CommandError, match=r"geen geldige Pol\.is-export"):
        call_command("import-polis", str(tmp_path), "--slug", "polis")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "comments.csv").write_text("comment-id,moderated,comment-body\n1,1,ok\n")
    (broken / "votes.csv").write_text("comment-id,voter-id,vote\n1,5,7\n")
    with pytest.raises(CommandError, match="unknown vote value"):
        call_command("import-polis", str(broken), "--slug", "polis")
    assert Statement.objects.count() == 0 and Participant.objects.count() == 0
    assert not Deliberation.objects.filter(consultation=consultation).exists()
    call_command(
        "import-polis", str(DATA / "london.youth.policing"), "--slug", "polis", verbosity=0
    )
    count = Vote.objects.count()
    with pytest.raises(CommandError, match="al stellingen"):
        call_command("import-polis", str(DATA / "london.youth.policing"), "--slug", "polis")
    assert Vote.objects.count() == count


def test_import_with_create_makes_an_unpublished_consultation() -> None:
    call_command(
        "import-polis",
        str(DATA / "london.youth.policing"),
        "--slug",
        "londen",
        "--create",
        verbosity=0,
    )
    consultation = Consultation.objects.get(slug="londen")
    assert consultation.published_at is None
    assert consultation.statements.count() == 39


def test_staff_upload_and_download_in_the_admin(client: Client) -> None:
    consultation = make_consultation("polis")
    owner = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    client.force_login(owner)
    url = "/beheer/voting/participant/import-polis/"
    old = client.get("/beheer/deliberation/statement/import-polis/")
    assert old.status_code == 308 and old["Location"] == url  # the address before the split
    page = client.get(url)
    assert page.status_code == 200 and "comments.csv" in page.content.decode()
    source = DATA / "london.youth.policing"
    missing = client.post(url, {"consultation": consultation.pk})
    assert missing.status_code == 200 and 'class="errornote"' in missing.content.decode()
    assert Statement.objects.count() == 0
    with (
        (source / "comments.csv").open("rb") as comments,
        (source / "votes.csv").open("rb") as votes,
    ):
        answer = client.post(
            url, {"consultation": consultation.pk, "comments": comments, "votes": votes}
        )
    assert answer.status_code == 302
    assert Statement.objects.count() == 39
    assert AuditEntry.objects.filter(action="deliberation.polis_imported").count() == 1
    download = client.get(f"/beheer/voting/participant/export-polis/{consultation.pk}/")
    assert download["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert {"comments.csv", "votes.csv", "participants-votes.csv"} <= set(archive.namelist())
        exported = archive.read("comments.csv").decode()
    assert exported.count("\n") == 40  # header and 39 comments
    moderator = do_create_staff_user("moderator", "een-lang-wachtwoord-123", StaffRole.MODERATOR)
    client.force_login(moderator)
    assert client.get(url).status_code == 403
    # Every participant's votes are an export: not for a moderator or a viewer.
    viewer = do_create_staff_user("meelezer", "een-lang-wachtwoord-123", StaffRole.VIEWER)
    for user in (moderator, viewer):
        client.force_login(user)
        refused = client.get(f"/beheer/voting/participant/export-polis/{consultation.pk}/")
        assert refused.status_code == 403 and refused["Content-Type"] != "application/zip"
