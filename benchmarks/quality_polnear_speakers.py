"""PolNeAR (development half): quotes found and who said them, on 210 articles of 7 outlets."""

from __future__ import annotations

import re
from pathlib import Path

from quality import Row, analyze_once, last_line, score


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """Quote F1 and speaker accuracy from the benchmark's own scorer."""
    folder = benchmarks / "polnear"
    if not (folder / "corpus").is_dir():
        return []
    out = analyze_once(folder / "corpus", work, "polnear", "--workers", "1")
    line = last_line(score(folder / "score.py", out))
    f1 = re.search(r"F1 ([\d.]+)", line)
    accuracy = re.search(r"speaker accuracy ([\d.]+ \(\d+/\d+\))", line)
    return [
        Row("polnear", "quote F1", f1.group(1) if f1 else line, ">= 0.98"),
        Row("polnear", "speaker accuracy", accuracy.group(1) if accuracy else line, ">= 0.92"),
    ]
