"""Invite to response: staff upload a list of 50 organisations and invite them; the worker sends
the invitations (file e-mail backend); one invitee follows the link, finds the profile filled in,
attaches a PDF, asks for a receipt and responds; staff see who responded."""

from __future__ import annotations

import email
import email.policy
import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing
from tests.e2e.journeys import Respondent
from tests.e2e.seed import MAIN_SLUG, STAFF_PASSWORD, STAFF_USERNAME
from tests.e2e.staff import staff_log_in
from tests.platform.paper_files import pdf_with_text

TYPES = ["company", "ngo", "sector_association", "trade_union", "knowledge_institute"]
PHRASE = "Handhaving van de zorgplicht door een onafhankelijke toezichthouder."


def stakeholder_list() -> bytes:
    rows = ["organisatie;contactpersoon;e-mail;soort belanghebbende;sector;land"]
    rows += [
        f"Uitgenodigde organisatie {i:02d};Contact {i};uitnodiging{i:02d}@org.example;"
        f"{TYPES[i % 5]};textile;NL"
        for i in range(50)
    ]
    return ("\n".join(rows) + "\n").encode()


def mails_to(mail_dir: Path, address: str, subject_start: str) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for chunk in path.read_bytes().split(b"-" * 79):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
            if address in str(message["To"]) and str(message["Subject"]).startswith(subject_start):
                found.append(message)
    return found


def wait_for_mail(mail_dir: Path, address: str, subject_start: str) -> email.message.EmailMessage:
    """The worker sends in the background: poll its output for a while, never a fixed sleep."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = mails_to(mail_dir, address, subject_start)
        if found:
            return found[-1]
        time.sleep(0.5)
    raise AssertionError(f"no e-mail '{subject_start}' to {address} in {mail_dir}")


def text_of(message: email.message.EmailMessage) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]


def log_in(page: Page, browsing: Browsing) -> None:
    staff_log_in(page, browsing, STAFF_USERNAME, STAFF_PASSWORD, "/beheer/")
    # the staff home: each consultation with its figures and the owner's task links
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultaties beheren")
    card = page.get_by_role("region", name="Proef: ervaringen met de IMVO-convenanten")
    expect(card.get_by_role("link", name="Uitnodigingen")).to_be_visible()
    expect(card).to_contain_text("Wacht op moderatie")
    browsing.check(page, "staff-home")


def test_invite_fifty_organisations_and_see_who_responded(browsing: Browsing) -> None:
    mail_dir = Path(browsing.server.env["EMAIL_FILE_PATH"])
    staff = browsing.new_page()
    log_in(staff, browsing)
    staff.goto(f"/beheer/consultaties/{MAIN_SLUG}/uitnodigingen/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Uitnodigingen")
    browsing.check(staff)

    staff.locator("#contacts-file").set_input_files(
        files=[{"name": "genodigden.csv", "mimeType": "text/csv", "buffer": stakeholder_list()}]
    )
    with staff.expect_navigation():
        staff.get_by_role("button", name="Inlezen", exact=True).click()
    expect(staff.get_by_role("status").first).to_contain_text("50 toegevoegd")
    browsing.check(staff, "staff-invitations-list")
    with staff.expect_navigation():
        staff.get_by_role("button", name="50 uitnodigingen versturen").click()
    expect(staff.get_by_role("status").first).to_contain_text("50 uitnodigingen")
    browsing.check(staff)

    invitation = wait_for_mail(mail_dir, "uitnodiging07@org.example", "Uitnodiging")
    link = next(w for w in text_of(invitation).split() if "/uitnodiging/" in w)
    assert link.startswith(browsing.server.url), link

    # Another invitee unsubscribes with the link of the invitation (also its one-click header).
    other = wait_for_mail(mail_dir, "uitnodiging08@org.example", "Uitnodiging")
    unsubscribe = next(w for w in text_of(other).split() if "/afmelden/" in w)
    assert "".join(str(other["List-Unsubscribe"]).split()) == f"<{unsubscribe}>"
    assert other["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    leaving = browsing.new_page()
    leaving.goto(unsubscribe)
    expect(leaving.get_by_role("heading", level=1)).to_have_text("Afmelden")
    browsing.check(leaving)
    with leaving.expect_navigation():
        leaving.get_by_role("button", name="Afmelden").click()
    expect(leaving.get_by_role("status")).to_contain_text("U bent afgemeld")
    browsing.check(leaving, "unsubscribed")

    person = Respondent(browsing.new_page(viewport={"width": 390, "height": 844}), browsing)
    page = person.page
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("namens Uitgenodigde organisatie 07")).to_be_visible()
    person.check("invitation-landing")
    with page.expect_navigation():
        page.get_by_role("button", name="Reageren", exact=True).click()
    expect(page.get_by_label(person.t["organisation_name"])).to_have_value(
        "Uitgenodigde organisatie 07"
    )
    expect(page.get_by_role("radio", name="sector- of branchevereniging")).to_be_checked()
    expect(page.get_by_role("radio", name=person.t["anonymous"])).not_to_be_checked()
    person.check("invitation-profile-prefilled")
    page.get_by_role("radio", name=person.t["anonymous"]).check()
    person.submit("next")
    while "/onderdeel/" in page.url:
        person.answer_section("uitnodiging")
        person.check()
        person.submit("next")
    expect(page.get_by_role("heading", level=1)).to_have_text(person.t["review"])
    person.check()

    page.locator("#id_paper").set_input_files(
        files=[
            {
                "name": "standpunt.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_with_text(PHRASE),
            }
        ]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Bestand toevoegen").click()
    expect(page.get_by_text("standpunt.pdf is toegevoegd aan uw reactie.")).to_be_visible()
    person.check("review-with-position-paper")
    page.get_by_label("Stuur mij een ontvangstbevestiging met mijn persoonlijke link").check()
    page.get_by_label("E-mailadres voor deze berichten").fill("uitnodiging07@org.example")
    person.submit("send")
    expect(page.get_by_role("heading", level=1)).to_have_text(person.t["thanks"])
    reference = person.reference()
    person.check()

    receipt = wait_for_mail(mail_dir, "uitnodiging07@org.example", "Ontvangstbevestiging")
    assert reference in text_of(receipt)
    assert re.search(r"/reactie/[A-Za-z0-9_-]{40,}/", text_of(receipt))

    staff.reload()
    row = staff.get_by_role("row").filter(has_text="Uitgenodigde organisatie 07")
    expect(row).to_contain_text("gereageerd")
    left = staff.get_by_role("row").filter(has_text="Uitgenodigde organisatie 08")
    expect(left).to_contain_text("afgemeld")
    rates = staff.get_by_role("table", name="Respons per soort belanghebbende")
    expect(
        rates.get_by_role("row").filter(has_text="sector- of branchevereniging")
    ).to_contain_text("10%")
    browsing.check(staff, "staff-invitations-responded")

    # the analyst's search finds the PDF's text once the worker has read it
    search = f"/beheer/consultaties/{MAIN_SLUG}/position-papers/?q=toezichthouder"
    deadline = time.monotonic() + 60
    while True:
        staff.goto(search)
        browsing.check(staff)
        if staff.get_by_role("link", name="standpunt.pdf").count() or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    expect(staff.locator(".md-paper-snippet").first).to_contain_text(
        "onafhankelijke toezichthouder"
    )
    browsing.check(staff, "staff-position-paper-search")
