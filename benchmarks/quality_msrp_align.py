"""MSRP: whether alignment tells the same fact in other words from the same topic, another claim.

Runs the benchmark's own scorer (`msrp/score_align.py`) on the development half with the
relation that means "the same fact" (`same`), and with `same,partial` for reference.
"""

from __future__ import annotations

from pathlib import Path

from quality import Row, last_line, score


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """Accuracy and F1 of `same`, and of `same` or `partial`, on MSRP train."""
    folder = benchmarks / "msrp"
    if not (folder / "score_align.py").is_file():
        return []
    rows = []
    for relations, target in (("same", "accuracy >= 0.75, F1 >= 0.82"), ("same,partial", "")):
        found = last_line(score(folder / "score_align.py", "--shared-relations", relations))
        rows.append(Row("msrp", f"align ({relations})", found.split(": ", 1)[-1], target))
    return rows
