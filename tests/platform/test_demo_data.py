"""The demo as data: every file in meedenken/demo/data/ fits its shape, broken files are refused
with the place of the fault, and `loaddemo` loads the same demo as before the move to data."""

from __future__ import annotations

import io
import json
import re
import shutil
import string
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from meedenken.consultations.models import Consultation, Question
from meedenken.demo import coding, loader, measures, personas, vocabulary
from meedenken.demo.content import build_imvo_consultation
from meedenken.demo.generator import generate_demo_responses
from meedenken.demo.loader import DemoDataError, parse
from meedenken.demo.vocabulary import STANCES, Fragment
from meedenken.responses.models import Answer, Response
from meedenken.responses.profile import CompanySize, StakeholderType
from meedenken.statements.models import Statement
from meedenken.voting.models import Participant, Rating, Vote

CACHED = (
    vocabulary.consultation_data,
    vocabulary.fragments,
    vocabulary.campaigns,
    vocabulary.names,
    personas.persona_data,
    measures.measure_data,
    coding.coding_data,
)
PLACEHOLDERS = {"sector", "staff", "members", "country", "org", "covenant"}


def clear_caches() -> None:
    for accessor in CACHED:
        accessor.cache_clear()


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the data directory the demo reads instead of the shipped one."""
    copy = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, copy)
    monkeypatch.setattr(loader, "DATA_DIR", copy)
    clear_caches()
    yield copy
    clear_caches()


def edit(directory: Path, filename: str, change: Any) -> None:
    path = directory / filename
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def all_fragments() -> list[Fragment]:
    bank, campaigns = vocabulary.fragments(), vocabulary.campaigns()
    found = [f for stances in bank.open_answers.values() for g in stances.values() for f in g]
    found += [*bank.openers, *bank.closers, *bank.short_answers]
    for campaign in (campaigns.ngo, campaigns.association):
        found += [*campaign.proposal, *campaign.personal_lines, campaign.playing_field]
        found += [f for f in (campaign.covenants, campaign.opener) if f]
    return found


def fields_of(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --- the shipped files ------------------------------------------------------------------------


def test_every_data_file_is_read_and_fits_its_shape() -> None:
    clear_caches()
    for accessor in CACHED:
        assert accessor() is not None
    build_imvo_consultation(timezone.now())  # with the checks the shape cannot make
    used = {"consultation.json", "fragments.json", "campaigns.json", "names.json"}
    used |= {"personas.json", "measures.json", "explainer.nl.md", "explainer.en.md", "README.md"}
    used |= {"coding.json"}
    assert {path.name for path in loader.DATA_DIR.iterdir()} == used  # no file left unread


def test_the_data_files_ship_with_the_package() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    patterns = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]
    shipped = patterns["package-data"]["*"]
    for path in loader.DATA_DIR.iterdir():
        assert any(fnmatch(path.name, pattern) for pattern in shipped), path.name


def test_fragments_are_bilingual_with_known_placeholders_and_stances() -> None:
    for fragment in all_fragments():
        assert fragment.nl.strip() and fragment.en.strip()
        assert fields_of(fragment.nl) == fields_of(fragment.en), fragment.nl
        assert fields_of(fragment.nl) <= PLACEHOLDERS, fragment.nl
    bank = vocabulary.fragments()
    for key, stances in bank.open_answers.items():
        assert set(stances) == set(STANCES), key
        assert all(stances[s] for s in ("pro", "contra")), key
    assert set(bank.stance_from_covenant_view) <= set(bank.open_answers)


def test_names_personas_and_measures_refer_to_known_values() -> None:
    names, people = vocabulary.names(), personas.persona_data()
    assert set(people.types) == set(StakeholderType.values)
    assert set(people.company_sizes) == set(CompanySize.values)
    covenant_ids = {c for ids in names.sector_covenants.values() for c in ids}
    assert covenant_ids <= set(names.covenant_names)
    countries = {c for s in names.sector_sourcing.values() for c in s.countries}
    assert countries | set(names.abroad_countries) <= set(names.country_names)
    assert set(names.sector_sourcing) | set(names.sector_covenants) <= set(names.sector_phrases)
    assert set(names.organisation_names) <= set(StakeholderType.values)
    seeds = measures.measure_data()
    assert set(seeds.position) == set(StakeholderType.values)
    campaigns = vocabulary.campaigns()
    assert set(seeds.campaign_position) == {campaigns.ngo.slug, campaigns.association.slug}


# --- broken files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "change", "message"),
    [
        ("fragments.json", lambda d: d["openers"][0].pop("en"), "fragments.json.openers[0].en: Field required"),
        ("fragments.json", lambda d: d["closers"][1].update(tone="warm"), "closers[1].tone: Unexpected keyword argument"),
        ("names.json", lambda d: d.update(surnames="Jansen"), "names.json.surnames: Input should be a valid array"),
        ("names.json", lambda d: d["country_names"].update(NL=["Nederland"]), "country_names.NL[1]: Field required"),
        ("personas.json", lambda d: d["company_sizes"]["micro"].update(staff=[2, "9"]), "micro.staff[1]: Input should be a valid integer"),
        ("measures.json", lambda d: d["measures"][3].update(slope="steep"), "measures[3].slope: Input should be a valid number"),
        ("campaigns.json", lambda d: d["ngo"].update(covenants=7), "ngo.covenants: Input should be an object"),
        ("measures.json", lambda d: d["proposals"][0].update(status="lost"), "proposals[0].status: Input should be"),
    ],
)  # fmt: skip
def test_a_file_that_does_not_fit_its_shape_is_refused_with_the_place(
    data_copy: Path, filename: str, change: Any, message: str
) -> None:
    edit(data_copy, filename, change)
    with pytest.raises(DemoDataError, match=re.escape(message)):
        for accessor in CACHED:
            accessor()


def test_semantic_faults_in_the_consultation_are_refused(data_copy: Path) -> None:
    edit(
        data_copy,
        "consultation.json",
        lambda d: d["sections"][0]["questions"][0].update(kind="essay"),
    )
    with pytest.raises(DemoDataError, match="vraag covenant_experience: onbekende soort essay"):
        build_imvo_consultation(timezone.now())
    vocabulary.consultation_data.cache_clear()

    def twice(data: dict[str, Any]) -> None:
        data["sections"][1]["questions"][0]["key"] = "covenant_effect"

    edit(
        data_copy,
        "consultation.json",
        lambda d: d["sections"][0]["questions"][0].update(kind="single_choice"),
    )
    edit(data_copy, "consultation.json", twice)
    with pytest.raises(DemoDataError, match="vraagsleutel covenant_effect komt vaker voor"):
        build_imvo_consultation(timezone.now())


def test_invalid_json_names_the_file(data_copy: Path) -> None:
    (data_copy / "names.json").write_text('{"surnames": [', encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"^names\.json: Expecting value"):
        vocabulary.names()


def test_the_shape_check_converts_whole_numbers_to_floats_but_not_strings_or_booleans() -> None:
    assert parse("3", float, "x") == 3.0 and isinstance(parse("3", float, "x"), float)
    with pytest.raises(DemoDataError, match="x: Input should be a valid integer"):
        parse("true", int, "x")
    with pytest.raises(DemoDataError):
        parse('"3"', int, "x")
    assert parse('["a", "b"]', tuple[str, ...], "x") == ("a", "b")


@pytest.mark.django_db
def test_loaddemo_with_broken_data_stops_with_a_clear_error_and_writes_nothing(
    data_copy: Path, settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    edit(data_copy, "fragments.json", lambda d: d["open_answers"]["proposals"]["pro"][0].pop("nl"))
    with pytest.raises(
        CommandError, match=r"demo data: fragments\.json\.open_answers\.proposals\.pro\[0\]\.nl"
    ):
        call_command("loaddemo", stdout=io.StringIO())
    assert not Consultation.objects.exists() and not Response.objects.exists()


# --- the same demo as before the move to data -------------------------------------------------

# Counted on a fresh database with `meedenken loaddemo` from the Python-literal demo (main at
# a299093), before its content moved to data/: the move must not change the demo.
BEFORE = {
    "questions": 32,
    "measures": 25,
    "responses": 320,
    "answers": 5974,
    "votes": 6785,
    "ratings": 3582,
    "statements": 28,
}
ANSWERS_PER_QUESTION_BEFORE = {
    "child_labour_better": 168, "child_labour_needs": 165, "child_labour_not_working": 183,
    "child_labour_readiness": 105, "child_labour_works": 174, "countries_better": 171,
    "countries_known": 179, "countries_not_working": 166, "countries_works": 162,
    "covenant_effect": 161, "covenant_experience": 320, "covenants_better": 129,
    "covenants_not_working": 136, "covenants_works": 138, "instrument_ranking": 168,
    "mandatory_needed": 320, "obstacles_better": 170, "obstacles_experienced": 196,
    "obstacles_not_working": 168, "obstacles_works": 164, "opportunities": 164,
    "playing_field_better": 320, "playing_field_not_working": 156, "playing_field_works": 167,
    "proposals": 320, "proposals_feasibility": 165, "rbc_advantage": 207,
    "regulation_level": 260, "support_better": 167, "support_not_working": 173,
    "support_used": 165, "support_works": 167,
}  # fmt: skip


def test_the_generator_gives_the_same_answers_per_question_as_before() -> None:
    answered: dict[str, int] = {}
    for response in generate_demo_responses():
        for key in response.answers:
            answered[key] = answered.get(key, 0) + 1
    assert answered == ANSWERS_PER_QUESTION_BEFORE


@pytest.mark.django_db
def test_loaddemo_loads_the_same_demo_as_before(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("loaddemo", stdout=io.StringIO())
    seeds = Statement.objects.filter(is_seed=True)
    assert Question.objects.count() == BEFORE["questions"]
    assert seeds.count() == BEFORE["measures"]
    assert Response.objects.count() == Participant.objects.count() == BEFORE["responses"]
    assert Answer.objects.count() == BEFORE["answers"]
    assert Statement.objects.count() == BEFORE["statements"]
    per_question = Answer.objects.values_list("question__key").annotate(n=Count("id"))
    assert dict(per_question) == ANSWERS_PER_QUESTION_BEFORE
    # Votes and ratings are seeded per respondent; a different path to the database may
    # refuse none of them, so only a rounding's worth of tolerance.
    assert abs(Vote.objects.count() - BEFORE["votes"]) <= BEFORE["votes"] * 0.01
    assert abs(Rating.objects.count() - BEFORE["ratings"]) <= BEFORE["ratings"] * 0.01
