"""The `framing` command: clean one capture, analyse a corpus into tables, or build its HTML report.

Errors in the input end the command with one line on stderr that names the file and the
problem, and exit status 2; nothing is written then. Warnings go to stderr too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from framing.load import CorpusError, decode_bytes

EXIT_BAD_INPUT = 2
#: Manifest fields an export file's columns can be named for (`--text-column` ...).
EXPORT_FIELDS = ("text", "outlet", "title", "published", "url", "event", "id")


def _clean(args: argparse.Namespace) -> int:
    from framing.clean import label_lines

    path = Path(args.file)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    text, notes = decode_bytes(path.read_bytes(), str(path))
    _warn(notes)
    labels = label_lines(text, args.title, args.outlet)
    if args.format == "json":
        print(json.dumps(labels.to_dict("records"), ensure_ascii=False, indent=1))
    else:
        for row in labels.itertuples():
            print(f"{row.line_no:>5}  {row.label:<11}  {row.text.strip()}    [{row.reason}]")
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from framing.pipeline import analyze, write_tables

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CorpusError(f"{out}: exists and is a file; give a folder for the tables")
    tables = analyze(
        args.corpus,
        lexicon_path=args.lexicon,
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        strict=args.strict,
        columns={
            field: getattr(args, f"{field}_column")
            for field in EXPORT_FIELDS
            if getattr(args, f"{field}_column")
        },
        frames_model=args.frames,
    )
    _warn(tables["warnings"]["message"])
    write_tables(tables, out)
    print(
        f"wrote {len(tables)} tables for {len(tables['documents'])} articles to {out}",
        file=sys.stderr,
    )
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from framing.fetch import fetch_corpus, read_url_list

    result = fetch_corpus(
        read_url_list(args.urls), args.out, delay=args.delay, allow_local=args.allow_local
    )
    _warn(result.failures)
    print(
        f"{result.fetched} pages fetched, {result.kept} already there, "
        f"{len(result.failures)} failed; manifest written to {Path(args.out) / 'manifest.csv'}",
        file=sys.stderr,
    )
    return 0


#: Optional modules a report's own process has no use for and keeps out: with rfc3987-syntax
#: installed (jupyterlab pulls it in), jsonschema, under nbformat, compiles its IRI grammar on
#: import, 1.3 s; no notebook schema validates IRIs.
UNUSED_BY_REPORT = ("rfc3987_syntax",)


def _report(args: argparse.Namespace) -> int:
    from framing.kernel import SharedKernel

    for name in UNUSED_BY_REPORT:
        sys.modules.setdefault(name, None)  # None: an import of it fails, as if not installed
    with SharedKernel() as kernel:  # starts and warms up while the report's modules load
        from framing.report import DEFAULT_NOTEBOOKS, build_report

        out = build_report(
            args.corpus,
            args.out,
            with_code=args.with_code,
            notebooks_dir=args.notebooks or DEFAULT_NOTEBOOKS,
            lexicon=args.lexicon,
            kernel=kernel,
        )
    print(f"report written to {out / 'index.html'}", file=sys.stderr)
    return 0


def _evaluate_quotes(args: argparse.Namespace) -> int:
    import pandas as pd

    from framing.load import read_actors
    from framing.pipeline import corpus_quotes
    from framing.quotes import GOLD_COLUMNS, evaluation_table, outlet_accuracy

    golds = {}
    for path in map(Path, args.gold):
        if not path.is_file():
            raise CorpusError(f"{path}: no such file")
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = [column for column in GOLD_COLUMNS if column not in gold.columns]
        if missing:
            raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}")
        golds[path.name] = gold
    found, actors = corpus_quotes(args.corpus), read_actors(args.corpus)
    table = evaluation_table(found, golds, actors)
    print(table.to_string(index=False, float_format=lambda value: f"{value:.3f}"))
    outlets, wrong = outlet_accuracy(found, pd.concat(golds.values(), ignore_index=True), actors)
    print("\nspeaker accuracy per outlet")
    print(outlets.to_string(index=False, float_format=lambda value: f"{value:.3f}"))
    if len(wrong):
        print(f"\nwrong speakers ({len(wrong)})")
        print(wrong.assign(quote=wrong["quote"].str.slice(0, 60)).to_string(index=False))
    return 0


def _train_frames(args: argparse.Namespace) -> int:
    import pandas as pd

    from framing import frame_model
    from framing.pipeline import corpus_texts

    path = Path(args.coded)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    coded = pd.read_csv(path, dtype=str, keep_default_na=False)
    key = frame_model.coded_key(coded, str(path))
    if "text" in coded.columns:
        texts = coded.assign(key=coded[key].str.strip()).groupby("key")["text"].first()
    elif args.corpus:
        found = corpus_texts(args.corpus)
        texts = pd.Series(found["text"].tolist(), index=found[key].astype(str))
    else:
        raise CorpusError(f"{path}: no text column; give the coded articles' --corpus folder")
    model, report = frame_model.train(texts, frame_model.coded_matrix(coded, texts, str(path)))
    print(report.to_string(index=False, float_format=lambda value: f"{value:.3f}"))
    print(f"model written to {frame_model.save(model, args.out)}", file=sys.stderr)
    return 0


def _warn(messages: Sequence[str]) -> None:
    for message in messages:
        print(f"framing: warning: {message}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="framing", description="Compare how news outlets framed the same event."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser("clean", help="label each line of one capture, with the reason")
    clean.add_argument("file", help="a plain-text capture of one article page")
    clean.add_argument("--title", default="", help="the headline, if known")
    clean.add_argument(
        "--outlet", default="", help="the outlet, if known (its closing notes are furniture)"
    )
    clean.add_argument("--format", choices=("text", "json"), default="text")
    clean.set_defaults(run=_clean)

    analyze = commands.add_parser("analyze", help="analyse a corpus folder into CSV tables")
    analyze.add_argument(
        "corpus",
        help="folder with manifest.csv and the article files, or one export (.csv, .jsonl, "
        ".parquet) with a text and an outlet column",
    )
    analyze.add_argument("--out", required=True, help="folder for the tables (replaced whole)")
    analyze.add_argument("--lexicon", help="your own frame lexicon CSV (frame, pattern, weight)")
    analyze.add_argument("--engine", choices=("local", "dask"), default="local")
    analyze.add_argument("--scheduler", help="address of a running Dask scheduler (--engine dask)")
    analyze.add_argument("--workers", type=int, help="processes for the local engine")
    analyze.add_argument(
        "--strict",
        action="store_true",
        help="refuse the corpus when any article is unreadable, empty or not English "
        "(default: skip that article with a warning)",
    )
    for field in EXPORT_FIELDS:
        analyze.add_argument(
            f"--{field}-column", help=f"for an export file: the column that holds the {field}"
        )
    analyze.add_argument(
        "--frames", help="a frame model from `framing train-frames`, used instead of the lexicon"
    )
    analyze.set_defaults(run=_analyze)

    fetch = commands.add_parser(
        "fetch", help="download the pages of a list of URLs into a corpus folder"
    )
    fetch.add_argument("urls", help="a text file with one URL a line (optionally: URL,outlet)")
    fetch.add_argument("--out", required=True, help="the corpus folder (created, or resumed)")
    fetch.add_argument(
        "--delay", type=float, default=2.0, help="seconds between two requests to one site"
    )
    fetch.add_argument(
        "--allow-local",
        action="store_true",
        help="also fetch from this machine and private networks (an intranet archive)",
    )
    fetch.set_defaults(run=_fetch)

    report = commands.add_parser("report", help="analyse a corpus and render the HTML report")
    report.add_argument("corpus", help="folder with manifest.csv and the article files")
    report.add_argument("--out", required=True, help="folder for the report (replaced whole)")
    report.add_argument(
        "--with-code", action="store_true", help="show the code cells (the analyst's version)"
    )
    report.add_argument(
        "--no-code", action="store_true", help="the reader's version, code hidden (the default)"
    )
    report.add_argument("--lexicon", help="your own frame lexicon CSV (frame, pattern, weight)")
    report.add_argument("--notebooks", help="folder of NN_name.ipynb notebooks to run")
    report.set_defaults(run=_report)

    train = commands.add_parser(
        "train-frames",
        help="fit a frame classifier on coded articles; print cross-validated precision/recall",
    )
    train.add_argument(
        "coded",
        help="CSV of coded articles: text or doc_id/file, and a frame column (one row per "
        "article and frame) or one 0/1 column per frame",
    )
    train.add_argument("--corpus", help="the coded articles' corpus folder (without a text column)")
    train.add_argument("--out", required=True, help="file to write the model to (joblib)")
    train.set_defaults(run=_train_frames)

    evaluate = commands.add_parser(
        "evaluate-quotes",
        help="measure quote finding against hand-annotated quotes (precision, recall, speakers)",
    )
    evaluate.add_argument("corpus", help="folder with manifest.csv and the article files")
    evaluate.add_argument(
        "gold", nargs="+", help="CSV files of hand-annotated quotes: doc_id, quote, speaker[, kind]"
    )
    evaluate.set_defaults(run=_evaluate_quotes)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input gives one line on stderr and exit status 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CorpusError, ValueError, OSError, RuntimeError) as exc:
        message = " ".join(str(exc).split())
        print(f"framing: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
