"""Frames against coders, per article: the lexicon's decision and a trained model's."""

from __future__ import annotations

import subprocess
from pathlib import Path

from quality import FRAMING, Row, analyze_once, last_line, score


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """Micro-F1 of the lexicon's `present` decision, and of `train-frames` cross-validated."""
    folder = benchmarks / "frames"
    if not (folder / "corpus" / "manifest.csv").is_file():
        return []
    out = analyze_once(folder / "corpus", work, "frames", "--workers", "1")
    lexicon = last_line(score(folder / "score_frames.py", out)).removeprefix("frames: ")
    trained = subprocess.run(
        [
            FRAMING,
            "train-frames",
            str(folder / "labels.csv"),
            "--corpus",
            str(folder / "corpus"),
            "--out",
            str(work / "frames.joblib"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    micro = next(line for line in trained.splitlines() if line.strip().startswith("micro"))
    return [
        Row(
            "frames", "lexicon micro-F1", lexicon.split(" over ")[0], ">= 0.60, each frame > always"
        ),
        Row("frames", "train-frames CV micro-F1", micro.split()[-1], ">= 0.62"),
    ]
