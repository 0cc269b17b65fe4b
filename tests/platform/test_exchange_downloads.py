"""Exports in the staff workspace: small ones straight to the browser, large ones by the
worker to a private folder; each export and download audited."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from openpyxl import load_workbook

from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.exchange.downloads import do_run_export
from meedenken.exchange.models import Export, ExportStatus
from tests.platform.coding_helpers import staff
from tests.platform.test_exchange_export import ROWS
from tests.platform.test_exchange_import import write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(consultation: Consultation, tmp_path: Path) -> Consultation:
    call_command("import-responses", consultation.slug, str(write_csv(tmp_path / "in.csv", ROWS)))
    return consultation


def url(consultation: Consultation) -> str:
    return f"/beheer/consultaties/{consultation.slug}/export/"


def body(response: object) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def test_only_analysts_and_owners_export(client: Client, filled: Consultation) -> None:
    assert client.get(url(filled)).status_code == 302
    client.force_login(staff("moderator", StaffRole.MODERATOR))
    assert client.get(url(filled)).status_code == 403
    assert client.post(url(filled), {"format": "csv"}).status_code == 403
    client.force_login(staff("analist"))
    page = client.get(url(filled))
    assert page.status_code == 200
    assert "Reacties exporteren" in page.content.decode()


def test_a_small_csv_export_streams_to_the_browser(client: Client, filled: Consultation) -> None:
    client.force_login(staff("analist"))
    response = client.post(url(filled), {"format": "csv", "variant": "full"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"].startswith("text/csv")
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 4
    assert AuditEntry.objects.filter(
        action="responses.export", actor_name="analist", details__format="csv"
    ).exists()


def test_a_small_public_xlsx_export(client: Client, filled: Consultation) -> None:
    client.force_login(staff("eigenaar", StaffRole.OWNER))
    response = client.post(url(filled), {"format": "xlsx", "variant": "public"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4  # header + three publishable responses (m3 said "do not publish")
    assert "id" not in rows[0]


def test_a_bad_format_changes_nothing(client: Client, filled: Consultation) -> None:
    client.force_login(staff("analist"))
    response = client.post(url(filled), {"format": "pdf"}, follow=True)
    assert "Kies CSV, XLSX of JSON." in response.content.decode()
    assert not AuditEntry.objects.filter(action="responses.export").exists()


def test_a_large_export_is_made_by_the_worker_and_downloaded(
    client: Client, filled: Consultation, tmp_path: Path
) -> None:
    client.force_login(staff("analist"))
    folder = tmp_path / "exports"
    with override_settings(MEEDENKEN_EXPORT_STREAM_LIMIT=2, MEEDENKEN_EXPORT_DIR=folder):
        response = client.post(url(filled), {"format": "json", "variant": "full"}, follow=True)
        assert "De export wordt gemaakt" in response.content.decode()
        export = Export.objects.get()
        assert export.status == ExportStatus.QUEUED
        do_run_export(export.pk)  # what the worker's task runs
        export.refresh_from_db()
        assert export.status == ExportStatus.DONE
        assert export.responses == 4
        assert not str(folder).startswith(str(Path("var/media").resolve()))
        page = client.get(url(filled)).content.decode()
        assert "Downloaden (4 reacties)" in page
        download = client.get(f"{url(filled)}{export.pk}/")
        assert download.status_code == 200
        assert b'"m1"' in body(download)
        assert AuditEntry.objects.filter(action="responses.export_downloaded").count() == 1

        client.force_login(staff("moderator", StaffRole.MODERATOR))
        assert client.get(f"{url(filled)}{export.pk}/").status_code == 403
