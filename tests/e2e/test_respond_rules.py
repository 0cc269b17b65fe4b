"""Form rules in the browser (issue 13): a conditional question appears only after the answer
it depends on; switching language mid-section keeps what was typed; the review shows the
profile with a change link per part; staff preview a draft and edit at 1280 px; axe clean."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing
from tests.e2e.rules_seed import DRAFT_SLUG, RULES_SLUG
from tests.e2e.seed import STAFF_PASSWORD, STAFF_USERNAME
from tests.e2e.staff import staff_log_in


def seeded(browsing: Browsing) -> None:
    browsing.server.manage("tests.e2e.rules_seed")


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


def test_conditional_question_and_language_switch_keep_the_respondent_on_track(
    browsing: Browsing,
) -> None:
    seeded(browsing)
    page = browsing.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"/consultaties/{RULES_SLUG}/")
    expect(page.get_by_text("Reageren kost ongeveer 15 minuten.")).to_be_visible()
    expect(page.locator(".md-section-list")).to_contain_text("1. Convenanten")
    browsing.check(page)
    submit(page, "Start met reageren")
    # Profile: the organisation name is asked only of those who respond for an organisation.
    organisation_name = page.get_by_label("Naam van de organisatie")
    page.get_by_role("radio", name="als persoon").check()
    expect(organisation_name).to_be_hidden()
    page.get_by_role("radio", name="namens een organisatie").check()
    expect(organisation_name).to_be_visible()
    organisation_name.fill("Stichting Steen")
    page.get_by_role("radio", name="maatschappelijke organisatie (ngo)").check()
    page.get_by_role("radio", name="Publiceer mijn reactie anoniem").check()
    browsing.check(page)
    submit(page, "Opslaan en verder")

    expect(page.get_by_role("heading", level=1)).to_have_text("1. Convenanten")
    countries = page.locator(".md-question", has_text="Welke landen kent u?")
    expect(countries).to_be_hidden()
    page.get_by_role("radio", name="Ja").check()
    expect(countries).to_be_visible()
    page.get_by_role("checkbox", name="Duitsland").check()
    page.get_by_label(re.compile("Wat werkt goed?")).fill("Het gezamenlijke klachtenloket")
    browsing.check(page)

    # Mid-section to English: what was typed and chosen comes along.
    submit(page, "English")
    expect(page).to_have_url(re.compile(r"/en/consultaties/.+/onderdeel/1/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Covenants")
    expect(page.get_by_label(re.compile("What works well?"))).to_have_value(
        "Het gezamenlijke klachtenloket"
    )
    expect(page.get_by_role("checkbox", name="Germany")).to_be_checked()
    browsing.check(page)
    submit(page, "Save and continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("2. Proposals")
    browsing.check(page)
    submit(page, "Save and continue")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check and send")
    expect(page.get_by_text("Stichting Steen")).to_be_visible()
    changes = page.locator("a.md-change-link")
    expect(changes).to_have_count(3)
    browsing.check(page)
    changes.nth(1).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Covenants")
    browsing.check(page)


def test_staff_preview_a_draft_and_edit_it_at_1280_pixels(browsing: Browsing) -> None:
    seeded(browsing)
    page = browsing.new_page()
    staff_log_in(page, browsing, STAFF_USERNAME, STAFF_PASSWORD, "/beheer/")
    browsing.check(page)
    page.goto(f"/consultaties/{DRAFT_SLUG}/voorbeeld/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Concept: eerlijke handel in natuursteen"
    )
    expect(
        page.get_by_text("Deze consultatie is een concept en nog niet openbaar.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="2. Voorstellen")).to_be_visible()
    browsing.check(page)

    page.goto("/beheer/consultations/consultation/")
    browsing.check(page)
    page.get_by_role("link", name="Concept: eerlijke handel in natuursteen").click()
    browsing.check(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1280, f"the consultation editor is {width} px wide"
    page.locator("#sections-group a.inlinechangelink").first.click()  # section 1
    browsing.check(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    # the question "Was u lid ..." with its options
    page.locator("#questions-group a.inlinechangelink").nth(1).click()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    browsing.check(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280


def test_the_vote_buttons_show_without_scrolling_on_a_phone(browsing: Browsing) -> None:
    page = browsing.new_page(viewport={"width": 390, "height": 844})
    page.goto("/consultaties/imvo-evaluatie/stellingen/")
    agree = page.get_by_role("button", name="Eens", exact=True)
    expect(agree).to_be_visible()
    box = agree.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    browsing.check(page)
