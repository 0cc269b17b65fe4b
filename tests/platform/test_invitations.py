"""Invite stakeholders: upload a list, invite by e-mail (real SMTP, real worker), respond from
the personal link with the profile filled in, see who responded, remind, unsubscribe, bounces."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.invitations.models import Contact
from meedenken.notifications.models import EmailOptOut, OutgoingEmail
from meedenken.responses.models import Response
from tests.platform.smtp import SMTPServer, body, run_worker, smtp_server

pytestmark = pytest.mark.django_db
__all__ = ["run_worker", "smtp_server"]

PASSWORD = "een-lang-wachtwoord-123"
TYPES = ["company", "ngo", "sector_association", "trade_union", "knowledge_institute"]
SECTORS = ["textile", "agri_food", "energy", "financial", "metals_mining"]


def fifty_organisations() -> bytes:
    lines = ["organisatie;contactpersoon;e-mail;soort belanghebbende;sector;land"]
    for i in range(50):
        lines.append(
            f"Organisatie {i:02d};Contact {i};contact{i:02d}@org{i:02d}.example;"
            f"{TYPES[i % 5]};{SECTORS[i % 5]};{'NL' if i % 3 else 'Duitsland'}"
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def owner(db: None) -> Any:
    return do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)


@pytest.fixture
def staff(client: Client, owner: Any) -> Client:
    client.force_login(owner)
    return client


def home(consultation: Consultation) -> str:
    return f"/beheer/consultaties/{consultation.slug}/uitnodigingen/"


def upload(client: Client, consultation: Consultation, data: bytes, name: str) -> Any:
    return client.post(f"{home(consultation)}inlezen/", {"file": SimpleUploadedFile(name, data)})


def link_in(text: str, part: str) -> str:
    return next(word for word in text.split() if part in word).replace("http://127.0.0.1:8000", "")


def test_upload_fifty_invite_and_see_who_responded(
    staff: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    uploaded = upload(staff, consultation, fifty_organisations(), "genodigden.csv")
    assert uploaded.status_code == 302
    assert Contact.objects.filter(consultation=consultation).count() == 50
    page = staff.get(home(consultation)).content.decode()
    assert "Lijst ingelezen: 50 toegevoegd, 0 bijgewerkt." in page
    assert "Organisatie 49" in page and "nog niet uitgenodigd" in page
    assert Contact.objects.get(email="contact00@org00.example").country.code == "DE"

    staff.post(f"{home(consultation)}versturen/", {"what": "invitations"})
    assert OutgoingEmail.objects.filter(purpose="invitation").count() == 50
    run_worker()
    assert len(smtp_server.inbox.messages) == 50
    [mail] = smtp_server.inbox.to("contact07@org07.example")
    assert mail["Subject"] == "Uitnodiging: denk mee over Testconsultatie over IMVO"
    text = body(mail)
    assert "Beste Contact 7," in text and "Organisatie 07" in text

    # The invitee follows the link: the profile is filled in; they respond.
    invitee = Client()
    invite_url = link_in(text, "/uitnodiging/")
    start = invitee.get(invite_url).content.decode()
    assert "namens Organisatie 07" in start
    nonce = re.search(r'name="nonce" value="([^"]+)"', start).group(1)
    profile_url = invitee.post(invite_url, {"nonce": nonce})["Location"]
    profile = invitee.get(profile_url).content.decode()
    assert 'value="Organisatie 07"' in profile
    assert re.search(r'value="sector_association"[^>]*checked', profile)
    response = Response.objects.get()
    assert response.invitation.email == "contact07@org07.example"
    assert response.publication_consent == ""  # consent is never pre-filled
    response.__class__.objects.filter(pk=response.pk).update(
        status="submitted", publication_consent="anonymous"
    )

    with CaptureQueriesContext(connection) as queries:
        dashboard = staff.get(home(consultation))
    assert len(queries) <= 12, [q["sql"][:100] for q in queries.captured_queries]
    page = dashboard.content.decode()
    assert "gereageerd" in page
    # sector associations: 10 invited, 1 responded = 10%
    row = re.search(r"sector- of branchevereniging</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r">(\d+%?)<", row) == ["10", "1", "10%", "1"]
    assert AuditEntry.objects.filter(action="invitations.sent").get().details == {"count": 50}


def test_a_list_with_errors_saves_nothing_and_names_each_row(
    staff: Client, consultation: Consultation
) -> None:
    data = (
        b"organisation,contact name,e-mail,stakeholder type,sector,country\n"
        b"Goed BV,Jan,jan@goed.example,company,textile,NL\n"
        b",Piet,piet@example,bedrijf,textiel,NL\n"
        b"Dubbel BV,Kees,jan@goed.example,ngo,,Atlantis\n"
    )
    page = upload(staff, consultation, data, "lijst.csv")
    assert page.status_code == 422
    html = page.content.decode()
    assert "De lijst is niet ingelezen" in html and "Er is niets opgeslagen" in html
    assert "Rij 3: organisatie ontbreekt; ongeldig e-mailadres “piet@example”" in html
    assert "onbekende sector “textiel”" in html
    assert "Rij 4: e-mailadres staat ook in rij 2; onbekend land “Atlantis”." in html
    assert "Rij 2" not in html
    assert Contact.objects.count() == 0
    missing = upload(staff, consultation, b"naam,adres\nX,Y\n", "lijst.csv").content.decode()
    assert "De eerste rij mist de kolom(men)" in missing


def test_xlsx_list_with_labels_and_an_update(staff: Client, consultation: Consultation) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Organisatie",
            "Contactpersoon",
            "E-mail",
            "Soort belanghebbende",
            "Sector",
            "Land",
            "Taal",
        ]
    )
    sheet.append(["Vakbond X", "An", "an@vakbond.example", "vakbond", "bouw", "België", "nl"])
    sheet.append(["NGO Y", None, "info@ngo.example", "NGO", "Energy", "NL", "en"])
    out = io.BytesIO()
    book.save(out)
    assert upload(staff, consultation, out.getvalue(), "lijst.xlsx").status_code == 302
    union = Contact.objects.get(email="an@vakbond.example")
    assert (union.stakeholder_type, union.sector, union.country.code) == (
        "trade_union",
        "construction",
        "BE",
    )
    assert Contact.objects.get(email="info@ngo.example").language == "en"
    again = upload(staff, consultation, out.getvalue(), "lijst.xlsx")
    assert "0 toegevoegd, 2 bijgewerkt" in staff.get(again["Location"]).content.decode()
    not_xlsx = upload(staff, consultation, b"PK\x03\x04rubbish", "lijst.xlsx").content.decode()
    assert "geen leesbaar XLSX-bestand" in not_xlsx


def test_add_one_contact_with_one_clear_error(staff: Client, consultation: Consultation) -> None:
    url = f"{home(consultation)}toevoegen/"
    bad = staff.post(
        url, {"organisation": "X", "email": "x@", "stakeholder_type": "ngo", "language": "nl"}
    )
    assert bad.status_code == 422
    assert bad.content.decode().count("Vul een geldig e-mailadres in") == 1
    staff.post(
        url,
        {"organisation": "X", "email": "x@x.example", "stakeholder_type": "ngo", "language": "en"},
    )
    assert Contact.objects.get().language == "en"


def test_reminders_unsubscribe_and_bounces(
    staff: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    data = (
        b"organisatie,e-mail,soort belanghebbende\n"
        b"A,a@a.example,ngo\nB,b@b.example,ngo\nC,c@c.example,company\nD,d@d.example,company\n"
    )
    upload(staff, consultation, data, "l.csv")
    smtp_server.inbox.refuse.add("d@d.example")
    staff.post(f"{home(consultation)}versturen/", {"what": "invitations"})
    run_worker()
    # C unsubscribes through the link in the invitation
    [mail_c] = smtp_server.inbox.to("c@c.example")
    unsubscribe_url = link_in(body(mail_c), "/afmelden/")
    assert "Afmelden" in Client().get(unsubscribe_url).content.decode()
    Client().post(unsubscribe_url)
    assert EmailOptOut.objects.filter(address="c@c.example").exists()
    # A responded
    contact_a = Contact.objects.get(email="a@a.example")
    contact_a.response = Response.objects.create(
        consultation=consultation, reference="R-1", secret_hash="x" * 64, status="submitted"
    )
    contact_a.save()
    page = staff.get(home(consultation)).content.decode()
    assert "onbestelbaar: e-mailadres controleren" in page and "afgemeld" in page

    smtp_server.inbox.messages.clear()
    staff.post(f"{home(consultation)}versturen/", {"what": "reminders"})
    run_worker()
    # only B: A responded, C unsubscribed, and D's invitation bounced (it would bounce again)
    assert [str(m["To"]) for m in smtp_server.inbox.messages] == ["b@b.example"]
    assert smtp_server.inbox.messages[0]["Subject"].startswith("Herinnering: reageren op")
    staff.post(f"{home(consultation)}versturen/", {"what": "reminders"})
    assert list(OutgoingEmail.objects.filter(purpose="reminder").values_list("to", flat=True)) == [
        "b@b.example"
    ]  # B once, D never


def test_reminder_command_before_closing(staff: Client, consultation: Consultation) -> None:
    upload(
        staff,
        consultation,
        b"organisatie,e-mail,soort belanghebbende\nA,a@a.example,ngo\n",
        "l.csv",
    )
    staff.post(f"{home(consultation)}versturen/", {"what": "invitations"})
    out = io.StringIO()
    call_command("send-invitation-reminders", "--days", "3", stdout=out)
    assert "0 reminder(s) queued." in out.getvalue()  # closes in 23 days
    call_command("send-invitation-reminders", "--days", "30", stdout=out)
    assert "1 reminder(s) queued." in out.getvalue()


def test_only_staff_with_the_permission(client: Client, consultation: Consultation) -> None:
    assert client.get(home(consultation)).status_code == 302  # to login
    analyst = do_create_staff_user("analist", PASSWORD, StaffRole.ANALYST)
    client.force_login(analyst)
    assert client.get(home(consultation)).status_code == 403
    assert upload(client, consultation, fifty_organisations(), "l.csv").status_code == 403
    assert Contact.objects.count() == 0
    assert (
        "Uitnodigingen"
        not in client.get(f"/beheer/consultaties/{consultation.slug}/").content.decode()
    )
