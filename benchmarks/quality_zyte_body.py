"""Zyte article extraction: body F1 of `framing analyze` on the plain-text captures and on
the saved HTML pages (every page scored; a skipped page keeps its labelled lines)."""

from __future__ import annotations

from pathlib import Path

from quality import Row, analyze_once, last_line, score

TARGETS = {"captures": ">= 0.93", "html": ">= 0.96"}


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """One row per input form: the scorer's headline (body F1, P, R)."""
    folder = benchmarks / "zyte"
    if not folder.is_dir():
        return []
    rows = []
    for form, target in TARGETS.items():
        if (folder / form / "manifest.csv").is_file():
            tables = analyze_once(folder / form, work, f"zyte_{form}", "--workers", "1")
            figure = last_line(score(folder / "score_body.py", tables))
            rows.append(Row("zyte", f"body F1, {form}", figure.removeprefix("body "), target))
    return rows
