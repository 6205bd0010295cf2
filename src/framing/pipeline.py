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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
from tqdm.auto import tqdm

from framing import (
    actors,
    events,
    frame_model,
    frames,
    loaded,
    overlap,
    quotes,
    sentiment,
    style,
    summary,
    terms,
)
from framing.clean import ARTICLE_LABELS, LabelledLine, label_article_rows, labels_frame
from framing.csvtables import write_csv
from framing.load import (
    Article,
    CorpusError,
    read_actors,
    read_article,
    read_input,
    read_topics,
)
from framing.quotes.finding import QUOTE_COLUMNS, typed
from framing.tokenize import (
    STOPWORDS,
    SentenceTokens,
    distinct_scans,
    join_tokens,
    scan,
    sentence_spans,
)

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
    "style_terms",
    "event_terms",
    "loaded_terms",
    "tone",
    "tone_differences",
    "sentence_actors",
    "quotes",
    "voice",
    "alignment",
    "alignment_counts",
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
#: The columns of `lines.csv`.
LINE_COLUMNS = ["doc_id", "file", "line_no", "label", "reason", "text"]
#: The columns of a batch's sentences before tone is scored.
SENTENCE_COLUMNS = ("doc_id", "outlet", "sent_id", "line_no", "text", "is_quote")
#: How a warning about a skipped article starts (`warnings.csv`, stderr, the first notebook).
SKIPPED_PREFIX = "skipped: "
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
    frame_model: frame_model.FrameModel | None = None


def load_resources(
    root: Path, lexicon_path: str | Path | None = None, frames_model: str | Path | None = None
) -> Resources:
    """The frame lexicon (packaged or `lexicon_path`), the trained frame model when given
    (`framing train-frames`; it replaces the lexicon), and the corpus's actors and topics."""
    model = frame_model.load(frames_model) if frames_model else None
    return Resources(frames.load_lexicon(lexicon_path), read_actors(root), read_topics(root), model)


def frame_hits(
    sentences: pd.DataFrame, resources: Resources, scans: Sequence[SentenceTokens] | None = None
) -> Tables:
    """Frame hits per sentence and, from a trained model, its per-article decisions; `scans`
    are the sentences' `framing.tokenize.scan`, when made beforehand."""
    if resources.frame_model is None:
        return {"sentence_frames": frames.sentence_frames(sentences, resources.lexicon, scans)}
    return {
        "sentence_frames": frame_model.sentence_frames(sentences, resources.frame_model),
        "article_frames": frame_model.article_decisions(sentences, resources.frame_model),
    }


def _published(article: Article, labels: list[LabelledLine]) -> str:
    """The manifest's date, else the capture's own date line as an ISO date, else ''."""
    if article.published:
        return article.published
    for text in (text for _, label, _, text in labels if label == "date"):
        parsed = pd.to_datetime(text.strip(), errors="coerce", format="mixed")
        if not pd.isna(parsed):
            return parsed.date().isoformat()
    return ""


def article_sentences(article: Article, labels: pd.DataFrame) -> pd.DataFrame:
    """Split the article's body and subhead lines into sentences (original characters)."""
    rows = labels[["line_no", "label", "reason", "text"]].itertuples(index=False, name=None)
    return _sentence_frame(article, _split(_body(list(rows))))


def _sentence_frame(article: Article, rows: list[tuple[int, str]]) -> pd.DataFrame:
    """One article's sentences table from its (line_no, text) rows."""
    return pd.DataFrame(
        {
            "doc_id": article.doc_id,
            "outlet": article.outlet,
            "sent_id": range(1, len(rows) + 1),
            "line_no": [line_no for line_no, _ in rows],
            "text": [text for _, text in rows],
        }
    )


def _body(rows: list[LabelledLine]) -> list[tuple[int, str]]:
    """(line_no, text) of the lines that make up the article (as `clean.article_lines`)."""
    return [(line_no, text) for line_no, label, _, text in rows if label in ARTICLE_LABELS]


def _split(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line_no, sentence) of each sentence of the article's lines, in order."""
    rows = []
    for line_no, text in body:
        text = text.strip()
        rows.extend((line_no, text[start:end]) for start, end in sentence_spans(text))
    return rows


class SkippedArticle(CorpusError):
    """An article the analyses cannot use (empty after cleaning, not English); `lines` holds its
    labelled lines (`clean.label_article_rows`) so the audit still shows them."""

    def __init__(self, message: str, lines: list[LabelledLine]) -> None:
        super().__init__(message)
        self.lines = lines


def _check_language(article: Article, tokens: list[str], labels: list[LabelledLine]) -> None:
    share = sum(map(STOPWORDS.__contains__, tokens)) / max(1, len(tokens))
    if share < MIN_ENGLISH_SHARE:
        raise SkippedArticle(
            f"{article.file}: the article does not look like English ({share:.0%} English "
            "function words); framing's lexicons are English-only, so remove it from the manifest",
            labels,
        )


@dataclass(frozen=True)
class CleanedArticle:
    """One article after cleaning, as plain data: its labelled lines (`label_article_rows`),
    its sentences as (line_no, text) in order, their tokens (each sentence's
    `framing.tokenize.scan`), and its `documents` row."""

    labels: list[LabelledLine]
    sentences: list[tuple[int, str]]
    scans: list[SentenceTokens]
    document: dict[str, object]


def _line_table(parts: Sequence[tuple[Article, list[LabelledLine]]]) -> pd.DataFrame:
    """`lines` of a batch: each article's labelled lines with its doc_id and file, in order
    (one table for the batch, none per article)."""
    if not parts:
        return pd.DataFrame(columns=LINE_COLUMNS)
    rows = [row for _, labels in parts for row in labels]
    table = labels_frame(rows)
    table.insert(0, "file", [article.file for article, labels in parts for _ in labels])
    table.insert(0, "doc_id", [article.doc_id for article, labels in parts for _ in labels])
    return table


def clean_and_split(article: Article) -> CleanedArticle:
    """Label one article's lines, split its sentences and describe it (a pure per-article stage).

    Raises `SkippedArticle` (with the labelled lines) when no English article text is left.
    """
    labels = label_article_rows(article)
    body = _body(labels)
    sentences = _split(body)
    if not sentences:
        raise SkippedArticle(
            f"{article.file}: no article text left after cleaning (every line looked like page "
            "furniture); check the capture with `framing clean`",
            labels,
        )
    scans = [scan(text) for _, text in sentences]
    words = [token for sentence in scans for token in sentence.tokens]
    _check_language(article, words, labels)
    titles = [text for _, label, _, text in labels if label == "title"]
    document = {
        "doc_id": article.doc_id,
        "file": article.file,
        "outlet": article.outlet,
        "title": article.title or next(iter(titles), "").strip(),
        "published": _published(article, labels),
        "n_lines": len(labels),
        "n_body_lines": len(body),
        "n_sentences": len(sentences),
        "n_words": len(words),
        "event": article.event,
    }
    return CleanedArticle(labels, sentences, scans, document)


def clean_article(article: Article) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, object]]:
    """`clean_and_split` as tables: the article's lines, its sentences and its description."""
    cleaned = clean_and_split(article)
    sentences = _sentence_frame(article, cleaned.sentences)
    return _line_table([(article, cleaned.labels)]), sentences, cleaned.document


def analyze_partition(
    articles: Sequence[Article],
    resources: Resources,
    strict: bool = False,
    notes: Sequence[str] = (),
) -> Tables:
    """Run the per-article stages over a batch of articles and return their partial tables.

    Pure in its inputs, so batches can run in any process or on any cluster worker; tone is
    scored once per distinct sentence text of the batch. An article with no English text
    left is skipped with a warning (its lines stay in `lines`), or refused when `strict`;
    `notes` are warnings found before (articles that could not be read). Each article is
    handled as plain data (lists of rows); every table is built once, for the whole batch.
    """
    line_parts: list[tuple[Article, pd.DataFrame]] = []
    documents, found_quotes, scans = [], [], []
    columns: dict[str, list] = {name: [] for name in SENTENCE_COLUMNS}
    notes = list(notes)
    for article in articles:
        notes.extend(article.notes)
        try:
            cleaned = clean_and_split(article)
        except SkippedArticle as skipped:
            if strict:
                raise
            notes.append(f"{SKIPPED_PREFIX}{skipped}")
            line_parts.append((article, skipped.lines))
            continue
        sent_ids = list(range(1, len(cleaned.sentences) + 1))
        line_nos = [line_no for line_no, _ in cleaned.sentences]
        texts = [text for _, text in cleaned.sentences]
        rows, is_quote = quotes.quote_rows(sent_ids, line_nos, texts)
        found_quotes.extend((article.doc_id, article.outlet, *row) for row in rows)
        line_parts.append((article, cleaned.labels))
        documents.append(cleaned.document)
        scans.extend(cleaned.scans)
        columns["doc_id"].extend([article.doc_id] * len(texts))
        columns["outlet"].extend([article.outlet] * len(texts))
        columns["sent_id"].extend(sent_ids)
        columns["line_no"].extend(line_nos)
        columns["text"].extend(texts)
        columns["is_quote"].extend(is_quote)
    audit = {
        "lines": _line_table(line_parts),
        "warnings": pd.DataFrame({"message": notes}, dtype=str),
    }
    if not documents:  # every article of the batch was skipped
        return {"documents": pd.DataFrame(), **audit}
    is_quote = pd.Series(columns.pop("is_quote"), dtype=bool)
    all_sentences = pd.DataFrame(columns)
    scores = sentiment.score_sentences(columns["text"])
    all_sentences = pd.concat([all_sentences, scores], axis=1)
    all_sentences["is_quote"] = is_quote
    found = resources.actors.empty or resources.topics.empty  # people found by name, once
    people, phrases = actors.sentence_names(all_sentences) if found else (None, None)
    tokens = [sentence.tokens for sentence in scans]
    return {
        "documents": pd.DataFrame(documents),
        **audit,
        "sentences": all_sentences,
        "quotes": typed(pd.DataFrame(found_quotes, columns=QUOTE_COLUMNS), QUOTE_COLUMNS),
        "term_counts": terms.count_terms(all_sentences, tokens),
        **frame_hits(all_sentences, resources, scans),
        "sentence_actors": actors.actor_mentions(all_sentences, resources.actors, people),
        "sentence_topics": overlap.sentence_topics(
            all_sentences, resources.topics, people, phrases
        ),
        "alignment_features": pd.DataFrame({"features": _features(columns["text"], scans)}),
        "sentence_tokens": pd.DataFrame({"tokens": list(map(join_tokens, tokens))}, dtype="str"),
    }


def _features(texts: list[str], scans: list[SentenceTokens]) -> list[str]:
    """`overlap.sentence_features` of each text from its scan, each distinct text once."""
    features = {
        text: overlap.scanned_features(tokens)
        for text, tokens in distinct_scans(texts, scans).items()
    }
    return [features[text] for text in texts]


def skipped_articles(warnings: pd.DataFrame) -> pd.DataFrame:
    """The articles an analysis skipped, from its warnings table: file and problem, one row each
    (the first notebook shows them; their lines are still in `lines`)."""
    messages = [m for m in warnings["message"] if m.startswith(SKIPPED_PREFIX)]
    pairs = [m.removeprefix(SKIPPED_PREFIX).partition(": ")[::2] for m in messages]
    return pd.DataFrame(pairs, columns=["file", "problem"])


def cleaned_articles(corpus_dir: str | Path) -> tuple[Path, list[tuple[Article, pd.DataFrame]]]:
    """The corpus's folder, and each of its articles with its sentences as `analyze` cleans them;
    articles `analyze` would skip are left out (what `evaluate-quotes` and `train-frames` read)."""
    root, manifest, _ = read_input(corpus_dir)
    cleaned = []
    for row in manifest.to_dict("records"):
        try:
            article = read_article(root, row)
            cleaned.append((article, clean_article(article)[1]))
        except CorpusError:  # unreadable, or skipped by cleaning, as in `analyze`
            continue
    return root, cleaned


def corpus_quotes(corpus_dir: str | Path) -> pd.DataFrame:
    """The quotes table of a corpus, as `analyze` finds it, for any number of outlets.

    Only reading, cleaning and the quote stages run, so a single article can be measured
    against its hand annotation (`framing evaluate-quotes`).
    """
    root, cleaned = cleaned_articles(corpus_dir)
    found = [quotes.find_quotes(sentences) for _, sentences in cleaned]
    return quotes.resolve_speakers(pd.concat(found, ignore_index=True), read_actors(root))


def corpus_texts(corpus_dir: str | Path) -> pd.DataFrame:
    """doc_id, file and cleaned text (its sentences joined) of every article of a corpus,
    as `analyze` sees them: what `framing train-frames` learns from."""
    rows = [
        (article.doc_id, article.file, " ".join(sentences["text"]))
        for article, sentences in cleaned_articles(corpus_dir)[1]
    ]
    return pd.DataFrame(rows, columns=["doc_id", "file", "text"])


def merge_partitions(parts: Iterable[Tables]) -> Tables:
    """Concatenate partial tables in partition order; term counts are summed.

    Batches whose articles were all skipped add only their lines and warnings; with no
    article analysed at all, only `documents` (empty), `lines` and `warnings` are returned.
    """
    parts = list(parts)
    analysed = [part for part in parts if not part["documents"].empty] or parts[:1]
    merged = {
        name: pd.concat([part[name] for part in analysed], ignore_index=True)
        for name in analysed[0]
        if name != "term_counts"
    }
    for name in ("lines", "warnings"):
        merged[name] = pd.concat([part[name] for part in parts], ignore_index=True)
    if "term_counts" in analysed[0]:
        merged["term_counts"] = terms.merge_counts(part["term_counts"] for part in analysed)
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
        (
            "terms",
            lambda t: style.terms_and_style(
                terms.distinctive_terms(partial["term_counts"]), t["sentences"], t["documents"]
            ),
        ),
        (
            "event_terms",
            lambda t: style.event_terms(t["sentences"], t["documents"], t["terms"]),
        ),
        ("sentence_actors", lambda t: actors.keep_actors(partial["sentence_actors"], has_actors)),
        ("tone", lambda t: sentiment.tone_table(t["sentences"], t["sentence_actors"])),
        ("tone_differences", lambda t: sentiment.tone_differences(t["sentences"])),
        ("quotes", lambda t: quotes.resolve_speakers(partial["quotes"], resources.actors)),
        ("voice", lambda t: quotes.share_of_voice(t["quotes"])),
        (
            "alignment",
            lambda t: overlap.align_sentences(
                t["sentences"],
                features=partial["alignment_features"]["features"],
                documents=t["documents"],
            ),
        ),
        (
            "alignment_counts",
            lambda t: overlap.alignment_counts(t["alignment"], t["sentences"], t["documents"]),
        ),
        ("shared_quotes", lambda t: overlap.shared_quotes(t["quotes"], t["documents"])),
        (
            "loaded_terms",
            lambda t: loaded.loaded_terms(
                t["sentences"], t["alignment"], t["documents"], partial["sentence_tokens"]["tokens"]
            ),
        ),
        ("sentence_topics", lambda t: overlap.keep_topics(partial["sentence_topics"], has_topics)),
        ("topics", lambda t: overlap.topic_coverage(t["sentence_topics"], t["sentences"])),
        (
            "frames",
            lambda t: frames.frame_table(
                t["sentence_frames"],
                t["sentences"],
                partial.get("article_frames"),
                partial["sentence_tokens"]["tokens"],
            ),
        ),
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


def analyze_rows(
    root: Path, rows: Sequence[Row], resources: Resources, strict: bool = False
) -> Tables:
    """Read a batch of manifest rows' articles and run the per-article stages (one task).

    An unreadable article (empty, binary, too large) is skipped with a warning unless `strict`.
    """
    articles, notes = [], []
    for row in rows:
        try:
            articles.append(read_article(root, row))
        except CorpusError as problem:
            if strict:
                raise
            notes.append(f"{SKIPPED_PREFIX}{problem}")
    return analyze_partition(articles, resources, strict, notes)


def show_progress() -> bool:
    """Progress bars only on a terminal, so logs (CI) stay clean."""
    return sys.stderr.isatty()


def run_partitions_local(
    root: Path, rows: Sequence[Row], resources: Resources, workers: int, strict: bool = False
) -> list[Tables]:
    """Run the per-article stages in this process, or across `workers` processes."""
    batches = partitions(rows, workers * PARTITIONS_PER_WORKER if workers > 1 else 1)
    bar = tqdm(total=len(rows), desc="articles", unit="article", disable=not show_progress())
    results = []
    with bar:
        if workers <= 1:
            for batch in batches:
                results.append(analyze_rows(root, batch, resources, strict))
                bar.update(len(batch))
            return results
        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [pool.submit(analyze_rows, root, batch, resources, strict) for batch in batches]
            for batch, job in zip(batches, jobs, strict=True):
                results.append(job.result())
                bar.update(len(batch))
        return results


def default_workers(n_articles: int) -> int:
    """Processes for the local engine: all cores for large corpora, one for small ones."""
    return 1 if n_articles < POOL_FROM else max(1, os.cpu_count() or 1)


def check_comparable(root: Path, manifest: pd.DataFrame, skipped: Sequence[str] = ()) -> None:
    """Refuse a corpus with fewer than two outlets: there is nothing to compare.

    `manifest` holds the articles left to analyse; `skipped` the warnings of those skipped,
    the first of which the message quotes, so the refusal says why outlets are missing.
    """
    outlets = sorted(manifest["outlet"].unique()) if len(manifest) else []
    if len(outlets) < 2:
        first = skipped[0].removeprefix(SKIPPED_PREFIX) if skipped else ""
        why = f" left after skipping {len(skipped)} article(s) ({first})" if skipped else ""
        which = f"only one outlet ({outlets[0]})" if outlets else "no outlet"
        raise CorpusError(
            f"{root / 'manifest.csv'}: {which}{why}; "
            "framing compares outlets, so add articles from at least one more"
        )


def analyze(
    corpus_dir: str | Path,
    lexicon_path: str | Path | None = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    strict: bool = False,
    columns: Mapping[str, str] | None = None,
    frames_model: str | Path | None = None,
) -> Tables:
    """Analyse a corpus folder and return every table, keyed by name (see `TABLE_NAMES`).

    Args:
        corpus_dir: folder with manifest.csv, the article files, optional actors.csv/topics.csv;
            or one export file (.csv, .jsonl, .parquet) with a text and an outlet column.
        lexicon_path: a frame lexicon CSV to use instead of the packaged one.
        frames_model: a model from `framing train-frames`, used instead of the lexicon.
        engine: "local" (this machine's cores) or "dask" (a Dask cluster; same tables).
        workers: processes for the local engine; default: one for small corpora, all cores
            from `POOL_FROM` articles on.
        scheduler: address of a running Dask scheduler; default: a local two-worker cluster.
        strict: refuse the corpus when any article is unreadable, empty, furniture-only or
            not English, instead of skipping that article with a warning.
        columns: for an export file, which of its columns hold text, outlet, title, ...
            (`framing.exports.COLUMN_CHOICES` lists the defaults).
    """
    root, manifest, warnings = read_input(corpus_dir, columns)
    check_comparable(root, manifest)
    resources = load_resources(root, lexicon_path, frames_model)
    rows = manifest.to_dict("records")
    if engine == "dask":
        from framing.distributed import run_partitions_dask

        parts = run_partitions_dask(root, rows, resources, scheduler, strict)
    else:
        n_workers = default_workers(len(rows)) if workers is None else workers
        parts = run_partitions_local(root, rows, resources, n_workers, strict)
    partial = merge_partitions(parts)
    del parts  # the merged tables replace the partitions' (half the memory of the corpus stages)
    skipped = [m for m in partial["warnings"]["message"] if m.startswith(SKIPPED_PREFIX)]
    check_comparable(root, partial["documents"], skipped)
    return finish_analysis(partial, warnings, resources)


def finish_analysis(partial: Tables, warnings: Sequence[str], resources: Resources) -> Tables:
    """Run the corpus stages on merged partial tables and assemble the final tables."""
    tables = first_tables(partial, warnings)
    stages = corpus_stages(partial, resources)
    for name, stage in tqdm(
        stages, desc="corpus stages", unit="stage", disable=not show_progress()
    ):
        run_stage(tables, name, stage)
    return {name: tables[name] for name in TABLE_NAMES}


def first_tables(partial: Tables, warnings: Sequence[str]) -> Tables:
    """The final tables the per-article stages give as they are, which the corpus stages read."""
    messages = list(warnings) + partial["warnings"]["message"].tolist()
    return {
        "documents": partial["documents"],
        "lines": partial["lines"],
        "sentences": partial["sentences"],
        "sentence_frames": partial["sentence_frames"],
        "warnings": pd.DataFrame({"message": messages}, dtype=str),
    }


def run_stage(tables: Tables, name: str, stage: Stage) -> None:
    """Run one corpus stage and add its table (or tables) to `tables`."""
    result = stage(tables)
    tables.update(result if isinstance(result, dict) else {name: result})


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
            write_csv(table, staging / f"{name}.csv")
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
    "event",
    "kind",
    "source",
    "other_outlet",
    "other_doc_id",
    "other_wording",
)


class TableFolder(Mapping[str, pd.DataFrame]):
    """The tables of a folder `framing analyze` wrote, each read when first looked up: a
    notebook pays the time and memory of the tables it shows only."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._read: Tables = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(name)
        if name not in self._read:
            self._read[name] = pd.read_csv(
                self.folder / f"{name}.csv",
                keep_default_na=False,
                na_values=[""],
                dtype={column: str for column in TEXT_COLUMNS},
            )
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(TABLE_NAMES)

    def __len__(self) -> int:
        return len(TABLE_NAMES)


def read_tables(tables_dir: str | Path) -> Mapping[str, pd.DataFrame]:
    """The tables `framing analyze` wrote (a `TableFolder`: each read when first looked up)."""
    folder = Path(tables_dir)
    missing = [name for name in TABLE_NAMES if not (folder / f"{name}.csv").is_file()]
    if missing:
        raise CorpusError(
            f"{folder}: not a complete analysis (missing {', '.join(missing)}.csv); "
            "run `framing analyze` again"
        )
    return TableFolder(folder)


def load_tables(corpus: str | Path, tables: str | Path = "") -> Mapping[str, pd.DataFrame]:
    """The tables for a notebook: read from `tables` if given, else analyse `corpus` now."""
    if tables:
        return read_tables(tables)
    return analyze(corpus)
