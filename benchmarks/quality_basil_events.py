"""BASIL, many events in one corpus: automatic events, cross-event pairs, peak memory.

On `basil/all/` (150 articles of 50 events): the adjusted Rand index of the automatic
grouping against the events in the file names, the share of shared pairs that join two
events (the benchmark's `score.py crossevent`) without an event column and with one, and
the peak memory of `framing analyze` (the whole process tree) on 300 articles: the 150
twice, under other file names, so the local engine runs its process pool.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import time
from pathlib import Path

import pandas as pd
import psutil
from quality import FRAMING, Row, analyze_once, last_line, score
from sklearn.metrics import adjusted_rand_score


def _event_of(file: str) -> str:
    return Path(file).stem.rsplit("_", 1)[0]


def linked_corpus(source: Path, target: Path, copies: int, with_event: bool) -> Path:
    """A corpus folder with copies of the source's articles, `copies` times, with or
    without an event column (from the file names); scratch, inside the work folder."""
    target.mkdir(parents=True, exist_ok=True)
    with open(source / "manifest.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for copy in range(copies):
        for row in rows:
            name = f"c{copy}_{row['file']}" if copies > 1 else row["file"]
            link = target / name
            if not link.exists():
                shutil.copyfile(source / row["file"], link)
            event = f"c{copy}_{_event_of(row['file'])}"
            out.append({**row, "file": name, **({"event": event} if with_event else {})})
    with open(target / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(out[0]))
        writer.writeheader()
        writer.writerows(out)
    return target


def peak_memory(command: list[str]) -> tuple[float, float]:
    """(peak MB of the process tree's summed resident memory, seconds) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    if process.returncode:
        raise RuntimeError(f"framing analyze failed ({process.returncode})")
    return peak / 1e6, time.perf_counter() - started


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """ARI, cross-event shares without and with the event column, peak memory."""
    basil = benchmarks / "basil"
    if not (basil / "all" / "manifest.csv").is_file():
        return []
    scorer = basil / "score.py"
    plain = analyze_once(basil / "all", work, "basil_all")
    events = pd.read_csv(plain / "events.csv", dtype=str)
    ari = adjusted_rand_score(events["doc_id"].map(_event_of), events["event"])
    named = linked_corpus(basil / "all", work / "corpora" / "basil_all_events", 1, True)
    with_column = analyze_once(named, work, "basil_all_events")
    doubled = linked_corpus(basil / "all", work / "corpora" / "basil_300", 2, False)
    megabytes, seconds = peak_memory(
        [FRAMING, "analyze", str(doubled), "--out", str(work / "tables" / "basil_300")]
    )
    return [
        Row(
            "basil",
            "events ARI (automatic)",
            f"{ari:.3f} ({events['event'].nunique()} events)",
            ">= 0.9",
        ),
        Row(
            "basil",
            "crossevent (automatic)",
            last_line(score(scorer, "crossevent", plain)).split(": ", 1)[-1],
            "<= 2%",
        ),
        Row(
            "basil",
            "crossevent (event column)",
            last_line(score(scorer, "crossevent", with_column)).split(": ", 1)[-1],
            "0%",
        ),
        Row(
            "basil",
            "analyze 300 articles",
            f"peak {megabytes:.0f} MB, {seconds:.0f} s",
            "<= 600 MB",
        ),
    ]
