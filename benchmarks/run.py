"""Measure framing's speed and memory against the targets, and print one table.

    .venv/bin/python benchmarks/run.py [--sizes 1000 10000] [--repeat 3] [--outlets 200]
                                       [--skip-dask] [--skip-report] [--only ROW ...]

Rows (`--only` runs some of them; terms, tone, floor and outlets need the analyze rows
of the largest size, which they run too): analyze (each size, time per article), stages
(analyze's steps at --stages-size, default the largest size, timed one by one in this
process: reading, the per-article stage, merging, each corpus stage, writing), floor
(the largest size against CountVectorizer over its sentences), terms, tone, outlets (the
largest size spread over --outlets outlets against 5), basil (BASIL's 300 articles:
analyze and report peak memory; skipped quietly without ../shared/benchmarks/basil),
report (the seeds against empty notebooks), dask (the smallest size, identical tables).

Corpora are generated deterministically by `generate_corpus.py` into benchmarks/corpora/
(git-ignored; regenerated when the generator changes). Every reference a ratio is taken
against is timed in the same run, on the same machine and inputs: scikit-learn's
CountVectorizer for distinctive terms, the reference vaderSentiment loop for tone, a
papermill command that executes as many empty notebooks as the report has (its start-up
counted, like that of `framing report`), the local engine for Dask, the 5-outlet corpus for
the 200-outlet one.

Seconds are wall time; each side of a ratio is the fastest of --repeat runs, since other
work on the machine only ever adds time. Peak MB is the resident memory of the process tree
(the process and its children, sampled every 20 ms): for commands, the whole command; for
stages timed inside this process, what the stage added above this process's memory before
it started. A stage that fails or runs past --timeout is listed with its error; the others
still run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import psutil
from sklearn.feature_extraction.text import CountVectorizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing import sentiment, terms
from framing.load import read_input
from framing.pipeline import (
    PARTITIONS_PER_WORKER,
    TABLE_NAMES,
    corpus_stages,
    default_workers,
    first_tables,
    load_resources,
    merge_partitions,
    partitions,
    run_partitions_local,
    run_stage,
    write_tables,
)
from framing.report import notebook_paths

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FRAMING = str(Path(sys.executable).parent / "framing")
sys.path.insert(0, str(HERE))
from generate_corpus import generate  # noqa: E402
from quality import BENCHMARKS  # noqa: E402
from quality_basil_events import linked_corpus  # noqa: E402

#: Targets of the issue.
ANALYZE_SECONDS, ANALYZE_MB, ANALYZE_AT = 60.0, 2048.0, 10_000
LINEAR, TERMS, TONE, REPORT = 1.10, 1.00, 0.60, 1.50
#: analyze at ANALYZE_AT <= FLOOR_TIMES x CountVectorizer((1, 2)) + FLOOR_PLUS seconds.
FLOOR_TIMES, FLOOR_PLUS = 2.0, 20.0
#: The same articles over OUTLETS outlets: <= OUTLETS_RATIO x the time over 5, <= ANALYZE_MB.
OUTLETS, OUTLETS_RATIO = 200, 1.20
#: BASIL's 300 articles (its 150 twice): peak MB of analyze and of report.
BASIL_ANALYZE_MB, BASIL_REPORT_MB = 600.0, 1024.0
ROWS = ("analyze", "stages", "floor", "terms", "tone", "outlets", "basil", "report", "dask")
SAMPLE_SECONDS = 0.02


@dataclass
class Row:
    stage: str
    seconds: float | None = None
    peak_mb: float | None = None
    articles: int | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    def cells(self) -> list[str]:
        rate = f"{self.articles / self.seconds:,.0f}" if self.articles and self.seconds else ""
        verdict = {True: "met", False: "MISSED", None: ""}[self.met]
        return [
            self.stage,
            f"{self.seconds:.2f}" if self.seconds is not None else "",
            f"{self.peak_mb:,.0f}" if self.peak_mb is not None else "",
            rate,
            f"{self.ratio:.2f}" if self.ratio is not None else "",
            self.target,
            verdict,
            self.note,
        ]


class PeakMemory:
    """Sample the resident memory of a process and all its descendants; keep the peak (MB)."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> float:
        total = 0
        try:
            family = [self.process, *self.process.children(recursive=True)]
        except psutil.Error:
            return 0.0
        for proc in family:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> PeakMemory:
        self.peak = self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.sample())


def timed_call(function: Callable[[], object], repeat: int = 1) -> tuple[float, float, object]:
    """Run function here `repeat` times; return the fastest seconds, the most MB the process
    tree grew to above its start, and the result."""
    best, most = float("inf"), 0.0
    for _ in range(repeat):
        monitor = PeakMemory(os.getpid())
        before = monitor.sample()
        with monitor:
            start = time.perf_counter()
            result = function()
            best = min(best, time.perf_counter() - start)
        most = max(most, monitor.peak - before)
    return best, most, result


def best_command(command: Sequence[str], timeout: float, repeat: int) -> tuple[float, float]:
    """Run a command `repeat` times; return the fastest seconds and the highest peak MB."""
    runs = [timed_command(command, timeout) for _ in range(repeat)]
    return min(seconds for seconds, _ in runs), max(peak for _, peak in runs)


def timed_command(command: Sequence[str], timeout: float) -> tuple[float, float]:
    """Run a command; return seconds and the peak MB of its process tree.

    Raises RuntimeError with the end of its stderr when it fails or runs past `timeout`.
    """
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
        with PeakMemory(process.pid) as memory:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)  # the command and its workers, nothing else
                process.wait()
                raise RuntimeError(f"timed out after {timeout:.0f} s") from None
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            stderr.seek(0)
            tail = stderr.read().decode(errors="replace").strip().splitlines()[-1:]
            raise RuntimeError(f"exit {process.returncode}: {' '.join(tail)[:300]}")
    return seconds, memory.peak


def generator_version() -> str:
    return hashlib.sha256((HERE / "generate_corpus.py").read_bytes()).hexdigest()[:16]


def corpus(n_articles: int, n_outlets: int = 5) -> Path:
    """The generated corpus of n articles over n_outlets outlets, (re)generated when missing or
    from an older generator."""
    name = f"generated_{n_articles}" + (f"_outlets_{n_outlets}" if n_outlets != 5 else "")
    folder = HERE / "corpora" / name
    stamp = folder / ".generator"
    version = generator_version()
    if not (
        stamp.is_file() and stamp.read_text() == version and (folder / "manifest.csv").exists()
    ):
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, n_articles, n_outlets)
        stamp.write_text(version)
    return folder


def missing_tables(folder: Path) -> list[str]:
    return [name for name in TABLE_NAMES if not (folder / f"{name}.csv").is_file()]


def bench_analyze(
    sizes: list[int], out: Path, timeout: float
) -> tuple[list[Row], dict[int, float]]:
    """`framing analyze` on each size; then time per article, largest against smallest."""
    rows: list[Row] = []
    seconds_at: dict[int, float] = {}
    for size in sizes:
        stage = f"framing analyze, {size:,} articles"
        folder = corpus(size)
        try:
            seconds, peak = timed_command(
                [FRAMING, "analyze", str(folder), "--out", str(out / f"tables_{size}")], timeout
            )
        except RuntimeError as exc:
            rows.append(Row(stage, met=False if size >= ANALYZE_AT else None, note=str(exc)))
            continue
        seconds_at[size] = seconds
        missing = missing_tables(out / f"tables_{size}")
        note = f"missing tables: {', '.join(missing)}" if missing else ""
        note += f"{'; ' if note else ''}{len(TABLE_NAMES) - len(missing)} tables written"
        if size >= ANALYZE_AT:
            over = [
                part
                for part, missed in (
                    ("seconds", seconds > ANALYZE_SECONDS),
                    ("memory", peak > ANALYZE_MB),
                )
                if missed
            ]
            met = not over and not missing
            note += f"; missed: {', '.join(over)}" if over else ""
            target = f"<= {ANALYZE_SECONDS:.0f} s, <= {ANALYZE_MB:,.0f} MB, all tables"
            rows.append(Row(stage, seconds, peak, size, None, target, met, note))
        else:
            rows.append(Row(stage, seconds, peak, size, note=note))
    if len(seconds_at) > 1:
        small, large = min(seconds_at), max(seconds_at)
        ratio = (seconds_at[large] / large) / (seconds_at[small] / small)
        rows.append(
            Row(
                f"time per article, {large:,} vs {small:,}",
                ratio=ratio,
                target=f"<= {LINEAR:.2f}",
                met=ratio <= LINEAR,
                note=f"{1000 * seconds_at[large] / large:.1f} vs "
                f"{1000 * seconds_at[small] / small:.1f} ms per article",
            )
        )
    return rows, seconds_at


def bench_stages(size: int, out: Path) -> list[Row]:
    """`framing analyze`'s steps on the corpus of `size`, each timed in this process (the
    per-article stage on as many processes as the command uses), so the table shows where
    the command's time and memory go. Peak MB is what a step added above this process's
    memory before it; the note gives that memory."""
    folder = corpus(size)
    rows: list[Row] = []

    def step(name: str, function: Callable[[], object]) -> object:
        before = PeakMemory(os.getpid()).sample()
        seconds, peak, result = timed_call(function)
        rows.append(Row(f"  stage: {name}", seconds, peak, size, note=f"from {before:,.0f} MB"))
        return result

    root, manifest, warnings = step("read manifest and resources", lambda: read_input(folder))
    resources = load_resources(root)
    records = manifest.to_dict("records")
    workers = default_workers(len(records))
    parts = [
        step(
            f"per-article stage, {workers} processes",
            lambda: run_partitions_local(root, records, resources, workers),
        )
    ]
    partial = step("merge partitions", lambda: merge_partitions(parts.pop()))  # as analyze does
    tables = first_tables(partial, warnings)
    for name, stage in corpus_stages(partial, resources):
        step(name, lambda name=name, stage=stage: run_stage(tables, name, stage))
    final = {name: tables[name] for name in TABLE_NAMES}
    step("write tables", lambda: write_tables(final, out / f"stages_{size}"))
    total = sum(row.seconds or 0.0 for row in rows)
    title = f"framing analyze's steps, {size:,} articles (in this process)"
    return [Row(title, total, None, size, note="seconds: sum of the steps below"), *rows]


def read_sentences(tables: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        tables / "sentences.csv",
        usecols=["doc_id", "outlet", "sent_id", "text"],
        dtype=str,
        keep_default_na=False,
    )
    frame["sent_id"] = frame["sent_id"].astype(int)
    return frame


def framing_terms(sentences: pd.DataFrame) -> pd.DataFrame:
    """Distinctive terms as framing computes them: count, then score every outlet."""
    return terms.distinctive_terms(terms.count_terms(sentences))


def bench_floor(sentences: pd.DataFrame, size: int, seconds: float, repeat: int) -> list[Row]:
    """`framing analyze` of `size` articles against CountVectorizer((1, 2)) over its sentences."""
    texts = sentences["text"].tolist()
    floor, floor_mb, _ = timed_call(lambda: CountVectorizer(ngram_range=(1, 2)).fit(texts), repeat)
    bound = FLOOR_TIMES * floor + FLOOR_PLUS
    return [
        Row(
            f"framing analyze, {size:,} vs the floor",
            seconds,
            None,
            size,
            seconds / bound,
            f"<= {FLOOR_TIMES:.0f} x floor + {FLOOR_PLUS:.0f} s = {bound:.1f} s",
            seconds <= bound,
            "ratio: seconds over that bound",
        ),
        Row(f"  floor: CountVectorizer((1, 2)).fit, {len(texts):,} sentences", floor, floor_mb),
    ]


def bench_outlets(
    size: int, n_outlets: int, five: float | None, out: Path, timeout: float
) -> list[Row]:
    """The corpus of `size` articles spread over `n_outlets` outlets, against its 5-outlet run."""
    stage = f"framing analyze, {size:,} articles, {n_outlets} outlets"
    target = f"<= {OUTLETS_RATIO:.2f} x 5 outlets, <= {ANALYZE_MB:,.0f} MB"
    folder = corpus(size, n_outlets)
    try:
        seconds, peak = timed_command(
            [FRAMING, "analyze", str(folder), "--out", str(out / f"outlets_{size}")], timeout
        )
    except RuntimeError as exc:
        return [Row(stage, met=False, target=target, note=str(exc))]
    ratio = seconds / five if five else None
    met = ratio is not None and ratio <= OUTLETS_RATIO and peak <= ANALYZE_MB
    rows = (out / f"outlets_{size}" / "alignment.csv").read_bytes().count(b"\n") - 1
    note = f"alignment.csv {rows:,} rows" + ("" if five else "; no 5-outlet run to compare")
    return [Row(stage, seconds, peak, size, ratio, target, met, note)]


def bench_basil(out: Path, timeout: float) -> list[Row]:
    """BASIL's 300 articles (its 150 twice, as quality_basil_events builds them): the peak
    memory of `framing analyze` and of `framing report`. Nothing without the benchmark."""
    source = BENCHMARKS / "basil" / "all"
    if not (source / "manifest.csv").is_file():
        return []
    folder = linked_corpus(source, out / "basil_300", 2, False)
    rows = []
    for command, bound in (("analyze", BASIL_ANALYZE_MB), ("report", BASIL_REPORT_MB)):
        stage = f"framing {command}, BASIL 300 articles"
        target = f"<= {bound:,.0f} MB"
        try:
            seconds, peak = timed_command(
                [FRAMING, command, str(folder), "--out", str(out / f"basil_{command}")], timeout
            )
        except RuntimeError as exc:
            rows.append(Row(stage, target=target, met=False, note=str(exc)))
            continue
        rows.append(Row(stage, seconds, peak, 300, None, target, peak <= bound))
    return rows


def bench_terms(sentences: pd.DataFrame, n_articles: int, repeat: int) -> list[Row]:
    texts = sentences["text"].tolist()
    ours, ours_mb, _ = timed_call(lambda: framing_terms(sentences), repeat)
    counting, counting_mb, counts = timed_call(lambda: terms.count_terms(sentences), repeat)
    scoring, scoring_mb, _ = timed_call(lambda: terms.distinctive_terms(counts), repeat)
    floor, floor_mb, _ = timed_call(lambda: CountVectorizer(ngram_range=(1, 2)).fit(texts), repeat)
    ratio = ours / floor
    return [
        Row(
            "terms: count_terms + distinctive_terms",
            ours,
            ours_mb,
            n_articles,
            ratio,
            f"<= {TERMS:.2f}",
            ratio <= TERMS,
            f"{len(texts):,} sentences",
        ),
        Row("  of which count_terms", counting, counting_mb, n_articles, counting / floor),
        Row("  of which distinctive_terms", scoring, scoring_mb, n_articles, scoring / floor),
        Row("  reference: CountVectorizer((1, 2)).fit", floor, floor_mb, n_articles),
    ]


def _score_batch(texts: list[str]) -> pd.DataFrame:
    return sentiment.score_sentences(texts)


def tone_as_analyze(texts: list[str], workers: int) -> pd.DataFrame:
    """Tone as `analyze` scores it: contiguous batches on `workers` processes, each deduped."""
    batches = partitions(texts, workers * PARTITIONS_PER_WORKER)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return pd.concat(list(pool.map(_score_batch, batches)), ignore_index=True)


def bench_tone(sentences: pd.DataFrame, n_articles: int, repeat: int) -> list[Row]:
    texts = sentences["text"].tolist()
    analyzer = SentimentIntensityAnalyzer()
    reference, reference_mb, expected = timed_call(
        lambda: [analyzer.polarity_scores(text) for text in texts], repeat
    )
    workers = max(1, os.cpu_count() or 1)
    pooled, pooled_mb, pooled_scores = timed_call(lambda: tone_as_analyze(texts, workers), repeat)
    single, single_mb, single_scores = timed_call(lambda: sentiment.score_sentences(texts), repeat)
    wanted = pd.DataFrame(expected)[list(sentiment.SCORE_COLUMNS)].astype(float)
    same = all(
        scores[list(sentiment.SCORE_COLUMNS)].reset_index(drop=True).equals(wanted)
        for scores in (pooled_scores, single_scores)
    )
    distinct = len(set(texts))
    ratio = pooled / reference
    return [
        Row(
            f"tone: score_sentences, {workers} processes as analyze",
            pooled,
            pooled_mb,
            n_articles,
            ratio,
            f"<= {TONE:.2f}, identical scores",
            ratio <= TONE and same,
            ("scores identical" if same else "SCORES DIFFER")
            + f"; {distinct:,} distinct of {len(texts):,} sentences",
        ),
        Row(
            "  tone: score_sentences, 1 process",
            single,
            single_mb,
            n_articles,
            single / reference,
        ),
        Row("  reference: vaderSentiment loop", reference, reference_mb, n_articles),
    ]


def empty_notebooks(folder: Path, count: int) -> list[Path]:
    """`count` notebooks with only the report's parameters cell."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        notebook.cells = [
            nbformat.v4.new_code_cell('corpus = ""\ntables = ""', metadata={"tags": ["parameters"]})
        ]
        path = folder / f"{index + 1:02d}_empty.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths


#: The reference of the report: one Python process that executes the empty notebooks given
#: as arguments with papermill, each in its kernel, as a command (start-up included, as in
#: `framing report`).
EXECUTE_EMPTY = """
import sys
from pathlib import Path
import papermill
corpus, *paths = sys.argv[1:]
for path in map(Path, paths):
    papermill.execute_notebook(
        str(path), str(path.with_suffix(".out.ipynb")),
        parameters={"corpus": corpus, "tables": "../tables"}, kernel_name="python3",
        cwd=str(path.parent), progress_bar=False, log_output=False,
    )
"""


def bench_report(out: Path, timeout: float, repeat: int) -> list[Row]:
    """`make report`'s command on the seeds, against executing as many empty notebooks."""
    stage = "make report (framing report seeds)"
    count = len(notebook_paths())
    paths = empty_notebooks(out / "empty", count)
    seeds = ROOT / "seeds"
    empty, empty_mb = best_command(
        [sys.executable, "-c", EXECUTE_EMPTY, str(seeds), *map(str, paths)], timeout, repeat
    )
    reference = Row(f"  reference: {count} empty notebooks, papermill command", empty, empty_mb)
    try:
        seconds, peak = best_command(
            [FRAMING, "report", str(seeds), "--out", str(out / "report")], timeout, repeat
        )
    except RuntimeError as exc:
        return [Row(stage, met=False, note=str(exc)), reference]
    ratio = seconds / empty
    note = f"{count} notebooks + tables, HTML, explorer"
    return [
        Row(stage, seconds, peak, None, ratio, f"<= {REPORT:.2f}", ratio <= REPORT, note),
        reference,
    ]


def bench_dask(size: int, local_seconds: float | None, out: Path, timeout: float) -> list[Row]:
    """`--engine dask` (two-worker LocalCluster) against the local engine's run of the same size."""
    stage = f"framing analyze --engine dask, {size:,}"
    local_dir, dask_dir = out / f"tables_{size}", out / f"dask_{size}"
    command = [FRAMING, "analyze", str(corpus(size)), "--out", str(dask_dir), "--engine", "dask"]
    try:
        seconds, peak = timed_command(command, timeout)
    except RuntimeError as exc:
        return [Row(stage, note=str(exc))]
    differ = [
        name
        for name in TABLE_NAMES
        if not (local_dir / f"{name}.csv").is_file()
        or (local_dir / f"{name}.csv").read_bytes() != (dask_dir / f"{name}.csv").read_bytes()
    ]
    ratio = seconds / local_seconds if local_seconds else None
    note = "tables identical to local" if not differ else f"tables differ: {', '.join(differ)}"
    return [Row(stage, seconds, peak, size, ratio, "vs local, identical tables", not differ, note)]


def attempt(stage: str, function: Callable[[], list[Row]]) -> list[Row]:
    """Run one benchmark; a failure becomes a row naming the error, and the rest still runs."""
    try:
        return function()
    except Exception as exc:  # any failure is reported in the table
        traceback.print_exc(file=sys.stderr)
        return [Row(stage, met=False, note=f"failed: {type(exc).__name__}: {exc}"[:300])]


def print_table(rows: list[Row]) -> None:
    header = ["stage", "seconds", "peak MB", "articles/s", "ratio", "target", "", "notes"]
    cells = [header] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    right = {1, 2, 3, 4}
    for line in cells:
        padded = [
            cell.rjust(width) if i in right and line is not header else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        print("| " + " | ".join(padded) + " |")
        if line is header:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--only", nargs="+", choices=ROWS, help="run these rows only")
    parser.add_argument(
        "--outlets", type=int, default=OUTLETS, help="outlets of the outlets row's corpus"
    )
    parser.add_argument(
        "--stages-size", type=int, help="articles of the stages row's corpus (default: largest)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each ratio's two sides; the fastest counts (this machine is shared)",
    )
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds before a command is stopped"
    )
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))
    skipped = {"report"} if args.skip_report else set()
    wanted = set(args.only or ROWS) - skipped - ({"dask"} if args.skip_dask else set())
    if wanted & {"floor", "terms", "tone", "outlets", "dask"}:
        wanted.add("analyze")
    started = time.perf_counter()
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
        out = Path(tmp)
        rows: list[Row] = []
        seconds_at: dict[int, float] = {}
        if "analyze" in wanted:
            rows, seconds_at = bench_analyze(sizes, out, args.timeout)
        if "stages" in wanted:
            size = args.stages_size or max(sizes)
            rows += attempt("stages", lambda: bench_stages(size, out))
        done = [size for size in sizes if size in seconds_at]
        if done:
            largest = max(done)
            sentences = read_sentences(out / f"tables_{largest}")
            if "floor" in wanted:
                rows += attempt(
                    "floor",
                    lambda: bench_floor(sentences, largest, seconds_at[largest], args.repeat),
                )
            if "terms" in wanted:
                rows += attempt("terms", lambda: bench_terms(sentences, largest, args.repeat))
            if "tone" in wanted:
                rows += attempt("tone", lambda: bench_tone(sentences, largest, args.repeat))
            del sentences
        if "outlets" in wanted:
            size = max(sizes)
            rows += attempt(
                "outlets",
                lambda: bench_outlets(size, args.outlets, seconds_at.get(size), out, args.timeout),
            )
        if "basil" in wanted:
            rows += attempt("basil", lambda: bench_basil(out, args.timeout))
        if "report" in wanted:
            rows += attempt("make report", lambda: bench_report(out, args.timeout, args.repeat))
        if "dask" in wanted:
            small = min(sizes)
            rows += attempt(
                "dask",
                lambda: bench_dask(small, seconds_at.get(small), out, args.timeout),
            )
    memory = psutil.virtual_memory().total / 2**30
    print(
        f"framing {commit}; {os.cpu_count()} cores, {memory:.0f} GiB; "
        f"python {sys.version.split()[0]}; benchmark took {time.perf_counter() - started:.0f} s"
    )
    print_table(rows)


if __name__ == "__main__":
    main()
