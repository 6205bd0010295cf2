"""BASIL, one analysis per event: house style in the distinctive terms, loaded language."""

from __future__ import annotations

from pathlib import Path

from quality import Row, analyze_once, last_line, score


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """Share of top-20 terms that are house style; lexical-bias spans holding a loaded term."""
    folder = benchmarks / "basil"
    if not (folder / "events").is_dir():
        return []
    outs = [
        analyze_once(event, work, f"basil_{event.name}", "--workers", "1")
        for event in sorted((folder / "events").iterdir())
        if (event / "manifest.csv").is_file()
    ]
    style = last_line(score(folder / "score.py", "style", *outs))
    lexical = last_line(score(folder / "score.py", "lexical", *outs))
    return [
        Row("basil", "style in top-20 terms", style.split("(")[1].split(")")[0], "<= 2%"),
        Row("basil", "lexical spans vs random", lexical.rsplit(" ", 2)[-1], ">= 2.00"),
    ]
