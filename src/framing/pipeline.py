"""Run every analysis once and keep the results as tidy tables that notebooks and reports only read.

The work is split in two. Per-article stages (clean, sentences, tone, quotes, term counts,
frame hits) are pure functions of one article, run over partitions of the corpus on any
engine. Corpus stages (distinctive terms, tone with intervals, speakers across outlets,
alignment, topics, frame profiles) merge the partitions' results.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
from tqdm.auto import tqdm

from framing import actors, events, frames, overlap, quotes, sentiment, summary, terms
from framing.clean import article_lines, label_lines
from framing.load import (
    Article,
    CorpusError,
    read_actors,
    read_article,
    read_manifest,
    read_topics,
)
from framing.tokenize import STOPWORDS, sentence_spans, tokenize

Tables = dict[str, pd.DataFrame]
Row = dict[str, str]
Item = TypeVar("Item")

#: Tables every analysis writes, in the order the README documents them.
TABLE_NAMES = (
    "documents",
    "events",
    "event_coverage",
    "blindspots",
    "lines",
    "sentences",
    "terms",
    "tone",
    "tone_differences",
    "sentence_actors",
    "quotes",
    "voice",
    "alignment",
    "shared_quotes",
    "topics",
    "sentence_topics",
    "frames",
    "sentence_frames",
    "findings",
    "finding_evidence",
    "warnings",
)
#: Below this share of English function words an article is taken to be in another language.
MIN_ENGLISH_SHARE = 0.2
#: From this many articles the local engine uses all cores: below, one process is fast enough
#: and a pool's memory (each worker imports the whole stack, about 250 MB) would dominate.
POOL_FROM = 1000
#: Partitions per worker: enough to balance uneven articles, few enough to keep overhead low.
PARTITIONS_PER_WORKER = 4


@dataclass(frozen=True)
class Resources:
    """What every per-article stage reads besides the article: the corpus's own knowledge.

    lexicon: the frame lexicon; actors: the corpus's actors.csv (empty without one); topics:
    its topics.csv (empty without one).
    """

    lexicon: pd.DataFrame
    actors: pd.DataFrame
    topics: pd.DataFrame


def load_resources(root: Path, lexicon_path: str | Path | None = None) -> Resources:
    """The frame lexicon (packaged or `lexicon_path`) and the corpus's actors and topics."""
    return Resources(frames.load_lexicon(lexicon_path), read_actors(root), read_topics(root))


def _published(article: Article, labels: pd.DataFrame) -> str:
    """The manifest's date, else the capture's own date line as an ISO date, else ''."""
    if article.published:
        return article.published
    for text in labels.loc[labels["label"] == "date", "text"]:
        parsed = pd.to_datetime(text.strip(), errors="coerce", format="mixed")
        if not pd.isna(parsed):
            return parsed.date().isoformat()
    return ""


def article_sentences(article: Article, labels: pd.DataFrame) -> pd.DataFrame:
    """Split the article's body and subhead lines into sentences (original characters)."""
    rows = []
    for line in article_lines(labels).itertuples():
        text = line.text.strip()
        rows.extend((line.line_no, text[start:end]) for start, end in sentence_spans(text))
    return pd.DataFrame(
        {
            "doc_id": article.doc_id,
            "outlet": article.outlet,
            "sent_id": range(1, len(rows) + 1),
            "line_no": [line_no for line_no, _ in rows],
            "text": [text for _, text in rows],
        }
    )


def _check_language(article: Article, tokens: list[str]) -> None:
    share = sum(token in STOPWORDS for token in tokens) / max(1, len(tokens))
    if share < MIN_ENGLISH_SHARE:
        raise CorpusError(
            f"{article.file}: the article does not look like English ({share:.0%} English "
            "function words); framing's lexicons are English-only, so remove it from the manifest"
        )


def clean_article(article: Article) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, object]]:
    """Label one article's lines, split its sentences and describe it (a pure per-article stage)."""
    labels = label_lines(article.text, article.title, article.outlet)
    sentences = article_sentences(article, labels)
    if sentences.empty:
        raise CorpusError(
            f"{article.file}: no article text left after cleaning (every line looked like page "
            "furniture); check the capture with `framing clean`"
        )
    tokens = [token for text in sentences["text"] for token in tokenize(text)]
    _check_language(article, tokens)
    body = article_lines(labels)
    title = article.title or next(iter(labels.loc[labels["label"] == "title", "text"]), "").strip()
    document = {
        "doc_id": article.doc_id,
        "file": article.file,
        "outlet": article.outlet,
        "title": title,
        "published": _published(article, labels),
        "n_lines": len(labels),
        "n_body_lines": len(body),
        "n_sentences": len(sentences),
        "n_words": len(tokens),
        "event": article.event,
    }
    lines = labels.assign(doc_id=article.doc_id, file=article.file)
    return lines[["doc_id", "file", "line_no", "label", "reason", "text"]], sentences, document


def analyze_partition(articles: Sequence[Article], resources: Resources) -> Tables:
    """Run the per-article stages over a batch of articles and return their partial tables.

    Pure in its inputs, so batches can run in any process or on any cluster worker; tone is
    scored once per distinct sentence text of the batch.
    """
    lines, sentences, documents, found_quotes, notes = [], [], [], [], []
    for article in articles:
        notes.extend(article.notes)
        article_labels, article_sents, document = clean_article(article)
        article_quotes, article_sents["is_quote"] = quotes.quotes_and_quote_sentences(article_sents)
        lines.append(article_labels)
        documents.append(document)
        sentences.append(article_sents)
        found_quotes.append(article_quotes)
    all_sentences = pd.concat(sentences, ignore_index=True)
    scores = sentiment.score_sentences(all_sentences["text"].tolist())
    all_sentences = pd.concat([all_sentences.drop(columns="is_quote"), scores], axis=1)
    all_sentences["is_quote"] = pd.concat(sentences, ignore_index=True)["is_quote"]
    return {
        "documents": pd.DataFrame(documents),
        "lines": pd.concat(lines, ignore_index=True),
        "sentences": all_sentences,
        "quotes": pd.concat(found_quotes, ignore_index=True),
        "term_counts": terms.count_terms(all_sentences),
        "sentence_frames": frames.sentence_frames(all_sentences, resources.lexicon),
        "sentence_actors": actors.actor_mentions(all_sentences, resources.actors),
        "sentence_topics": overlap.sentence_topics(all_sentences, resources.topics),
        "alignment_features": pd.DataFrame(
            {"features": all_sentences["text"].map(overlap.sentence_features)}
        ),
        "warnings": pd.DataFrame({"message": notes}, dtype=str),
    }


def corpus_quotes(corpus_dir: str | Path) -> pd.DataFrame:
    """The quotes table of a corpus folder, as `analyze` finds it, for any number of outlets.

    Only reading, cleaning and the quote stages run, so a single article can be measured
    against its hand annotation (`framing evaluate-quotes`).
    """
    root = Path(corpus_dir)
    manifest, _ = read_manifest(root)
    found = [
        quotes.find_quotes(clean_article(read_article(root, row))[1])
        for row in manifest.to_dict("records")
    ]
    return quotes.resolve_speakers(pd.concat(found, ignore_index=True), read_actors(root))


def merge_partitions(parts: Iterable[Tables]) -> Tables:
    """Concatenate partial tables in partition order; term counts are summed."""
    parts = list(parts)
    merged = {
        name: pd.concat([part[name] for part in parts], ignore_index=True)
        for name in parts[0]
        if name != "term_counts"
    }
    merged["term_counts"] = terms.merge_counts(part["term_counts"] for part in parts)
    return merged


#: A corpus stage: reads the tables so far, returns its table (or several, keyed by name).
Stage = Callable[[Tables], pd.DataFrame | Tables]


def corpus_stages(partial: Tables, resources: Resources) -> list[tuple[str, Stage]]:
    """The corpus-level stages in order: each adds one table from the merged partials and the
    tables of the stages before it."""
    has_actors, has_topics = not resources.actors.empty, not resources.topics.empty
    return [
        ("events", lambda t: _events(t, partial["alignment_features"]["features"].tolist())),
        ("event_coverage", lambda t: events.event_coverage(t["documents"])),
        ("blindspots", lambda t: events.blindspots(t["event_coverage"], t["events"])),
        ("terms", lambda t: terms.distinctive_terms(partial["term_counts"])),
        ("sentence_actors", lambda t: actors.keep_actors(partial["sentence_actors"], has_actors)),
        ("tone", lambda t: sentiment.tone_table(t["sentences"], t["sentence_actors"])),
        ("tone_differences", lambda t: sentiment.tone_differences(t["sentences"])),
        ("quotes", lambda t: quotes.resolve_speakers(partial["quotes"], resources.actors)),
        ("voice", lambda t: quotes.share_of_voice(t["quotes"])),
        (
            "alignment",
            lambda t: overlap.align_sentences(
                t["sentences"],
                features=partial["alignment_features"]["features"].tolist(),
                documents=t["documents"],
            ),
        ),
        ("shared_quotes", lambda t: overlap.shared_quotes(t["quotes"], t["documents"])),
        ("sentence_topics", lambda t: overlap.keep_topics(partial["sentence_topics"], has_topics)),
        ("topics", lambda t: overlap.topic_coverage(t["sentence_topics"], t["sentences"])),
        ("frames", lambda t: frames.frame_table(t["sentence_frames"], t["sentences"])),
        (
            "findings",
            lambda t: dict(zip(("findings", "finding_evidence"), summary.findings(t), strict=True)),
        ),
    ]


def _events(tables: Tables, features: list[str]) -> Tables:
    """The events table, and the documents table with each article's event."""
    table = events.event_table(tables["documents"], tables["sentences"], features)
    return {"events": table, "documents": events.with_events(tables["documents"], table)}


def partitions(items: Sequence[Item], n_parts: int) -> list[list[Item]]:
    """Split items (manifest rows) into at most n_parts contiguous, near-equal batches, in order."""
    n_parts = max(1, min(n_parts, len(items)))
    size, extra = divmod(len(items), n_parts)
    bounds = [0]
    for index in range(n_parts):
        bounds.append(bounds[-1] + size + (index < extra))
    return [list(items[bounds[i] : bounds[i + 1]]) for i in range(n_parts)]


def analyze_rows(root: Path, rows: Sequence[Row], resources: Resources) -> Tables:
    """Read a batch of manifest rows' articles and run the per-article stages (one task)."""
    return analyze_partition([read_article(root, row) for row in rows], resources)


def show_progress() -> bool:
    """Progress bars only on a terminal, so logs (CI) stay clean."""
    return sys.stderr.isatty()


def run_partitions_local(
    root: Path, rows: Sequence[Row], resources: Resources, workers: int
) -> list[Tables]:
    """Run the per-article stages in this process, or across `workers` processes."""
    batches = partitions(rows, workers * PARTITIONS_PER_WORKER if workers > 1 else 1)
    bar = tqdm(total=len(rows), desc="articles", unit="article", disable=not show_progress())
    results = []
    with bar:
        if workers <= 1:
            for batch in batches:
                results.append(analyze_rows(root, batch, resources))
                bar.update(len(batch))
            return results
        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [pool.submit(analyze_rows, root, batch, resources) for batch in batches]
            for batch, job in zip(batches, jobs, strict=True):
                results.append(job.result())
                bar.update(len(batch))
        return results


def default_workers(n_articles: int) -> int:
    """Processes for the local engine: all cores for large corpora, one for small ones."""
    return 1 if n_articles < POOL_FROM else max(1, os.cpu_count() or 1)


def check_comparable(root: Path, manifest: pd.DataFrame) -> None:
    """Refuse a corpus with fewer than two outlets: there is nothing to compare."""
    outlets = sorted(manifest["outlet"].unique())
    if len(outlets) < 2:
        raise CorpusError(
            f"{root / 'manifest.csv'}: only one outlet ({', '.join(outlets)}); framing compares "
            "outlets, so add articles from at least one more"
        )


def analyze(
    corpus_dir: str | Path,
    lexicon_path: str | Path | None = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
) -> Tables:
    """Analyse a corpus folder and return every table, keyed by name (see `TABLE_NAMES`).

    Args:
        corpus_dir: folder with manifest.csv, the article files, optional actors.csv/topics.csv.
        lexicon_path: a frame lexicon CSV to use instead of the packaged one.
        engine: "local" (this machine's cores) or "dask" (a Dask cluster; same tables).
        workers: processes for the local engine; default: one for small corpora, all cores
            from `POOL_FROM` articles on.
        scheduler: address of a running Dask scheduler; default: a local two-worker cluster.
    """
    root = Path(corpus_dir)
    manifest, warnings = read_manifest(root)
    check_comparable(root, manifest)
    resources = load_resources(root, lexicon_path)
    rows = manifest.to_dict("records")
    if engine == "dask":
        from framing.distributed import run_partitions_dask

        parts = run_partitions_dask(root, rows, resources, scheduler)
    else:
        n_workers = default_workers(len(rows)) if workers is None else workers
        parts = run_partitions_local(root, rows, resources, n_workers)
    return finish_analysis(merge_partitions(parts), warnings, resources)


def finish_analysis(partial: Tables, warnings: Sequence[str], resources: Resources) -> Tables:
    """Run the corpus stages on merged partial tables and assemble the final tables."""
    messages = list(warnings) + partial["warnings"]["message"].tolist()
    tables: Tables = {
        "documents": partial["documents"],
        "lines": partial["lines"],
        "sentences": partial["sentences"],
        "sentence_frames": partial["sentence_frames"],
        "warnings": pd.DataFrame({"message": messages}, dtype=str),
    }
    stages = corpus_stages(partial, resources)
    for name, stage in tqdm(
        stages, desc="corpus stages", unit="stage", disable=not show_progress()
    ):
        result = stage(tables)
        tables.update(result if isinstance(result, dict) else {name: result})
    return {name: tables[name] for name in TABLE_NAMES}


def write_tables(tables: Tables, out_dir: str | Path) -> Path:
    """Write every table as CSV into out_dir, atomically: all tables appear at once, or none.

    Tables are written into a temporary folder beside out_dir, which then replaces it, so
    an interrupted run leaves the previous tables as they were.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise CorpusError(f"{out}: exists and is a file; give a folder for the tables")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, table in tables.items():
            table.to_csv(
                staging / f"{name}.csv", index=False, float_format="%.6g", lineterminator="\n"
            )
        replace_dir(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def replace_dir(new: Path, target: Path) -> None:
    """Put folder `new` in the place of `target`, keeping the old one until the swap is done."""
    backup = target.with_name(f".{target.name}.old")
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    try:
        new.rename(target)
    except OSError:
        if backup.exists():
            backup.rename(target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


#: Columns read back as text whatever they hold, so ids such as "001" keep their zeros.
TEXT_COLUMNS = (
    "doc_id",
    "file",
    "outlet",
    "title",
    "published",
    "text",
    "reason",
    "term",
    "scope",
    "frame",
    "matched",
    "top_evidence_doc_id",
    "message",
    "actor",
    "side",
    "quote",
    "speaker",
    "verb",
    "kind",
    "level",
    "name",
    "verbs",
    "doc_a",
    "outlet_a",
    "doc_b",
    "outlet_b",
    "relation",
    "event",
    "source",
    "quote_a",
    "speaker_a",
    "quote_b",
    "speaker_b",
    "topic",
    "first_doc_id",
    "first_sentence",
    "aspect",
    "finding",
)


def read_tables(tables_dir: str | Path) -> Tables:
    """Read the tables `framing analyze` wrote."""
    folder = Path(tables_dir)
    missing = [name for name in TABLE_NAMES if not (folder / f"{name}.csv").is_file()]
    if missing:
        raise CorpusError(
            f"{folder}: not a complete analysis (missing {', '.join(missing)}.csv); "
            "run `framing analyze` again"
        )
    return {
        name: pd.read_csv(
            folder / f"{name}.csv",
            keep_default_na=False,
            na_values=[""],
            dtype={column: str for column in TEXT_COLUMNS},
        )
        for name in TABLE_NAMES
    }


def load_tables(corpus: str | Path, tables: str | Path = "") -> Tables:
    """The tables for a notebook: read from `tables` if given, else analyse `corpus` now."""
    if tables:
        return read_tables(tables)
    return analyze(corpus)
