"""The platform's open-answer analysis uses the real sentence encoder (issue 14): vectors are
kept per consultation in the database, a rerun encodes only new texts, a withdrawn answer's
vector goes with the next run, and "lexical" switches the encoder off."""

from __future__ import annotations

import numpy as np
import pytest
from django.test import override_settings

from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from meedenken.runs.embeddings import DatabaseEmbeddingCache, platform_encoder
from meedenken.runs.models import AnalysisRun, TextEmbedding
from meedenken.runs.services import do_execute_run, do_request_run
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from meedenken.sensemaking.text.embeddings import UniversalSentenceEncoder, text_key
from tests.platform.coding_helpers import add_answers, staff
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db

TEXTS = [
    "Het convenant kleding en textiel heeft ons geholpen met de risicoanalyse.",
    "Kinderarbeid in de cacaoketen blijft een groot probleem.",
    "Voor het mkb zijn de lasten van rapportage te hoog.",
    "A level playing field in Europe matters for Dutch companies.",
]


def _analyse(consultation: Consultation) -> AnalysisRun:
    run = do_request_run(consultation, "answers", None, as_system=True)
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return run


def _keys(consultation: Consultation) -> set[str]:
    return set(
        TextEmbedding.objects.filter(consultation=consultation).values_list("key", flat=True)
    )


def test_run_encodes_with_the_encoder_and_caches_per_consultation(
    consultation: Consultation,
) -> None:
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), staff("analist"))
    answers = add_answers(consultation, TEXTS)
    run = _analyse(consultation)
    name = UniversalSentenceEncoder().name
    assert run.result["encoder"] == name
    report = next(iter(run.result["questions"].values()))["report"]
    assert report["encoder"] == name
    keys = _keys(consultation)
    assert {text_key(a.text) for a in answers} <= keys  # answers without names: text as written
    stored = TextEmbedding.objects.get(consultation=consultation, key=text_key(TEXTS[0]))
    vector = np.frombuffer(bytes(stored.vector), dtype=np.float32)
    assert vector.shape == (512,)
    assert vector == pytest.approx(platform_encoder().encode([TEXTS[0]])[0], abs=1e-5)

    # a rerun with one new answer adds exactly that answer's vector
    new = add_answers(consultation, ["Het Nationaal Contactpunt is te onbekend."])[0]
    _analyse(consultation)
    assert _keys(consultation) == keys | {text_key(new.text)}

    # a deleted answer's vector is pruned by the next run
    answers[1].response.delete()
    run = _analyse(consultation)
    assert text_key(TEXTS[1]) not in _keys(consultation)
    assert run.summary["embeddings_pruned"] == 1


def test_lexical_setting_runs_without_encoder(consultation: Consultation) -> None:
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), staff("analist"))
    add_answers(consultation, TEXTS)
    with override_settings(MEEDENKEN_TEXT_ENCODER="lexical"):
        run = _analyse(consultation)
    assert run.result["encoder"] is None
    assert not TextEmbedding.objects.exists()


def test_unknown_encoder_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="MEEDENKEN_TEXT_ENCODER"):
        platform_encoder("bert")


def test_cache_is_scoped_to_its_consultation(consultation: Consultation) -> None:
    vector = np.ones(512, dtype=np.float32)
    DatabaseEmbeddingCache(consultation.pk).put_many("enc", {"k": vector})
    other = make_consultation("ander")
    assert DatabaseEmbeddingCache(other.pk).get_many("enc", ["k"]) == {}
    found = DatabaseEmbeddingCache(consultation.pk).get_many("enc", ["k"])
    assert found["k"] == pytest.approx(vector)
