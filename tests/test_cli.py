"""The `framing` command line: tables; errors as one line, exit status 2, nothing half-written."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.pipeline import TABLE_NAMES


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "framing.cli", *args], capture_output=True, text=True, check=False
    )


def test_clean_prints_each_line_with_label_and_reason(seeds):
    result = run_cli("clean", str(seeds / "002_321a6c5586adf6a2.txt"), "--format", "json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert {"line_no", "label", "reason", "text"} <= set(rows[0])
    assert any(row["label"] == "credit" for row in rows)


def test_analyze_writes_every_table_with_the_contract_columns(seeds, tmp_path):
    out = tmp_path / "tables"
    assert main(["analyze", str(seeds), "--out", str(out)]) == 0
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(TABLE_NAMES)
    columns = {
        name: list(pd.read_csv(out / f"{name}.csv", nrows=0).columns) for name in TABLE_NAMES
    }
    assert columns["documents"] == [
        "doc_id",
        "file",
        "outlet",
        "title",
        "published",
        "n_lines",
        "n_body_lines",
        "n_sentences",
        "n_words",
        "event",
    ]
    assert columns["lines"] == ["doc_id", "file", "line_no", "label", "reason", "text"]
    assert columns["sentences"][:5] == ["doc_id", "outlet", "sent_id", "line_no", "text"]
    lines = pd.read_csv(out / "lines.csv")
    assert set(lines["label"]) <= {
        "title",
        "date",
        "body",
        "subhead",
        "caption",
        "related",
        "boilerplate",
        "credit",
    }


def test_two_runs_write_byte_identical_tables(seeds, tmp_path):
    for name in ("a", "b"):
        assert main(["analyze", str(seeds), "--out", str(tmp_path / name)]) == 0
    for table in TABLE_NAMES:
        assert (tmp_path / "a" / f"{table}.csv").read_bytes() == (
            tmp_path / "b" / f"{table}.csv"
        ).read_bytes(), table


def _corpus(tmp_path: Path, seeds: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds, corpus)
    return corpus


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (
            lambda c: (c / "manifest.csv").write_text("file\n000_584bd00a16c8ebd5.txt\n"),
            "missing required column 'outlet'",
        ),
        (lambda c: (c / "002_321a6c5586adf6a2.txt").write_bytes(b""), "file is empty"),
        (
            lambda c: (c / "002_321a6c5586adf6a2.txt").write_bytes(b"\x00\x01\x02binary"),
            "binary file",
        ),
        (
            lambda c: (c / "manifest.csv").write_text(
                "file,outlet\n000_584bd00a16c8ebd5.txt,A\n../x.txt,B\n"
            ),
            "points outside",
        ),
        (
            lambda c: (c / "manifest.csv").write_text(
                "file,outlet\n000_584bd00a16c8ebd5.txt,A\n002_321a6c5586adf6a2.txt,A\n"
            ),
            "only one outlet",
        ),
        (
            lambda c: (c / "002_321a6c5586adf6a2.txt").write_text("Menu\nHome\n\nNews\n"),
            "no article text left",
        ),
        (
            lambda c: (c / "002_321a6c5586adf6a2.txt").write_text(
                "Die Gespräche\n\nDie Gespräche in Alaska waren schwierig, sagten die Diplomaten "
                "am Freitag nach dem Treffen. Beide Seiten warfen sich gegenseitig Heuchelei vor.\n"
            ),
            "does not look like English",
        ),
        (
            lambda c: (c / "002_321a6c5586adf6a2.txt").write_bytes(
                b"A sentence of a very long capture.\n" * (50 * 2**20 // 35)
            ),
            "limit for one article",
        ),
        (
            lambda c: (c / "002_321a6c5586adf6a2.txt").write_text("  \n\t\n   \n"),
            "holds only white space",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, seeds, breakage, message):
    corpus = _corpus(tmp_path, seeds)
    breakage(corpus)
    out = tmp_path / "out"
    result = run_cli("analyze", str(corpus), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("framing: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_output_folder_that_does_not_exist_is_created_with_its_parents(seeds, tmp_path):
    out = tmp_path / "new" / "nested" / "tables"
    result = run_cli("analyze", str(seeds), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(TABLE_NAMES)
    assert [p.name for p in out.parent.iterdir()] == ["tables"]  # no staging folder left


def test_output_path_that_is_a_file_is_refused(seeds, tmp_path):
    target = tmp_path / "taken"
    target.write_text("keep me")
    result = run_cli("analyze", str(seeds), "--out", str(target))
    assert result.returncode == 2 and "is a file" in result.stderr
    assert target.read_text() == "keep me"


def test_failed_run_keeps_previous_tables(seeds, tmp_path):
    out = tmp_path / "tables"
    assert main(["analyze", str(seeds), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus = _corpus(tmp_path, seeds)
    (corpus / "002_321a6c5586adf6a2.txt").write_bytes(b"")
    assert main(["analyze", str(corpus), "--out", str(out)]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_warnings_go_to_stderr_and_the_table(seeds, tmp_path):
    corpus = _corpus(tmp_path, seeds)
    (corpus / "stray.txt").write_text("not listed")
    (corpus / "000_584bd00a16c8ebd5.txt").write_bytes(
        (seeds / "000_584bd00a16c8ebd5.txt")
        .read_text(encoding="utf-8")
        .replace("’", "'")
        .replace("“", '"')
        .replace("”", '"')
        .encode("cp1252")
    )
    raw = (corpus / "000_584bd00a16c8ebd5.txt").read_bytes() + "caf\u00e9".encode("cp1252")
    (corpus / "000_584bd00a16c8ebd5.txt").write_bytes(raw)
    result = run_cli("analyze", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "stray.txt: not listed" in result.stderr
    assert "decoded as Windows-1252" in result.stderr
    warnings = pd.read_csv(tmp_path / "out" / "warnings.csv")["message"]
    assert warnings.str.contains("stray.txt").any()


def test_pipeline_runs_with_the_network_blocked(seeds):
    """The autouse guard in conftest blocks sockets; prove it is armed, then run everything."""
    import socket
    import urllib.request

    from conftest import NetworkBlocked

    from framing.pipeline import analyze

    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises((NetworkBlocked, OSError)):
        urllib.request.urlopen("http://example.com", timeout=1)
    tables = analyze(seeds)
    assert len(tables["sentences"]) > 40


def test_a_corpus_without_any_quotation_still_analyses(tmp_path):
    corpus = tmp_path / "no_quotes"
    corpus.mkdir()
    (corpus / "manifest.csv").write_text("file,outlet\na.txt,Coast Daily\nb.txt,Valley Post\n")
    (corpus / "a.txt").write_text(
        "Harbour plan approved\n\nThe council approved the harbour plan on Monday after a long "
        "debate about costs and jobs.\n\nThe plan adds two piers and a ferry terminal.\n"
    )
    (corpus / "b.txt").write_text(
        "Council backs harbour plan\n\nCouncil members voted for the harbour plan, which its "
        "opponents called too expensive.\n\nWork on the piers starts in spring.\n"
    )
    out = tmp_path / "tables"
    assert main(["analyze", str(corpus), "--out", str(out)]) == 0
    assert pd.read_csv(out / "quotes.csv").empty
    assert pd.read_csv(out / "voice.csv").empty
