"""Measure framing against people's judgements on real text, and print one table.

    .venv/bin/python benchmarks/quality.py [--only zyte basil ...] [--work DIR]

The real-text benchmarks live outside the project, in ../shared/benchmarks/ (third-party
texts, never copied into the repository). When that folder is absent every benchmark is
skipped with one line saying so, and the command still exits 0. Each measure is a module
`quality_NAME.py` beside this file (NAME: the benchmark folder, then the aspect, e.g.
`quality_basil_speakers.py`) with a `measure(benchmarks: Path, work: Path) -> list[Row]`
function; it runs `framing analyze` through `analyze_once` (so a corpus that two measures
read is analysed once per run) and the benchmark's own scorer through `score`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
FRAMING = str(Path(sys.executable).parent / "framing")
#: The measure modules beside this file, by name (quality_NAME.py).
NAMES = tuple(sorted(path.stem.removeprefix("quality_") for path in HERE.glob("quality_*.py")))


@dataclass
class Row:
    """One measured figure: which benchmark and measure, its value and the issue's target."""

    benchmark: str
    measure: str
    value: str
    target: str = ""


def analyze_once(corpus: Path, work: Path, name: str, *options: str) -> Path:
    """`framing analyze CORPUS` into work/tables/NAME, once per run of this script."""
    out = work / "tables" / name
    if not out.is_dir():
        subprocess.run(
            [FRAMING, "analyze", str(corpus), "--out", str(out), *options],
            check=True,
            capture_output=True,
            text=True,
        )
    return out


def score(script: Path, *args: str | Path) -> str:
    """Run one of the benchmarks' scorers with this Python and return what it printed."""
    done = subprocess.run(
        [sys.executable, str(script), *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def last_line(text: str) -> str:
    """The last non-empty line of a scorer's output (each scorer ends on its headline)."""
    return next((line for line in reversed(text.splitlines()) if line.strip()), "")


def print_table(rows: list[Row]) -> None:
    width = max((len(f"{row.benchmark} {row.measure}") for row in rows), default=10)
    value_width = max((len(row.value) for row in rows), default=5)
    print(f"{'benchmark / measure':<{width}}  {'value':<{value_width}}  target")
    for row in rows:
        label = f"{row.benchmark} {row.measure}"
        print(f"{label:<{width}}  {row.value:<{value_width}}  {row.target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=NAMES, default=list(NAMES))
    parser.add_argument("--work", help="folder for the tables (default: a temporary folder)")
    args = parser.parse_args()
    if not BENCHMARKS.is_dir():
        print(f"quality: {BENCHMARKS} not found; real-text benchmarks skipped")
        return 0
    sys.path.insert(0, str(HERE))
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="framing-quality-") as tmp:
        work = Path(args.work or tmp)
        for name in args.only:
            try:
                module = importlib.import_module(f"quality_{name}")
                rows += module.measure(BENCHMARKS, work)
            except Exception as exc:  # one failing benchmark must not hide the others
                detail = getattr(exc, "stderr", "") or traceback.format_exc(limit=1)
                rows.append(Row(name, "failed", " ".join(str(detail).split())[-200:]))
    print(
        f"framing quality on {BENCHMARKS}; {os.cpu_count()} cores; "
        f"took {time.perf_counter() - started:.0f} s"
    )
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
