from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from meedenken.cli import main
from meedenken.sensemaking.text.cli import code_main

THEMES = Path(__file__).resolve().parents[2] / "data" / "themes"


def _write(path: Path, header: list[str], rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_analyse_text_writes_json_per_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "answers.csv",
        ["id", "answer"],
        [
            {
                "id": "r1",
                "answer": "Kinderarbeid in de cacaoketen moet stoppen.\nMet vriendelijke groet,\nPiet Jansen",
            },
            {"id": "r2", "answer": "The NCP is too slow."},
            {"id": "r3", "answer": ""},
            {"id": "r4", "answer": "Het steunpunt helpt mkb-bedrijven met advies over hun keten."},
        ],
        delimiter=";",
    )
    out = tmp_path / "out.json"
    assert (
        main(
            [
                "meedenken",
                "analyse-text",
                str(source),
                "--text-column",
                "answer",
                "--codebook",
                "imvo",
                "--json",
                str(out),
                "--embedding-cache",
                str(tmp_path / "embeddings.db"),
            ]
        )
        == 0
    )
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["schema"] == "meedenken.text-analysis/2"
    assert document["report"]["encoder"].startswith("use-multilingual-v3")
    assert (tmp_path / "embeddings.db").stat().st_size > 0
    answers = {a["answer_id"]: a for a in document["answers"]}
    assert answers["r1"]["language"] == "nl"
    assert "child_labour" in [c["code_id"] for c in answers["r1"]["codes"]]
    assert answers["r1"]["redactions"][0]["kind"] == "name"
    assert "Piet" not in answers["r1"]["redacted_text"]
    assert answers["r3"]["skipped"] == "empty"
    assert document["report"]["answers"] == 4
    assert {"themes", "campaigns", "summaries"} <= set(document)
    assert "4 answers, 3 analysed" in capsys.readouterr().out
    lexical = tmp_path / "lexical.json"
    argv = ["meedenken", "analyse-text", str(source), "--text-column", "answer"]
    assert main([*argv, "--lexical", "--json", str(lexical)]) == 0
    assert json.loads(lexical.read_text(encoding="utf-8"))["report"]["encoder"] is None


def test_analyse_text_reports_a_missing_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "a.csv", ["id", "text"], [{"id": "1", "text": "x"}])
    assert main(["meedenken", "analyse-text", str(source), "--text-column", "answer"]) == 2
    assert "no column answer" in capsys.readouterr().err


def test_code_text_learns_from_human_codes_and_keeps_input_columns(tmp_path: Path) -> None:
    with (THEMES / "ottensen-sample.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    train = _write(tmp_path / "train.csv", header, rows[:110])
    unlabeled_header = ["document_id", "title", "text", "url"]
    new_rows = [{k: r[k] for k in unlabeled_header} for r in rows[110:]]
    new = _write(tmp_path / "new.csv", unlabeled_header, new_rows)
    out = tmp_path / "predicted.csv"
    codes = ["cycling", "walking", "moving traffic"]
    argv = ["--train", str(train), "--predict", str(new), "--text-columns", "title,text",
            "--codes", ",".join(codes), "--out", str(out)]  # fmt: skip
    assert code_main(argv) == 0
    with out.open(encoding="utf-8") as handle:
        predicted = list(csv.DictReader(handle))
    assert len(predicted) == len(new_rows)
    expected = unlabeled_header + [n for c in codes for n in (c, f"{c}_confidence")]
    assert list(predicted[0]) == expected
    assert [p["document_id"] for p in predicted] == [r["document_id"] for r in new_rows]
    assert all(
        p[c] in {"0", "1"} and 0 <= float(p[f"{c}_confidence"]) <= 1
        for p in predicted
        for c in codes
    )
    truth = {r["document_id"]: r for r in rows[110:]}
    correct = sum(p[c] == truth[p["document_id"]][c] for p in predicted for c in codes)
    assert correct / (len(predicted) * len(codes)) > 0.7


def test_code_text_rejects_unknown_code_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "t.csv", ["id", "text", "a"], [{"id": "1", "text": "x", "a": "1"}])
    argv = ["--train", str(source), "--predict", str(source), "--text-columns", "text", "--codes", "b", "--out", str(tmp_path / "o.csv")]  # fmt: skip
    assert code_main(argv) == 2
    assert "no column b" in capsys.readouterr().err
