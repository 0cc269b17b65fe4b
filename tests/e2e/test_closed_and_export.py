"""An owner reads the closed questions of the IMVO demo per stakeholder type and downloads the
responses as XLSX and as a public CSV, in a real browser with the axe-core gate."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing
from tests.e2e.seed import STAFF_PASSWORD, STAFF_USERNAME
from tests.e2e.staff import staff_log_in

DEMO = "imvo-evaluatie"


def log_in(browsing: Browsing, page: Page) -> None:
    staff_log_in(page, browsing, STAFF_USERNAME, STAFF_PASSWORD, "/beheer/")


def test_closed_questions_and_exports(browsing: Browsing) -> None:
    page = browsing.new_page()
    log_in(browsing, page)
    browsing.check(page)
    page.goto(f"/beheer/consultaties/{DEMO}/gesloten-vragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesloten vragen")
    charts = page.get_by_role("img", name=re.compile("Verdeling van de antwoorden"))
    expect(charts.first).to_be_visible()
    assert charts.count() >= 5  # every closed question of the demo has its chart
    expect(
        page.get_by_text("Per soort belanghebbende: percentage (95%-interval)").first
    ).to_be_visible()
    browsing.check(page, "staff-closed-questions")

    page.get_by_role("link", name="Exporteren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reacties exporteren")
    browsing.check(page, "staff-export")
    page.get_by_label("Excel (XLSX)").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteren").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with download.path().open("rb") as handle:
        workbook = load_workbook(handle)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert len(rows) > 100 and "channel" in rows[0]

    page.get_by_label(re.compile("^Openbaar")).check()
    page.get_by_label("CSV").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteren").click()
    data = info.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    public = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert public and all(row["consent"] in ("named", "anonymous") for row in public)
