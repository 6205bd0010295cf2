"""Measure framing's speed and memory against the targets, and print one table.

    .venv/bin/python benchmarks/run.py [--sizes 1000 10000] [--skip-dask] [--skip-report]

Corpora are generated deterministically by `generate_corpus.py` into benchmarks/corpora/
(git-ignored). Every reference a ratio is taken against is timed in the same run, on the same
machine and inputs: scikit-learn's CountVectorizer for term counting, the reference
vaderSentiment loop for tone, empty notebooks for the report.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import psutil
from sklearn.feature_extraction.text import CountVectorizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing import sentiment, terms
from framing.report import notebook_paths

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
from generate_corpus import generate  # noqa: E402


@dataclass
class Row:
    stage: str
    seconds: float
    peak_mb: float
    articles: int | None = None
    ratio: float | None = None
    target: str = ""

    def cells(self) -> list[str]:
        rate = f"{self.articles / self.seconds:,.0f}" if self.articles else ""
        ratio = f"{self.ratio:.2f}" if self.ratio is not None else ""
        return [self.stage, f"{self.seconds:.2f}", f"{self.peak_mb:,.0f}", rate, ratio, self.target]


class PeakMemory:
    """Sample the resident memory of a process and its children; keep the peak (MB)."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> float:
        total = 0
        try:
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
        except psutil.Error:
            return 0.0
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed_call(function: Callable[[], object]) -> tuple[float, float, object]:
    """Run function here; return seconds, peak MB of this process tree, and its result."""
    with PeakMemory(os.getpid()) as memory:
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
    return seconds, memory.peak, result


def timed_command(command: list[str]) -> tuple[float, float]:
    """Run a command; return seconds and the peak MB of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakMemory(process.pid) as memory:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {stderr.decode()[-2000:]}")
    return seconds, memory.peak


def corpus(n_articles: int) -> Path:
    folder = HERE / "corpora" / f"generated_{n_articles}"
    if not (folder / "manifest.csv").is_file():
        generate(folder, n_articles)
    return folder


def bench_analyze(sizes: list[int], out: Path) -> tuple[list[Row], Path]:
    rows: list[Row] = []
    per_article: dict[int, float] = {}
    for size in sizes:
        tables = out / f"tables_{size}"
        seconds, peak = timed_command(
            [str(BIN / "framing"), "analyze", str(corpus(size)), "--out", str(tables)]
        )
        per_article[size] = seconds / size
        target = "<= 60 s, <= 2048 MB" if size >= 10_000 else ""
        rows.append(Row(f"framing analyze, {size:,} articles", seconds, peak, size, None, target))
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        ratio = per_article[large] / per_article[small]
        rows.append(
            Row(f"time per article, {large:,} vs {small:,}", 0.0, 0.0, None, ratio, "<= 1.10")
        )
    return rows, out / f"tables_{max(sizes)}"


def bench_terms_and_tone(tables: Path, n_articles: int) -> list[Row]:
    sentences = pd.read_csv(
        tables / "sentences.csv", usecols=["doc_id", "outlet", "sent_id", "text"], dtype=str
    )
    sentences["sent_id"] = sentences["sent_id"].astype(int)
    texts = sentences["text"].tolist()
    ours, ours_mb, _ = timed_call(lambda: terms.count_terms(sentences))
    floor, floor_mb, _ = timed_call(lambda: CountVectorizer(ngram_range=(1, 2)).fit(texts))
    analyzer = SentimentIntensityAnalyzer()
    reference, reference_mb, expected = timed_call(
        lambda: [analyzer.polarity_scores(text)["compound"] for text in texts]
    )
    tone, tone_mb, scores = timed_call(lambda: sentiment.score_sentences(texts))
    if scores["compound"].round(4).tolist() != [round(v, 4) for v in expected]:
        raise SystemExit("tone scores differ from the reference vaderSentiment")
    return [
        Row("terms: count_terms", ours, ours_mb, n_articles, ours / floor, "<= 1.00"),
        Row("  reference: CountVectorizer(1, 2).fit", floor, floor_mb, n_articles),
        Row("tone: score_sentences", tone, tone_mb, n_articles, tone / reference, "<= 0.60"),
        Row("  reference: vaderSentiment loop", reference, reference_mb, n_articles),
    ]


def bench_report(out: Path) -> list[Row]:
    seconds, peak = timed_command(
        [str(BIN / "framing"), "report", str(ROOT / "seeds"), "--out", str(out / "report")]
    )
    empty_dir = out / "empty"
    empty_dir.mkdir()
    count = len(notebook_paths())
    for index in range(count):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [
            nbformat.v4.new_code_cell('corpus = ""\ntables = ""', metadata={"tags": ["parameters"]})
        ]
        nbformat.write(notebook, empty_dir / f"{index:02d}_empty.ipynb")

    def run_empty() -> None:
        for path in sorted(empty_dir.glob("*.ipynb")):
            papermill.execute_notebook(
                str(path), str(path), kernel_name="python3", progress_bar=False
            )

    empty, empty_mb, _ = timed_call(run_empty)
    return [
        Row("make report (seeds)", seconds, peak, 2, seconds / empty, "<= 1.50"),
        Row(f"  reference: {count} empty notebooks", empty, empty_mb),
    ]


def bench_dask(size: int, out: Path) -> list[Row]:
    local, local_mb = timed_command(
        [str(BIN / "framing"), "analyze", str(corpus(size)), "--out", str(out / "local")]
    )
    dask, dask_mb = timed_command(
        [
            str(BIN / "framing"),
            "analyze",
            str(corpus(size)),
            "--out",
            str(out / "dask"),
            "--engine",
            "dask",
        ]
    )
    for table in sorted((out / "local").glob("*.csv")):
        if table.read_bytes() != (out / "dask" / table.name).read_bytes():
            raise SystemExit(f"dask engine wrote a different {table.name}")
    return [
        Row(f"analyze local engine, {size:,}", local, local_mb, size),
        Row(
            f"analyze dask LocalCluster(2), {size:,}",
            dask,
            dask_mb,
            size,
            dask / local,
            "identical tables",
        ),
    ]


def print_table(rows: list[Row]) -> None:
    header = ["stage", "seconds", "peak MB", "articles/s", "ratio", "target"]
    cells = [header] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    for line in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
        if line is header:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-report", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
        out = Path(tmp)
        rows, largest = bench_analyze(sorted(args.sizes), out)
        rows += bench_terms_and_tone(largest, max(args.sizes))
        if not args.skip_report:
            rows += bench_report(out)
        if not args.skip_dask:
            rows += bench_dask(min(args.sizes), out)
    print(
        f"machine: {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB; python {sys.version.split()[0]}"
    )
    print_table(rows)


if __name__ == "__main__":
    main()
