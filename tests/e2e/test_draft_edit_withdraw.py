"""Save a draft and come back through the secret link in a fresh browser; after sending, change
and withdraw the response until the consultation closes."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import Browsing
from tests.e2e.journeys import Respondent
from tests.e2e.seed import CLOSING_SLUG, MAIN_SLUG


def test_save_a_draft_and_resume_through_the_secret_link(browsing: Browsing) -> None:
    first_visit = Respondent(browsing.new_page(), browsing, "nl")
    page = first_visit.page
    first_visit.start(MAIN_SLUG)
    first_visit.check()
    first_visit.fill_profile("Fair Wear Platform")
    first_visit.submit("save")  # a draft may be saved at any time
    expect(page.get_by_role("status")).to_contain_text(first_visit.t["saved"])
    first_visit.check("nl-draft-saved")
    secret_link = first_visit.secret_link()
    first_visit.submit("next")
    first_visit.check()
    page.get_by_label("Wat werkt goed?").fill("Het klachtenmechanisme van het convenant.")
    first_visit.submit("save")
    expect(page.get_by_role("status")).to_contain_text(first_visit.t["saved"])
    first_visit.check()
    page.context.close()

    # Another browser without cookies: only the secret link leads back to the draft.
    later = Respondent(browsing.new_page(), browsing, "nl")
    page = later.page
    page.goto(secret_link)
    expect(page.get_by_role("heading", level=1)).to_have_text(later.t["about_you"])
    expect(page.get_by_label(later.t["organisation_name"])).to_have_value("Fair Wear Platform")
    expect(page.get_by_role("radio", name=later.t["anonymous"])).to_be_checked()
    later.check()
    page.locator(".md-steps").get_by_role("link", name="Convenanten").click()
    expect(page.get_by_label("Wat werkt goed?")).to_have_value(
        "Het klachtenmechanisme van het convenant."
    )
    later.check("nl-draft-resumed")
    later.submit("next")
    later.check()
    later.submit("next")
    later.check()
    later.submit("send")
    expect(page.get_by_role("heading", level=1)).to_have_text(later.t["thanks"])
    later.reference()
    expect(page.locator("main")).to_contain_text("Het klachtenmechanisme van het convenant.")
    later.check()


def send_response(person: Respondent, slug: str, organisation: str, answer: str) -> str:
    """The shortest complete response; returns the secret link."""
    person.start(slug)
    person.check()
    person.fill_profile(organisation)
    person.submit("next")
    person.check()
    person.page.get_by_label(
        "Wat werkt goed?" if person.language == "nl" else "What works well?"
    ).fill(answer)
    person.submit("next")
    person.check()
    person.submit("next")
    person.check()
    person.submit("send")
    expect(person.page.get_by_role("heading", level=1)).to_have_text(person.t["thanks"])
    person.check()
    return person.secret_link()


def test_change_and_withdraw_until_the_consultation_closes(browsing: Browsing) -> None:
    # One respondent sends, then changes an answer through the receipt's link.
    editor = Respondent(browsing.new_page(), browsing, "nl")
    page = editor.page
    editor_link = send_response(editor, CLOSING_SLUG, "Stichting Eerlijk Goud", "Eerste versie.")
    reference = editor.reference()
    page.get_by_role("link", name=editor.t["change"]).click()
    expect(page.get_by_role("status")).to_contain_text(f"Uw reactie ({reference}) is ingediend")
    expect(page.get_by_role("button", name=editor.t["save"])).to_have_count(0)
    editor.check()
    editor.submit("next")
    page.get_by_label("Wat werkt goed?").fill("Tweede versie, na overleg met onze leden.")
    editor.check("nl-edit-submitted")
    editor.submit("next")
    editor.check()
    editor.submit("next")
    editor.check()
    page.get_by_role("link", name="Naar uw ontvangstbewijs").click()
    expect(page.locator(".md-reference")).to_have_text(reference)
    expect(page.locator("main")).to_contain_text("Tweede versie, na overleg met onze leden.")
    expect(page.locator("main")).not_to_contain_text("Eerste versie.")
    editor.check()

    # Another respondent (in English) withdraws: the answers are gone, the reference remains.
    leaver = Respondent(browsing.new_page(language="en"), browsing, "en")
    page = leaver.page
    leaver_link = send_response(leaver, CLOSING_SLUG, "Open Supply Chains", "To be withdrawn.")
    leaver_reference = leaver.reference()
    page.get_by_role("link", name=leaver.t["withdraw"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(leaver.t["withdraw"])
    expect(page.locator("main")).to_contain_text(leaver_reference)
    leaver.check("en-withdraw-confirm")
    leaver.submit("withdraw_yes")
    expect(page.get_by_role("heading", level=1)).to_have_text(leaver.t["withdrawn"])
    expect(page.locator("main")).to_contain_text(leaver_reference)
    expect(page.locator("main")).not_to_contain_text("To be withdrawn.")
    leaver.check("en-withdrawn")

    # The consultation closes: the secret links still show the receipts, but nothing can change.
    browsing.server.manage("tests.e2e.seed", "close", CLOSING_SLUG)
    page = editor.page
    page.goto(editor_link)
    expect(page.locator(".md-reference")).to_have_text(reference)
    expect(page.locator("main")).to_contain_text(editor.t["closed"])
    expect(page.get_by_role("link", name=editor.t["change"])).to_have_count(0)
    # Withdrawing (erasure) stays possible after closing.
    expect(page.get_by_role("link", name=editor.t["withdraw"])).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Tweede versie, na overleg met onze leden.")
    editor.check("nl-receipt-closed")
    page.goto(editor_link + "over-u/")  # an old bookmark to an edit page
    expect(page).to_have_url(re.compile(r"/ontvangstbewijs/$"))
    expect(page.get_by_role("status")).to_contain_text("Deze consultatie is gesloten.")
    editor.check()
    page.goto(f"/consultaties/{CLOSING_SLUG}/")
    expect(page.get_by_role("button", name=editor.t["start"])).to_have_count(0)
    expect(page.locator(".md-badge")).to_have_text(re.compile("gesloten", re.I))
    editor.check()

    page = leaver.page
    page.goto(leaver_link)
    expect(page.get_by_role("heading", level=1)).to_have_text(leaver.t["withdrawn"])
    leaver.check()
