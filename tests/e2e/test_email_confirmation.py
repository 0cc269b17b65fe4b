"""Confirm an e-mail address on the vote page: ask for a link (without JavaScript too), the
worker mails it, open it, confirm with the button; the used link then says so, in Dutch and in
English."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import Browsing
from tests.e2e.journeys import DEMO_SLUG
from tests.e2e.test_invitations import text_of, wait_for_mail

TEXT = {
    "nl": {
        "prefix": "",
        "section": "Bevestig uw e-mailadres (optioneel)",
        "label": "Uw e-mailadres",
        "send": "Stuur mij een bevestigingslink",
        "sent": "Wij hebben een e-mail met een bevestigingslink gestuurd",
        "subject": "Bevestig uw e-mailadres",
        "heading": "Bevestig uw e-mailadres",
        "button": "Bevestigen",
        "done": "Uw e-mailadres is bevestigd.",
        "shown": "Uw e-mailadres is bevestigd op",
        "used": "Deze link is al gebruikt",
    },
    "en": {
        "prefix": "/en",
        "section": "Confirm your e-mail address (optional)",
        "label": "Your e-mail address",
        "send": "Send me a confirmation link",
        "sent": "We have sent an e-mail with a confirmation link",
        "subject": "Confirm your e-mail address",
        "heading": "Confirm your e-mail address",
        "button": "Confirm",
        "done": "Your e-mail address is confirmed.",
        "shown": "Your e-mail address was confirmed on",
        "used": "This link has been used already",
    },
}


def confirm(browsing: Browsing, language: str, address: str, *, script: bool = True) -> None:
    t = TEXT[language]
    mail_dir = Path(browsing.server.env["EMAIL_FILE_PATH"])
    page = browsing.new_page(language=language, java_script_enabled=script)
    page.goto(f"{t['prefix']}/consultaties/{DEMO_SLUG}/stellingen/")
    section = page.get_by_role("region", name=t["section"])
    expect(section).to_be_visible()
    browsing.check(page)
    section.get_by_label(t["label"]).fill(address)
    with page.expect_navigation():
        section.get_by_role("button", name=t["send"]).click()
    expect(page.get_by_role("status").first).to_contain_text(t["sent"])
    browsing.check(page)

    message = wait_for_mail(mail_dir, address, t["subject"])
    link = next(word for word in text_of(message).split() if "/bevestig/" in word)
    assert link.startswith(browsing.server.url + t["prefix"] + "/"), link
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(t["heading"])
    browsing.check(page)
    with page.expect_navigation():
        page.get_by_role("button", name=t["button"], exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(t["done"])
    expect(page.get_by_role("region", name=t["section"])).to_contain_text(t["shown"])
    browsing.check(page)

    page.goto(link)  # once only
    expect(page.get_by_role("heading", level=1)).to_have_text(t["used"])
    browsing.check(page)


def test_confirm_an_address_in_dutch(browsing: Browsing) -> None:
    confirm(browsing, "nl", "bevestig-nl@voorbeeld.example")


def test_confirm_an_address_in_english(browsing: Browsing) -> None:
    confirm(browsing, "en", "confirm-en@voorbeeld.example")


def test_confirm_an_address_without_javascript(browsing: Browsing) -> None:
    confirm(browsing, "nl", "zonder-js@voorbeeld.example", script=False)
