"""Respond to the IMVO consultation in Dutch and English: validation errors, every section, the
review page and the receipt with its reference number."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Browsing, focused
from tests.e2e.journeys import DEMO_SLUG, Respondent
from tests.e2e.seed import MAIN_SLUG


def test_error_summary_links_move_focus_to_the_fields(browsing: Browsing) -> None:
    person = Respondent(browsing.new_page(), browsing, "nl")
    person.start(DEMO_SLUG)
    person.check()
    person.submit("next")  # nothing filled in
    summary = person.error_summary()
    expect(summary.get_by_role("heading")).to_have_text(person.t["problems"])
    links = summary.get_by_role("link")
    expect(links).to_have_count(3)
    expect(links.first).to_contain_text(person.t["required"])
    person.check("nl-profile-errors")
    # Each link moves the keyboard focus to its field group; the next Tab lands on its first option.
    for index, name in enumerate(["respondent_kind", "stakeholder_type", "publication_consent"]):
        links.nth(index).click()
        assert focused(person.page)["id"] == f"id_{name}", focused(person.page)
        person.page.keyboard.press("Tab")
        assert focused(person.page)["name"] == name, focused(person.page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_respond_to_the_imvo_consultation(browsing: Browsing, language: str) -> None:
    person = Respondent(browsing.new_page(language=language), browsing, language)
    t = person.t
    page = person.page

    page.goto(f"{t['prefix']}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    person.check(f"{language}-home")
    demo_card = page.locator(".md-card").filter(
        has=page.locator(f"a[href$='/consultaties/{DEMO_SLUG}/']")
    )
    expect(demo_card.get_by_role("heading")).to_contain_text("IMVO" if language == "nl" else "IRBC")
    demo_card.locator(f"a[href$='/consultaties/{DEMO_SLUG}/']").first.click()
    page.wait_for_url(re.compile(f"/consultaties/{DEMO_SLUG}/$"))
    person.check(f"{language}-consultation")
    with page.expect_navigation():
        page.get_by_role("button", name=t["start"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t["about_you"])
    person.check()

    # "About you": an organisation without its name is an error; the rest stays filled in.
    page.get_by_role("radio", name=t["organisation"]).check()
    page.get_by_role("radio", name=t["ngo"]).check()
    page.get_by_role("radio", name=t["anonymous"]).check()
    person.submit("next")
    summary = person.error_summary()
    expect(summary.get_by_role("heading")).to_have_text(t["one_problem"])
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(page.get_by_role("radio", name=t["ngo"])).to_be_checked()
    person.check()
    summary.get_by_role("link").click()
    expect(page.get_by_label(t["organisation_name"])).to_be_focused()
    page.get_by_label(t["organisation_name"]).fill("Stichting Eerlijke Keten")
    person.assert_chosen_radios_look_chosen()
    person.check(f"{language}-profile")
    person.submit("next")

    # Section 1 has a required question: moving on without it shows the summary again.
    expect(page.locator(".md-steps [aria-current=step]")).to_have_count(1)
    person.submit("next")
    summary = person.error_summary()
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary).to_contain_text(t["required"])
    person.check(f"{language}-section-errors")
    summary.get_by_role("link").click()
    target = focused(page)
    assert target["id"].startswith("vraag-"), target
    page.keyboard.press("Tab")
    assert focused(page)["type"] == "radio", focused(page)

    typed: list[str] = []
    section = 0
    while not page.get_by_role("button", name=t["send"]).count():
        section += 1
        assert section <= 12, "the sections never reached the review page"
        typed += person.answer_section(
            f"{'Onderdeel' if language == 'nl' else 'Section'} {section}"
        )
        person.check(f"{language}-section-answered" if section == 3 else None)
        person.submit("next")
        expect(page.locator("#error-summary")).to_have_count(0)
        person.check()
    assert section >= 2 and typed

    # Review: every typed answer is shown before sending.
    expect(page.get_by_role("heading", level=1)).to_have_text(t["review"])
    for text in typed:
        expect(page.locator("main")).to_contain_text(text)
    person.check(f"{language}-review")
    person.submit("send")

    expect(page.get_by_role("heading", level=1)).to_have_text(t["thanks"])
    expect(page.locator("main")).to_contain_text(t["your_reference"])
    reference = person.reference()
    for text in typed:
        expect(page.locator("main")).to_contain_text(text)
    expect(page.get_by_role("link", name=t["change"])).to_be_visible()
    expect(page.get_by_role("link", name=t["withdraw"])).to_be_visible()
    person.check(f"{language}-receipt")
    assert reference.startswith("IMVO-")


def test_review_lists_what_is_missing_and_links_to_it(browsing: Browsing) -> None:
    person = Respondent(browsing.new_page(), browsing, "nl")
    page = person.page
    person.start(MAIN_SLUG)
    person.check()
    page.locator(".md-steps").get_by_role("link", name=person.t["review"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.t["review"])
    missing = page.locator("main .utrecht-alert--warning").get_by_role("link")
    expect(missing).to_have_count(4)  # three profile questions and one required answer
    expect(missing.last).to_contain_text("Wat werkt goed?")
    person.check("nl-review-missing")
    # Each link opens the step and puts the focus on the question.
    missing.first.click()
    expect(page).to_have_url(re.compile(r"/over-u/#id_respondent_kind$"))
    assert focused(page)["id"] == "id_respondent_kind", focused(page)
    person.check()
    page.go_back()
    person.check()
    missing.last.click()
    expect(page).to_have_url(re.compile(r"/onderdeel/1/#vraag-\d+$"))
    assert focused(page)["id"].startswith("vraag-"), focused(page)
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "textarea", focused(page)
    person.check()
