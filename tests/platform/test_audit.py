"""The audit log: append-only (in the application and in the database), exportable by owners
only, spreadsheet-safe, and free of secrets and participants' text."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.audit.services import do_record_audit, do_record_read, scrub_secrets
from meedenken.responses.models import Answer, Response
from tests.platform.factories import make_consultation

PASSWORD = "een-lang-wachtwoord-123"


@pytest.mark.django_db
def test_the_application_cannot_change_or_remove_entries() -> None:
    entry = do_record_audit(None, "test.something")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="changed")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.something"


@pytest.mark.django_db
def test_the_database_refuses_an_update_and_on_postgresql_a_delete() -> None:
    entry = do_record_audit(None, "test.something")
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = 'forged' WHERE id = %s", [entry.pk])  # noqa: S608
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])  # noqa: S608
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.something"


@pytest.mark.django_db
def test_removing_a_staff_account_keeps_its_entries() -> None:
    user = do_create_staff_user("weg", PASSWORD, StaffRole.VIEWER)
    do_record_read(user, "response.listed")
    user.delete()
    assert AuditEntry.objects.filter(actor_name="weg", action="response.listed").exists()


@pytest.mark.django_db
def test_no_secret_and_no_participant_text_is_written() -> None:
    consultation = make_consultation()
    response = Response.objects.create(
        consultation=consultation, reference="T-1", secret_hash="a" * 64
    )
    question = consultation.sections.first().questions.first()
    answer = Answer.objects.create(response=response, question=question, text="Mijn geheim verhaal")
    entry = do_record_audit(
        None,
        "permission.denied",
        answer,
        {"path": "/consultaties/x/reactie/Zq8-geheimelink_123/over-u/", "password": "hunter2"},
    )
    assert "Mijn geheim" not in entry.target_repr and entry.target_repr.endswith(f"#{answer.pk}")
    assert entry.details == {"path": "/consultaties/x/reactie/[geheim]/over-u/"}
    assert scrub_secrets("GET /en/consultaties/x/reactie/abc/ HTTP/1.1") == (
        "GET /en/consultaties/x/reactie/[geheim]/ HTTP/1.1"
    )


@pytest.mark.django_db
def test_owners_export_the_log_spreadsheet_safe_and_the_export_is_audited(client: Client) -> None:
    do_record_audit(None, "login.failed", details={"username": '=HYPERLINK("http://x")'})
    # A staff member may give a consultation any title; the log names it in a cell of its own.
    titled = make_consultation("formule")
    titled.title_nl = '=HYPERLINK("http://x","klik")'
    titled.save(update_fields=["title_nl"])
    do_record_audit(None, "consultation.changed", titled)
    analyst = do_create_staff_user("analist", PASSWORD, StaffRole.ANALYST)
    client.force_login(analyst)
    assert client.get("/beheer/audit/auditentry/export/").status_code == 403
    owner = do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)
    client.force_login(owner)
    assert "Auditlog exporteren" in client.get("/beheer/audit/auditentry/").content.decode()
    export = client.get("/beheer/audit/auditentry/export/")
    assert export.status_code == 200
    assert export["Content-Disposition"].startswith('attachment; filename="auditlog-')
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    failed = next(row for row in rows if row["action"] == "login.failed")
    assert failed["details"].startswith('{"username": "=HYPERLINK')  # JSON starts with "{": safe
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    changed = next(row for row in rows if row["action"] == "consultation.changed")
    assert changed["target_repr"] == '\'=HYPERLINK("http://x","klik")'
    assert AuditEntry.objects.filter(actor_name="eigenaar", action="audit.exported").exists()
    assert AuditEntry.objects.filter(actor_name="analist", action="permission.denied").exists()
