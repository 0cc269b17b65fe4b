"""Two analysts, each in their own browser, on a small closed consultation of their own
(tests.e2e.double_coding_seed: four answers nobody has coded): the first codes two answers, the
second codes the same answers blind (without seeing the first's codes), and the double-coding
page shows their agreement, the warning that two answers are too few to trust it, and the
answer they disagree on. Then the personal-data review of one answer: the respondent's missed
name added with a reason, a second span rejected, the answer marked reviewed, and the public
text redacted. Every page passes the axe-core gate."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.analysts_seed import FIRST_ANALYST, SECOND_ANALYST
from tests.e2e.conftest import Browsing
from tests.e2e.double_coding_seed import PERSON_NAME, SLUG
from tests.e2e.staff import staff_log_in


def _first_question(browsing: Browsing, page: Page) -> str:
    page.goto(f"/beheer/consultaties/{SLUG}/antwoorden/")
    browsing.check(page)
    page.locator("table a").first.click()
    browsing.check(page)
    return page.url.split("?", 1)[0]


def _path(url: str) -> str:
    return "/" + url.split("//", 1)[1].split("/", 1)[1].split("?", 1)[0].split("#", 1)[0]


def test_double_coding_and_personal_data_review(browsing: Browsing) -> None:
    browsing.server.manage("tests.e2e.double_coding_seed")
    first = browsing.new_page()
    staff_log_in(first, browsing, *FIRST_ANALYST, "/beheer/")
    browsing.check(first)
    browser_url = _first_question(browsing, first)

    # The first analyst codes the two newest answers, each with the first code of the book.
    coded: list[str] = []
    for index in range(2):
        first.goto(browser_url)
        browsing.check(first)
        first.get_by_role("link", name="Bekijken en coderen").nth(index).click()
        browsing.check(first)
        coded.append(_path(first.url))
        first.locator('input[name="codes"]').first.check()
        with first.expect_navigation():
            first.get_by_role("button", name="Opslaan", exact=True).click()
        expect(first.get_by_role("status").first).to_contain_text("Codering opgeslagen")
        browsing.check(first)

    # The second analyst codes blind: the first analyst's codes are not shown or ticked.
    second = browsing.new_page()
    staff_log_in(second, browsing, *SECOND_ANALYST, "/beheer/")
    browsing.check(second)
    second.goto(browser_url)
    browsing.check(second)
    second.get_by_role("link", name="Tweede codering (blind)").click()
    blind: list[str] = []
    for index in range(2):
        browsing.check(second)
        expect(second.get_by_role("heading", level=1)).to_contain_text("tweede codering (blind)")
        expect(second.locator('input[name="codes"]:checked')).to_have_count(0)
        expect(second.get_by_text("Dubbel gecodeerd")).to_have_count(0)
        blind.append(_path(second.url))
        # agrees with the first analyst on the first answer, gives another code on the second
        second.locator('input[name="codes"]').nth(index).check()
        with second.expect_navigation():
            second.get_by_role("button", name="Opslaan en volgende").click()
        expect(second.get_by_role("status").first).to_contain_text("Codering opgeslagen")
    browsing.check(second)
    assert sorted(blind) == sorted(coded), (blind, coded)

    second.goto(browser_url)
    browsing.check(second)
    second.get_by_role("link", name="Dubbele codering: overeenstemming en verschillen").click()
    expect(second.get_by_role("heading", level=1)).to_have_text("Dubbele codering")
    browsing.check(second, "staff-double-coding")
    main = second.locator("main")
    expect(main).to_contain_text("2 antwoorden door beide analisten gecodeerd")
    expect(main).to_contain_text("Te weinig dubbel gecodeerde antwoorden")
    table = second.get_by_role("table", name=re.compile("Overeenstemming per code"))
    expect(table).to_be_visible()
    # the model's F1 column stands beside the agreement; no analysis ran, so it is empty
    expect(
        table.get_by_role("columnheader", name="F1 model tegen analist (kruisvalidatie)")
    ).to_be_visible()
    expect(main).to_contain_text("Nog geen analyse van deze vraag")
    assert not re.search(r"\bnan\b", main.inner_text(), re.I)
    disagreements = second.locator("main ul.md-staff-list > li")
    expect(disagreements).to_have_count(1)
    expect(disagreements.first.get_by_role("link")).to_have_attribute("href", blind[1])

    # Personal data: the first analyst reviews the newest answer, which names a person (no
    # analysis has run, so nothing was detected: the name is added as a missed span).
    first.goto(coded[0])
    browsing.check(first)
    text = first.locator("blockquote.md-answer-full").inner_text()
    assert PERSON_NAME in text, text
    missed, kept = PERSON_NAME, "spinnerij"
    assert text.count(kept) == 1, text
    section = first.locator("section.md-personal-data")
    for fragment, reason in ((missed, "naam van een medewerker"), (kept, "gewoon woord")):
        section.get_by_label("Tekst die weg moet").fill(fragment)
        section.get_by_label("Soort").select_option(label="naam")
        section.locator("#add-reason").fill(reason)
        with first.expect_navigation():
            section.get_by_role("button", name="Toevoegen").click()
        expect(first.get_by_role("status").first).to_contain_text("Persoonsgegeven toegevoegd")
        browsing.check(first)
    # the second span was no personal data after all: rejected, with the reason
    span = section.locator("ul.md-spans > li").filter(has_text="gewoon woord")
    span.get_by_label("Reden").fill("geen persoonsgegeven, een gewoon woord")
    with first.expect_navigation():
        span.get_by_role("button", name="Afwijzen (geen persoonsgegeven)").click()
    expect(first.get_by_role("status").first).to_contain_text("Beoordeling opgeslagen")
    browsing.check(first)
    expect(section).to_contain_text("Nog niet beoordeeld")
    with first.expect_navigation():
        section.get_by_role("button", name="Persoonsgegevens beoordeeld").click()
    expect(first.get_by_role("status").first).to_contain_text("beoordeeld op persoonsgegevens")
    browsing.check(first, "staff-personal-data")
    public = section.locator("p", has_text="Openbare tekst").inner_text()
    assert missed not in public, public  # redacted
    assert kept in public, public  # rejected: it stays
