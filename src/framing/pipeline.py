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
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from framing import actors, frames, overlap, quotes, sentiment, terms
from framing.clean import article_lines, label_lines
from framing.load import Article, Corpus, CorpusError, load_corpus
from framing.tokenize import STOPWORDS, sentence_spans, tokenize

Tables = dict[str, pd.DataFrame]

#: Tables every analysis writes, in the order the README documents them.
TABLE_NAMES = (
    "documents",
    "lines",
    "sentences",
    "terms",
    "tone",
    "tone_differences",
    "quotes",
    "share_of_voice",
    "shared_quotes",
    "alignment",
    "topics",
    "frames",
    "sentence_frames",
    "warnings",
)
#: Below this share of English function words an article is taken to be in another language.
MIN_ENGLISH_SHARE = 0.2
#: Partitions per worker: enough to balance uneven articles, few enough to keep overhead low.
PARTITIONS_PER_WORKER = 4


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
    }
    lines = labels.assign(doc_id=article.doc_id, file=article.file)
    return lines[["doc_id", "file", "line_no", "label", "reason", "text"]], sentences, document


def analyze_partition(articles: Sequence[Article], lexicon: pd.DataFrame) -> Tables:
    """Run the per-article stages over a batch of articles and return their partial tables.

    Pure in its inputs, so batches can run in any process or on any cluster worker; tone is
    scored once per distinct sentence text of the batch.
    """
    lines, sentences, documents, found = [], [], [], []
    for article in articles:
        article_labels, article_sents, document = clean_article(article)
        lines.append(article_labels)
        documents.append(document)
        article_quotes = quotes.find_quotes(article_sents)
        article_sents["is_quote"] = quotes.mark_quote_sentences(article_sents, article_quotes)
        sentences.append(article_sents)
        found.append(article_quotes)
    all_sentences = pd.concat(sentences, ignore_index=True)
    scores = sentiment.score_sentences(all_sentences["text"].tolist())
    all_sentences = pd.concat(
        [all_sentences.drop(columns="is_quote"), scores, all_sentences[["is_quote"]]], axis=1
    )
    return {
        "documents": pd.DataFrame(documents),
        "lines": pd.concat(lines, ignore_index=True),
        "sentences": all_sentences,
        "quotes_found": pd.concat(found, ignore_index=True),
        "term_counts": terms.count_terms(all_sentences),
        "sentence_frames": frames.sentence_frames(all_sentences, lexicon),
    }


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


def corpus_stages(
    partial: Tables, actor_list: pd.DataFrame, topic_list: pd.DataFrame
) -> list[tuple[str, Callable[[], pd.DataFrame]]]:
    """The corpus-level stages, each a named step that adds one table from the merged partials."""
    sentences = partial["sentences"]
    mentions = actors.actor_mentions(sentences, actor_list)
    resolved: dict[str, pd.DataFrame] = {}

    def resolve() -> pd.DataFrame:
        resolved["quotes"] = quotes.resolve_speakers(partial["quotes_found"], actor_list)
        return resolved["quotes"]

    return [
        ("terms", lambda: terms.distinctive_terms(partial["term_counts"])),
        ("tone", lambda: sentiment.tone_table(sentences, mentions)),
        ("tone_differences", lambda: sentiment.tone_differences(sentences)),
        ("quotes", resolve),
        ("share_of_voice", lambda: quotes.share_of_voice(resolved["quotes"])),
        ("shared_quotes", lambda: overlap.shared_quotes(resolved["quotes"])),
        ("alignment", lambda: overlap.align_sentences(sentences)),
        ("topics", lambda: overlap.topic_coverage(sentences, topic_list)),
        ("frames", lambda: frames.frame_table(partial["sentence_frames"], sentences)),
    ]


def partitions(articles: Sequence[Article], n_parts: int) -> list[list[Article]]:
    """Split articles into at most n_parts contiguous batches of near-equal size, in order."""
    n_parts = max(1, min(n_parts, len(articles)))
    size, extra = divmod(len(articles), n_parts)
    bounds = [0]
    for index in range(n_parts):
        bounds.append(bounds[-1] + size + (index < extra))
    return [list(articles[bounds[i] : bounds[i + 1]]) for i in range(n_parts)]


def _show_progress() -> bool:
    return sys.stderr.isatty()


def run_partitions_local(
    articles: Sequence[Article], lexicon: pd.DataFrame, workers: int
) -> list[Tables]:
    """Run the per-article stages in this process, or across `workers` processes."""
    batches = partitions(articles, workers * PARTITIONS_PER_WORKER if workers > 1 else 1)
    bar = tqdm(total=len(articles), desc="articles", unit="article", disable=not _show_progress())
    with bar:
        if workers <= 1:
            results = [analyze_partition(batch, lexicon) for batch in batches]
            bar.update(len(articles))
            return results
        results = []
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for batch, result in zip(
                batches,
                pool.map(analyze_partition, batches, [lexicon] * len(batches)),
                strict=True,
            ):
                results.append(result)
                bar.update(len(batch))
        return results


def default_workers(n_articles: int) -> int:
    """Processes for the local engine: all cores for large corpora, one for small ones."""
    return 1 if n_articles < 200 else max(1, os.cpu_count() or 1)


def check_comparable(corpus: Corpus) -> None:
    """Refuse a corpus with fewer than two outlets: there is nothing to compare."""
    if len(corpus.outlets) < 2:
        only = corpus.outlets[0] if corpus.outlets else "none"
        raise CorpusError(
            f"{corpus.root / 'manifest.csv'}: only one outlet ({only}); framing compares "
            "outlets, so add articles from at least one more"
        )


def analyze(
    corpus_dir: str | Path,
    lexicon_path: str | Path | None = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
) -> Tables:
    """Analyse a corpus folder and return every table, keyed by name (see `TABLE_NAMES`)."""
    if engine == "dask":
        from framing.distributed import run_partitions_dask

        corpus_dir = Path(corpus_dir)
        return run_partitions_dask(corpus_dir, lexicon_path, scheduler, finish=finish_analysis)
    corpus = load_corpus(corpus_dir)
    check_comparable(corpus)
    lexicon = frames.load_lexicon(lexicon_path)
    n_workers = default_workers(len(corpus.articles)) if workers is None else workers
    parts = run_partitions_local(corpus.articles, lexicon, n_workers)
    return finish_analysis(merge_partitions(parts), corpus.actors, corpus.topics, corpus.warnings)


def finish_analysis(
    partial: Tables, actor_list: pd.DataFrame, topic_list: pd.DataFrame, warnings: Sequence[str]
) -> Tables:
    """Run the corpus stages on merged partial tables and assemble the final tables."""
    tables: Tables = {
        "documents": partial["documents"],
        "lines": partial["lines"],
        "sentences": partial["sentences"],
        "sentence_frames": partial["sentence_frames"],
        "warnings": pd.DataFrame({"message": list(warnings)}, dtype=str),
    }
    stages = corpus_stages(partial, actor_list, topic_list)
    for name, stage in tqdm(
        stages, desc="corpus stages", unit="stage", disable=not _show_progress()
    ):
        tables[name] = stage()
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
    "doc_a",
    "doc_b",
    "file",
    "outlet",
    "title",
    "published",
    "text",
    "quote",
    "speaker",
    "side",
    "verb",
    "term",
    "scope",
    "topic",
    "frame",
    "message",
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
