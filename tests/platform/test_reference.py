"""International comparison: the import of the sourced IMVO facts, staff corrections, links from
measures, and the public pages /vergelijking/ (filters, detail, comparison)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone, translation

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.reference.models import FactLink, ReferenceFact
from meedenken.reference.selectors import facts_for_statement
from meedenken.reference.services import DEFAULT_DIR, do_link_fact, do_save_fact
from meedenken.statements.models import Statement

SHARED = Path("/work/shared/data/imvo")
SOURCE = SHARED if SHARED.is_dir() else DEFAULT_DIR
PASSWORD = "een-lang-wachtwoord-123"


def run_import(directory: Path) -> str:
    out = io.StringIO()
    with translation.override("nl"):  # messages in the source language whatever ran before
        call_command("import-reference", str(directory), stdout=out)
    return out.getvalue()


@pytest.fixture
def facts(db: None) -> None:
    run_import(SOURCE)


def test_import_loads_every_row_with_its_source_and_is_idempotent(db: None) -> None:
    first = run_import(SOURCE)
    assert "46 referentiefeiten: 46 nieuw" in first
    assert ReferenceFact.objects.filter(kind="law").count() == 16
    assert ReferenceFact.objects.filter(kind="covenant").count() == 13
    assert ReferenceFact.objects.filter(kind__in=["oecd_step", "oecd_chapter"]).count() == 17
    assert not ReferenceFact.objects.filter(source_url="").exists()
    fr = ReferenceFact.objects.get(key="FR-2017-vigilance")
    assert fr.jurisdiction == "France"
    assert "due_diligence" in fr.instrument_type_list
    assert fr.details["regulator"].startswith("no administrative supervisor")
    second = run_import(SOURCE)
    assert "0 nieuw, 0 bijgewerkt, 46 ongewijzigd" in second
    assert ReferenceFact.objects.count() == 46


def test_bad_file_imports_nothing_and_names_file_and_line(db: None, tmp_path: Path) -> None:
    shutil.copy(SOURCE / "laws.csv", tmp_path / "laws.csv")
    lines = (SOURCE / "covenants.csv").read_text().splitlines()
    # third line (second covenant) loses its source address
    lines[2] = lines[2].replace("https://www.imvoconvenanten.nl/garments-textile/", "see ")
    (tmp_path / "covenants.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(CommandError) as error:
        run_import(tmp_path)
    assert "covenants.csv, regel 3" in str(error.value)
    assert "bron" in str(error.value)
    assert ReferenceFact.objects.count() == 0


def test_missing_columns_and_empty_directory_are_clear_errors(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Geen referentiebestanden"):
        run_import(tmp_path)
    (tmp_path / "laws.csv").write_text("id,name\nX,Y\n")
    with pytest.raises(CommandError, match="kolommen ontbreken"):
        run_import(tmp_path)
    with pytest.raises(CommandError, match="bestaat niet"):
        run_import(tmp_path / "nope")
    assert ReferenceFact.objects.count() == 0


def test_staff_correction_is_audited_and_kept_by_a_new_import(facts: None) -> None:
    owner = do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)
    fact = ReferenceFact.objects.get(key="DE-2021-LkSG")
    fact.name = "Lieferkettensorgfaltspflichtengesetz (gecorrigeerd)"
    do_save_fact(owner, fact, ["name"])
    assert AuditEntry.objects.filter(
        action="reference.fact_corrected", target_id=str(fact.pk)
    ).exists()
    assert "1 door de redactie aangepast" in run_import(SOURCE)
    assert ReferenceFact.objects.get(key="DE-2021-LkSG").name.endswith("(gecorrigeerd)")
    moderator = do_create_staff_user("moderator", PASSWORD, StaffRole.MODERATOR)
    with pytest.raises(PermissionDenied):
        do_save_fact(moderator, fact, ["name"])


def test_measures_link_to_facts_with_permission(facts: None, consultation: Consultation) -> None:
    statement = Statement.objects.create(
        consultation=consultation, text_nl="Een wettelijke zorgplicht", created_at=timezone.now()
    )
    fact = ReferenceFact.objects.get(key="EU-2024-CSDDD")
    moderator = do_create_staff_user("moderator", PASSWORD, StaffRole.MODERATOR)
    with pytest.raises(PermissionDenied):
        do_link_fact(moderator, fact, statement=statement)
    analyst = do_create_staff_user("analist", PASSWORD, StaffRole.ANALYST)
    do_link_fact(analyst, fact, statement=statement, note="zelfde aanpak")
    do_link_fact(analyst, fact, statement=statement, note="twee keer koppelen blijft één koppeling")
    assert FactLink.objects.count() == 1
    assert [f.key for f in facts_for_statement(statement.pk)] == ["EU-2024-CSDDD"]


def rows(client: Client, query: str) -> str:
    page = client.get(f"/vergelijking/?{query}")
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("land=France", "FR-2017-vigilance", "DE-2021-LkSG"),
        ("soort=import_ban", "EU-2024-ForcedLabour", "FR-2017-vigilance"),
        ("onderwerp=climate", "EU-2024-CSDDD", "UK-2015-MSA-s54"),
        ("reikwijdte=no_size_threshold", "US-2010-DoddFrank-1502", "DE-2021-LkSG"),
        ("soort=covenant", "NL-COV-2016-textile", "EU-2024-CSDDD"),
        ("q=textile", "NL-COV-2016-textile", "NL-COV-2014-coal"),
    ],
)
def test_list_filters(client: Client, facts: None, query: str, present: str, absent: str) -> None:
    html = rows(client, query)
    assert f'value="{present}"' in html
    assert f'value="{absent}"' not in html


def test_list_query_count(
    client: Client, facts: None, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        html = rows(client, "")
    assert html.count('name="feit"') == 46


def test_compare_and_detail_show_sources_and_unverified_markers(
    client: Client, facts: None
) -> None:
    page = client.get("/vergelijking/vergelijk/?feit=FR-2017-vigilance&feit=DE-2021-LkSG")
    html = page.content.decode()
    assert page.status_code == 200
    assert "France" in html and "Germany" in html
    assert "Toezicht en handhaving" in html and "BAFA" in html
    assert "http://www.affaires-publiques.org/textof/TO/D2/13041-0317.htm" in html
    # the French row says "company-law forms covered: unverified": the marker is shown
    assert "niet bevestigd" in html
    assert client.get("/vergelijking/vergelijk/").status_code == 400
    detail = client.get("/vergelijking/NL-COV-2014-coal/").content.decode()
    assert "end date" in detail and "niet bevestigd" in detail
    assert client.get("/vergelijking/BESTAAT-NIET/").status_code == 404


def test_english_pages(client: Client, facts: None) -> None:
    page = client.get("/en/vergelijking/?land=Norway")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'lang="en"' in html
    assert "International comparison" in html
    assert "NO-2021-TransparencyAct" in html
