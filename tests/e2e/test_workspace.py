"""An analyst's workspace in the IMVO demo, in a real browser with the axe-core gate: the answers
to a question, filter and search, code an answer, run the open-answer analysis in the worker,
take over a proposal with the keyboard, the codebook, double coding and personal data."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing
from tests.e2e.test_closed_and_export import DEMO, log_in


def wait_for_analysis(browsing: Browsing, page: Page, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = page.get_by_role("status").first.inner_text()
        if ": klaar" in status.lower() or "gereed" in status.lower() or "done" in status.lower():
            return
        assert "mislukt" not in status.lower(), status
        time.sleep(3)
        page.reload()
        browsing.check(page)
    raise AssertionError("the analysis did not finish in time")


def test_analyst_workspace(browsing: Browsing) -> None:
    page = browsing.new_page()
    log_in(browsing, page)
    browsing.check(page)
    page.goto(f"/beheer/consultaties/{DEMO}/antwoorden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Antwoorden op de open vragen")
    browsing.check(page, "staff-questions")
    page.locator("table a").first.click()
    browsing.check(page, "staff-answers")
    total = page.locator("#results").inner_text()

    page.get_by_label("Zoeken in de antwoorden").fill("convenant")
    page.get_by_role("button", name="Zoeken").click()
    browsing.check(page)
    searched = page.locator("#results").inner_text()
    assert searched != total, (searched, total)
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Soort belanghebbende").select_option(label="bedrijf")
    page.get_by_role("button", name="Filters toepassen").click()
    browsing.check(page)
    expect(page.locator(".md-answer__facts").first).to_contain_text("bedrijf")

    page.get_by_role("link", name="Bekijken en coderen").first.click()
    browsing.check(page, "staff-answer")
    page.locator('input[name="codes"]').first.check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Codering opgeslagen")
    browsing.check(page)

    page.get_by_role("link", name="Analyse open antwoorden").click()
    browsing.check(page)
    page.get_by_role("button", name="Analyse starten").click()
    browsing.check(page)
    wait_for_analysis(browsing, page)
    expect(page.get_by_role("heading", name="Kwaliteit per code").first).to_be_visible()
    browsing.check(page)  # no screenshot: a long page, slow to capture on a busy machine
    # the code counts split by what respondents ticked on a closed question
    split_by = page.get_by_label("Aantallen per code uitsplitsen naar het antwoord op")
    split_by.select_option(index=1)
    page.get_by_role("button", name="Uitsplitsen").click()
    browsing.check(page)
    expect(
        page.get_by_role("table", name=re.compile("Campagnes tellen zoals gekozen")).first
    ).to_be_visible()

    # Where the analysts compare their double coding, the model's F1 per code (from this run,
    # by cross-validation) stands beside their kappa and alpha.
    page.get_by_role("link", name="Antwoorden", exact=True).click()
    browsing.check(page)
    page.locator("table a").first.click()
    browsing.check(page)
    page.get_by_role("link", name="Dubbele codering: overeenstemming en verschillen").click()
    browsing.check(page, "staff-double-coding-f1")
    expect(page.locator("main")).to_contain_text("door kruisvalidatie getoetst in analyse #")
    agreement = page.get_by_role("table", name=re.compile("en de F1 van het model"))
    headers = agreement.get_by_role("columnheader").all_inner_texts()
    column = headers.index("F1 model tegen analist (kruisvalidatie)") - 1  # after the code
    f1 = agreement.locator("tbody tr").evaluate_all(
        f"rows => rows.map(row => row.querySelectorAll('td')[{column}].innerText)"
    )
    assert any(re.fullmatch(r"[01],\d\d", value.strip()) for value in f1), f1
    assert "Kappa" in headers and "Alfa" in headers, headers

    page.get_by_role("link", name="Antwoorden", exact=True).click()
    browsing.check(page)
    page.locator("table a").first.click()
    browsing.check(page)
    page.get_by_role("link", name="Volgende te coderen").click()
    browsing.check(page)
    proposed = page.locator("[data-proposed]")
    if proposed.count():
        box = page.locator(f"#code-{proposed.first.get_attribute('data-proposed')}")
        expect(box).not_to_be_checked()
        page.locator("h1").click()
        page.keyboard.press("1")
        expect(box).to_be_checked()
        page.keyboard.press("s")
        expect(page.get_by_role("status").first).to_contain_text("Codering opgeslagen")
        browsing.check(page)

    page.get_by_role("link", name="Codeboek", exact=True).click()
    expect(page.get_by_text("Kinderarbeid").first).to_be_visible()
    browsing.check(page, "staff-codebook")
    page.get_by_label("Label (NL)").last.fill("Handhaving door de toezichthouder")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").first).to_contain_text("Code toegevoegd")
    browsing.check(page)
    assert re.search("toegevoegd", page.locator("main").inner_text())
