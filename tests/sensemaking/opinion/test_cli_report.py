from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from meedenken.cli import main as meedenken_main
from meedenken.sensemaking.opinion.cli import main


def test_cli_writes_the_json_contract_and_html(
    polis_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    code = main(
        [str(polis_dir / "london.youth.policing"), "--json", str(out_json), "--html", str(out_html)]
    )
    assert code == 0
    summary = capsys.readouterr().out
    # Every voter gets a group by default; Pol.is itself clusters 24 of the 26 (the export's
    # group-id column), the 2 others are placed, and the summary says so.
    assert (
        "26 participants (26 clustered: 24 on their own votes, 2 placed by the nearest group "
        "center), 39 statements" in summary
    )
    assert "Group 0:" in summary and "Consensus (agree):" in summary
    document = json.loads(out_json.read_text("utf-8"))
    assert document["schema"] == "meedenken.opinion/2"
    assert {"participants", "groups", "statements", "meta"} <= set(document)
    assert len(document["participants"]["id"]) == 26
    assert document["participants"]["group"].count(None) == 0
    assert len(document["participants"]["x"]) == len(document["participants"]["y"]) == 26
    assert sum(g["size"] for g in document["groups"]) == 26
    for group in document["groups"]:
        assert set(group) >= {"id", "size", "representative"}
    statement = document["statements"][0]
    assert set(statement) >= {
        "id",
        "agree",
        "disagree",
        "pass",
        "consensus",
        "bridging",
        "broadly_supported",
    }
    assert {"matrix", "pca", "clusters", "total"} <= set(document["meta"]["timings"])
    page = out_html.read_text("utf-8")
    assert "<svg" in page and page.count("<circle") == 26
    assert "What is the best way to engage more young people" in page  # topic as title
    assert "gathered using the Polis software" in page  # credit for the CC BY data


def test_console_script_dispatches(polis_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    argv = ["meedenken", "analyse-votes", str(polis_dir / "brexit-consensus"), "--json", str(out)]
    assert meedenken_main([*argv, "--quiet"]) == 0
    assert len(json.loads(out.read_text("utf-8"))["participants"]["id"]) == 204


def test_cli_reports_bad_input_with_file_and_line(
    polis_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(polis_dir / "london.youth.policing" / "comments.csv", tmp_path / "comments.csv")
    (tmp_path / "votes.csv").write_text(
        "timestamp,datetime,comment-id,voter-id,vote\n1,x,1,1,1\n2,x,1,2,maybe\n", "utf-8"
    )
    assert main([str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "votes.csv:3: unknown vote value 'maybe'" in error


def test_cli_declared_groups(
    polis_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groups = tmp_path / "groups.csv"
    rows = ["participant,group"] + [f"{i},{'NGO' if i % 2 else 'company'}" for i in range(204)]
    groups.write_text("\n".join(rows) + "\n", "utf-8")
    out = tmp_path / "r.json"
    assert (
        main([str(polis_dir / "brexit-consensus"), "--groups", str(groups), "--json", str(out)])
        == 0
    )
    document = json.loads(out.read_text("utf-8"))
    assert document["support_groups"]["names"] == ["NGO", "company"]
    assert document["support_groups"]["declared"] is True
    assert "Broadly supported across declared groups" in capsys.readouterr().out


def test_text_only_export_gives_an_empty_result(
    polis_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(polis_dir / "london.youth.policing" / "comments.csv", tmp_path / "comments.csv")
    out = tmp_path / "r.json"
    assert main([str(tmp_path), "--json", str(out)]) == 0
    document = json.loads(out.read_text("utf-8"))
    assert document["participants"]["id"] == [] and document["groups"] == []
    assert len(document["statements"]) == 39
    assert "No opinion groups" in capsys.readouterr().out


def test_opinion_core_imports_no_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, meedenken.sensemaking.opinion.cli, meedenken.sensemaking.opinion; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
