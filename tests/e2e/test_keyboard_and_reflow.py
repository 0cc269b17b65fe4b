"""Keyboard-only completion of the respond journey (Tab, Shift+Tab, Space, Enter, arrow keys and
typing; no clicks), and reflow: the respond pages at 320 CSS px wide without horizontal
scrolling (WCAG 1.4.10)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing, focused, press_until
from tests.e2e.journeys import Respondent, assert_focus_visible, assert_reflows
from tests.e2e.seed import KEYBOARD_SLUG, MAIN_SLUG


def tab_to_button(page: Page, text: str) -> None:
    press_until(page, "Tab", lambda f: f["tag"] == "button" and f["text"] == text)
    assert_focus_visible(page)


def test_respond_with_the_keyboard_only(browsing: Browsing) -> None:
    person = Respondent(browsing.new_page(), browsing, "nl")
    page, t = person.page, person.t
    page.goto(f"/consultaties/{KEYBOARD_SLUG}/")
    person.check()

    # The first Tab shows the skip link; Enter moves the focus to the main content.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Naar de inhoud", focused(page)
    box = page.locator(".md-skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link stays off screen when focused"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main", focused(page)

    tab_to_button(page, t["start"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t["about_you"])
    person.check()

    # Radio groups: Tab into the group, Space to choose, arrow keys to change the choice.
    press_until(page, "Tab", lambda f: f["name"] == "respondent_kind")
    assert_focus_visible(page)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="als persoon")).to_be_checked()
    press_until(page, "Tab", lambda f: f["name"] == "stakeholder_type")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name=t["ngo"])).to_be_checked()
    press_until(page, "Tab", lambda f: f["name"] == "covenants")
    page.keyboard.press("Space")
    assert page.locator("input[name=covenants]:checked").count() == 1
    press_until(page, "Tab", lambda f: f["name"] == "publication_consent")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name=t["anonymous"])).to_be_checked()
    # Shift+Tab goes back out of the group to the covenants, Tab returns to the chosen option.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["name"] == "covenants", focused(page)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "publication_consent", focused(page)
    person.check("keyboard-profile")
    tab_to_button(page, t["next"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    person.check()

    # Section 1: an open answer, a single choice and a multiple choice.
    press_until(page, "Tab", lambda f: f["tag"] == "textarea")
    page.keyboard.type("Met alleen het toetsenbord: de convenanten geven houvast.")
    press_until(page, "Tab", lambda f: f["type"] == "radio")
    page.keyboard.press("Space")
    press_until(page, "Tab", lambda f: f["type"] == "checkbox")
    page.keyboard.press("Space")
    tab_to_button(page, t["next"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#error-summary")).to_have_count(0)
    person.check()

    # Section 2: a 1-5 scale, a ranking (type the rank into each select) and an open answer.
    press_until(page, "Tab", lambda f: f["type"] == "radio")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()
    for rank in ("2", "1", "3"):
        press_until(page, "Tab", lambda f: f["tag"] == "select")
        page.keyboard.press(rank)
    press_until(page, "Tab", lambda f: f["tag"] == "textarea")
    page.keyboard.type("Een steunpunt dat ook kleine bedrijven helpt.")
    tab_to_button(page, t["next"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t["review"])
    person.check()

    tab_to_button(page, t["send"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t["thanks"])
    person.reference()
    main = page.locator("main")
    expect(main).to_contain_text("Met alleen het toetsenbord: de convenanten geven houvast.")
    expect(main).to_contain_text("Convenant; Wet; Loket")  # ranked 1, 2, 3 by typing
    expect(main).to_contain_text("4 / 5")
    expect(main).to_contain_text("Een steunpunt dat ook kleine bedrijven helpt.")
    person.check()


def test_respond_pages_reflow_at_320_css_pixels(browsing: Browsing) -> None:
    person = Respondent(browsing.new_page(viewport={"width": 320, "height": 640}), browsing, "nl")
    page, t = person.page, person.t
    person.start(MAIN_SLUG)
    assert_reflows(page)
    person.check()
    person.submit("next")
    person.error_summary()
    assert_reflows(page)
    person.check("reflow-profile-errors")
    person.fill_profile("Maatschappelijk Verantwoord Ondernemen Nederland")
    person.submit("next")
    assert_reflows(page)
    person.check()
    person.submit("next")  # the required open answer is missing
    person.error_summary()
    assert_reflows(page)
    person.check()
    person.answer_section("Smal scherm")
    person.submit("next")
    assert_reflows(page)
    person.check()
    person.answer_section("Smal scherm")
    assert_reflows(page)
    person.check("reflow-section")
    person.submit("next")
    assert_reflows(page)
    person.check()
    person.submit("send")
    expect(page.get_by_role("heading", level=1)).to_have_text(t["thanks"])
    assert_reflows(page)
    person.check("reflow-receipt")
    page.goto(f"/consultaties/{MAIN_SLUG}/")
    assert_reflows(page)
    person.check()
    expect(page).to_have_title(re.compile("Proef"))
