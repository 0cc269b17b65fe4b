"""Staff author a consultation in the admin (/beheer/): the consultation with a section, then a
question in that section; the public pages show it at once, and the audit log records it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing
from tests.e2e.seed import STAFF_PASSWORD, STAFF_USERNAME
from tests.e2e.staff import staff_log_in

SLUG = "beheer-proef"
TITLE_NL = "Proef vanuit beheer: eerlijke handel in natuursteen"
TITLE_EN = "Trial from the admin: fair trade in natural stone"


def save(page: Page, button: str = "Opslaan") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_staff_author_a_consultation_with_a_section_and_a_question(browsing: Browsing) -> None:
    page = browsing.new_page()
    check = browsing.check
    page.goto("/beheer/")
    expect(page).to_have_url(re.compile(r"/beheer/login/"))
    check(page)
    staff_log_in(page, browsing, STAFF_USERNAME, STAFF_PASSWORD, "/beheer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultaties beheren")
    check(page)

    page.locator("#consultations-consultation").get_by_role(
        "link", name="Consultaties", exact=True
    ).click()
    check(page)
    page.locator(".object-tools a.addlink").first.click()
    check(page)
    page.locator("#id_slug").fill(SLUG)
    page.locator("#id_organisation").fill("Ministerie van Buitenlandse Zaken")
    page.locator("#id_title_nl").fill(TITLE_NL)
    page.locator("#id_title_en").fill(TITLE_EN)
    page.locator("#id_summary_nl").fill("Wat vindt u van eerlijke handel in natuursteen?")
    page.locator("#id_summary_en").fill("What do you think of fair trade in natural stone?")
    page.locator("#id_explainer_nl").fill("Wij vragen **uw ervaring** met de keten.")
    page.locator("#id_explainer_en").fill("We ask for **your experience** with the chain.")
    # The split date and time inputs are named for screen readers ("Opent op, datum").
    today = date.today()
    for field, day in (
        ("Gepubliceerd op", today - timedelta(days=1)),
        ("Opent op", today - timedelta(days=1)),
        ("Sluit op", today + timedelta(days=60)),
    ):
        page.get_by_label(f"{field}, datum", exact=True).fill(day.strftime("%d-%m-%Y"))
        page.get_by_label(f"{field}, tijd", exact=True).fill("09:00:00")
    page.get_by_role("button", name=re.compile("Nog een Onderdeel toevoegen")).click()
    page.locator("#id_sections-0-order").fill("1")
    page.locator("#id_sections-0-title_nl").fill("Herkomst van steen")
    page.locator("#id_sections-0-title_en").fill("Where stone comes from")
    check(page, "admin-consultation-add")
    # The publish checklist: a consultation without questions cannot be published yet.
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".errorlist").first).to_contain_text("Nog niet publiceren")
    check(page, "admin-publish-checklist")
    page.get_by_label("Gepubliceerd op, datum", exact=True).fill("")
    page.get_by_label("Gepubliceerd op, tijd", exact=True).fill("")
    save(page)
    expect(page.locator("#result_list")).to_contain_text(TITLE_NL)
    check(page)

    # The question is added on the section's own page (Django has no nested inlines).
    page.goto("/beheer/consultations/section/")
    check(page)
    page.get_by_role("link", name="Herkomst van steen").click()
    check(page)
    page.get_by_role("button", name=re.compile("Nog een Vraag toevoegen")).click()
    page.locator("#id_questions-0-order").fill("1")
    page.locator("#id_questions-0-key").fill("herkomst")
    page.locator("#id_questions-0-kind").select_option("open_text")
    page.locator("#id_questions-0-required").check()
    page.locator("#id_questions-0-text_nl").fill("Weet u uit welke groeve uw steen komt?")
    page.locator("#id_questions-0-text_en").fill("Do you know which quarry your stone comes from?")
    check(page, "admin-section-question")
    save(page)
    check(page)

    # With a question in both languages it can be published.
    page.goto("/beheer/consultations/consultation/")
    check(page)
    page.get_by_role("link", name=TITLE_NL).click()
    check(page)
    yesterday = (today - timedelta(days=1)).strftime("%d-%m-%Y")
    page.get_by_label("Gepubliceerd op, datum", exact=True).fill(yesterday)
    page.get_by_label("Gepubliceerd op, tijd", exact=True).fill("09:00:00")
    save(page)
    check(page)

    page.goto("/beheer/audit/auditentry/")
    for action in ("consultation.added", "section.added", "question.added"):
        expect(page.locator("#result_list")).to_contain_text(action)
    check(page)

    # What the public sees, in both languages.
    page.goto(f"/consultaties/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_NL)
    expect(page.locator(".md-section-list")).to_contain_text("Herkomst van steen (1 vraag)")
    expect(page.locator("main strong")).to_have_text("uw ervaring")  # the Markdown, rendered
    expect(page.get_by_role("button", name="Start met reageren")).to_be_visible()
    check(page, "admin-authored-public")
    page.goto(f"/en/consultaties/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(page.locator(".md-section-list")).to_contain_text("Where stone comes from (1 question)")
    check(page)
