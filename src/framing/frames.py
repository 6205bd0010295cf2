"""Find news frames in sentences with an editable lexicon, and profile them per article and outlet.

A frame is a way of telling a story (as a conflict, as an economic matter, as a question of
rights). The lexicon (`data/frames.csv`, documented in `data/FRAMES.md`) lists, per frame, the
words and phrases that signal it, each with a weight. Matching runs on `framing.tokenize`
tokens: a pattern word matches a whole token, a final `*` matches any ending, and the words of
a phrase must follow one another within a clause. In each sentence the longest pattern of a
frame wins, so a word is never counted twice for the same frame; one word may signal several
frames. Every count keeps the words that produced it, so each number leads back to sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from framing.tokenize import SentenceTokens, distinct_scans, split_tokens, tokenize

#: Columns a lexicon must have; `definition` and `source` are optional (once per frame).
LEXICON_COLUMNS = ("frame", "pattern", "weight")
DEFINITION_COLUMNS = ("definition", "source")
#: Columns of `sentence_frames`.
HIT_COLUMNS = ("doc_id", "outlet", "sent_id", "frame", "hits", "matched", "is_quote")
#: Columns of `frame_table`.
TABLE_COLUMNS = (
    "outlet",
    "doc_id",
    "frame",
    "hits",
    "n_sentences",
    "words",
    "per_1000_words",
    "share_from_quotes",
    "top_evidence_doc_id",
    "top_evidence_sent_id",
    "score",
    "present",
)
#: Columns of a per-article decision table (a trained model's, see `framing.frame_model`).
DECISION_COLUMNS = ("doc_id", "frame", "score", "present")
#: Weighted lexicon signals from which an article is taken to carry a frame: one stray word
#: is not a frame (measured on coded articles, see FRAMES.md).
MIN_HITS = 3.0
#: The doc_id of a `frame_table` row that sums all articles of its outlet.
OUTLET_ROW = "*"
#: Shortest stem before a `*` wildcard, so a pattern cannot match nearly every word.
MIN_STEM = 3


@dataclass(frozen=True)
class _Pattern:
    frame: str
    words: tuple[tuple[str, bool], ...]  # (token or stem, True when the stem ends in `*`)
    weight: float


def _parse_word(word: str) -> tuple[str, bool]:
    """One pattern word as (token, is_stem); raise ValueError when it is not one token."""
    stem = word[:-1].lower() if word.endswith("*") else word
    tokens = tokenize(stem)
    if "*" in stem or len(tokens) != 1:
        raise ValueError(
            f"{word!r} is not a single word; write lower-case words separated by single "
            "spaces, with `*` only at the end of a word"
        )
    if not word.endswith("*"):
        return tokens[0], False
    if tokens[0] != stem or len(stem) < MIN_STEM:
        raise ValueError(
            f"{word!r}: a `*` needs a stem of at least {MIN_STEM} letters written as the "
            "tokenizer writes words (lower case, no punctuation but inner - and ')"
        )
    return stem, True


def _parse_weight(value: object) -> float:
    """A pattern's weight: 1 when blank, else a finite number >= 0 (0: a blocking pattern)."""
    if isinstance(value, str) and not value.strip():
        return 1.0
    try:
        weight = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        weight = float("nan")
    if not (np.isfinite(weight) and weight >= 0):
        raise ValueError(f"weight {value!r} is not a number >= 0")
    return weight


class _Matcher:
    """A compiled lexicon: patterns indexed by their first word, and a per-token cache."""

    def __init__(self, rows: tuple[tuple[str, str, object], ...]) -> None:
        patterns: list[_Pattern] = []
        seen: dict[tuple[str, tuple[tuple[str, bool], ...]], int] = {}
        for number, (frame, pattern, weight) in enumerate(rows, start=2):
            try:
                name = str(frame).strip()
                if not name:
                    raise ValueError("blank frame name")
                words = tuple(_parse_word(word) for word in str(pattern).split())
                if not words:
                    raise ValueError("blank pattern")
                if (name, words) in seen:
                    raise ValueError(
                        f"pattern {pattern!r} of frame {name!r} repeats row {seen[name, words]}"
                    )
                seen[name, words] = number
                patterns.append(_Pattern(name, words, _parse_weight(weight)))
            except ValueError as error:
                raise ValueError(f"row {number}: {error}") from None
        self.patterns = tuple(patterns)
        self.rows = rows
        self._exact: dict[str, list[int]] = {}
        self._stems: dict[str, list[int]] = {}
        for index, item in enumerate(self.patterns):
            first, is_stem = item.words[0]
            (self._stems if is_stem else self._exact).setdefault(first, []).append(index)
        self._stem_lengths = sorted({len(stem) for stem in self._stems})
        frames = list(dict.fromkeys(item.frame for item in self.patterns))
        self.frame_rank = {frame: rank for rank, frame in enumerate(frames)}
        self._cache: dict[str, tuple[int, ...]] = {}

    def candidates(self, token: str) -> tuple[int, ...]:
        """Indexes of the patterns whose first word matches this token (cached per token)."""
        found = self._cache.get(token)
        if found is None:
            hits = list(self._exact.get(token, ()))
            for length in self._stem_lengths:
                if length > len(token):
                    break
                hits.extend(self._stems.get(token[:length], ()))
            found = self._cache[token] = tuple(sorted(hits))
        return found

    def matches(self, tokens: list[str], offset: int) -> list[tuple[int, int, int]]:
        """Every (pattern, start, end) occurrence in one clause's tokens, positions + offset.

        The tokens' cached candidates are looked up in one pass (most tokens start no pattern).
        """
        found = []
        for start, cached in enumerate(map(self._cache.get, tokens)):
            indexes = self.candidates(tokens[start]) if cached is None else cached
            for index in indexes:
                words = self.patterns[index].words
                end = start + len(words)
                if end <= len(tokens) and all(
                    tokens[start + k].startswith(word) if is_stem else tokens[start + k] == word
                    for k, (word, is_stem) in enumerate(words[1:], start=1)
                ):
                    found.append((index, start + offset, end + offset))
        return found


@lru_cache(maxsize=8)
def _compile(rows: tuple[tuple[str, str, object], ...]) -> _Matcher:
    return _Matcher(rows)


def _matcher(lexicon: pd.DataFrame, where: str = "lexicon") -> _Matcher:
    """The compiled form of a lexicon table, built once per distinct content."""
    missing = [column for column in LEXICON_COLUMNS if column not in lexicon.columns]
    if missing:
        raise ValueError(
            f"{where}: missing column(s) {', '.join(missing)}; a frame lexicon needs "
            f"{', '.join(LEXICON_COLUMNS)}"
        )
    rows = tuple(lexicon[list(LEXICON_COLUMNS)].itertuples(index=False, name=None))
    try:
        return _compile(rows)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


def load_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read the packaged frame lexicon, or a user's CSV with the same columns, and check it.

    Args:
        path: a CSV with columns frame, pattern, weight (blank weight: 1) and optionally
            definition and source (given on one row per frame); None for the packaged lexicon.

    Returns:
        One row per pattern: frame, pattern, weight (float), definition, source.

    Raises:
        ValueError: naming the file, the row and the problem (unreadable file, missing
            column, blank or malformed pattern, weight that is not a positive number, a
            repeated pattern, two different definitions or sources of one frame).
    """
    source = files("framing") / "data" / "frames.csv" if path is None else Path(path)
    try:
        with source.open(encoding="utf-8") as handle:
            table = pd.read_csv(handle, dtype=str, keep_default_na=False)
    except OSError as error:
        raise ValueError(f"{source}: cannot read the lexicon ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{source}: not UTF-8 text; save the lexicon as UTF-8 CSV") from None
    except pd.errors.ParserError as error:
        raise ValueError(f"{source}: not a valid CSV file ({error})") from None
    except pd.errors.EmptyDataError:
        raise ValueError(f"{source}: empty file; a lexicon needs a header row") from None
    table.columns = [str(column).strip().lower() for column in table.columns]
    matcher = _matcher(table, str(source))
    result = pd.DataFrame(
        {
            "frame": [item.frame for item in matcher.patterns],
            "pattern": [" ".join(str(pattern).split()) for _, pattern, _ in matcher.rows],
            "weight": [item.weight for item in matcher.patterns],
        }
    )
    for column in DEFINITION_COLUMNS:
        result[column] = table[column].str.strip() if column in table.columns else ""
        given = result[result[column] != ""].drop_duplicates(["frame", column])
        repeated = given[given["frame"].duplicated()]
        if not repeated.empty:
            frame = repeated["frame"].iloc[0]
            raise ValueError(
                f"{source}: frame {frame!r} has more than one {column}; give it on one row only"
            )
    return result


def frame_definitions(lexicon: pd.DataFrame) -> pd.DataFrame:
    """One row per frame, in lexicon order: frame, definition, source, n_patterns."""
    columns = [column for column in DEFINITION_COLUMNS if column in lexicon.columns]
    texts = (
        lexicon[["frame", *columns]]
        .replace("", np.nan)
        .groupby("frame", sort=False)
        .first()
        .reindex(columns=list(DEFINITION_COLUMNS))
        .fillna("")
    )
    counts = lexicon.groupby("frame", sort=False).size().rename("n_patterns")
    return texts.join(counts).reset_index()


def _in_names(capitals: list[bool]) -> list[bool]:
    """Which tokens belong to a capitalised name of two or more words ("Freedom Center").

    A sentence written mostly in capitals (a headline) has no such names: its capitals
    carry no information.
    """
    if sum(capitals) * 2 > len(capitals):
        return [False] * len(capitals)
    before, after = [False, *capitals][:-1], [*capitals, False][1:]
    return [
        capital and (previous or following)
        for capital, previous, following in zip(capitals, before, after, strict=True)
    ]


def _sentence_hits(sentence: SentenceTokens, matcher: _Matcher) -> list[tuple[str, float, str]]:
    """(frame, weighted hits, matched words) for one sentence, longest match first per frame.

    Matches inside a capitalised name (an organisation, a title, a programme: "National
    Security Council", "Privacy Policy") are not frame signals and are dropped; a pattern of
    weight 0 matches and covers its words without counting, so it blocks another sense of a
    shorter pattern ("plea deal" against `deal`).
    """
    tokens = sentence.tokens
    found: list[tuple[int, int, int]] = []
    for start, end in sentence.clauses():
        found.extend(matcher.matches(tokens[start:end], start))
    capitals = list(sentence.capitals)
    if capitals:
        capitals[0] = False  # the first word of a sentence is capitalised anyway
    names = _in_names(capitals)
    found = [m for m in found if not all(names[m[1] : m[2]])]
    if not found:
        return []
    patterns = matcher.patterns
    found.sort(key=lambda m: (m[1] - m[2], -patterns[m[0]].weight, m[1], m[0]))
    taken: dict[str, set[int]] = {}
    kept: dict[str, list[tuple[int, float, str]]] = {}
    for index, start, end in found:
        frame = patterns[index].frame
        used = taken.setdefault(frame, set())
        if used.isdisjoint(range(start, end)):
            used.update(range(start, end))
            words = " ".join(tokens[start:end])
            kept.setdefault(frame, []).append((start, patterns[index].weight, words))
    result = []
    for frame in sorted(kept, key=matcher.frame_rank.__getitem__):
        spans = sorted(span for span in kept[frame] if span[1] > 0)
        if spans:
            result.append((frame, sum(w for _, w, _ in spans), "|".join(t for _, _, t in spans)))
    return result


def sentence_frames(
    sentences: pd.DataFrame,
    lexicon: pd.DataFrame,
    scans: Sequence[SentenceTokens] | None = None,
) -> pd.DataFrame:
    """Frame hits of each sentence: the per-article stage behind every frame figure.

    Works on any set of sentences (one article, a partition, a corpus) and gives the same
    rows for a sentence whatever else is passed with it, so partitions can run in parallel;
    each distinct text is matched once (wire copy repeats sentences word for word).

    Args:
        sentences: doc_id, outlet, sent_id, text and (optional, default False) is_quote.
        lexicon: a table from `load_lexicon`; it is compiled once per distinct content.
        scans: the sentences' `framing.tokenize.scan`, when the per-article stage made them.

    Returns:
        One row per sentence and frame with at least one hit, in sentence order and then
        lexicon order: doc_id, outlet, sent_id, frame, hits (sum of the matched patterns'
        weights), matched (the matched words in text order, "|"-joined), is_quote.
    """
    matcher = _matcher(lexicon)
    quote_flags = (
        sentences["is_quote"].astype(bool)
        if "is_quote" in sentences.columns
        else pd.Series(False, index=sentences.index)
    )
    texts = [str(text) for text in sentences["text"].tolist()]
    found = {
        text: _sentence_hits(tokens, matcher)
        for text, tokens in distinct_scans(texts, scans).items()
    }
    rows = [
        (doc_id, outlet, sent_id, frame, hits, matched, is_quote)
        for doc_id, outlet, sent_id, text, is_quote in zip(
            sentences["doc_id"].tolist(),
            sentences["outlet"].tolist(),
            sentences["sent_id"].tolist(),
            texts,
            quote_flags.tolist(),
            strict=True,
        )
        for frame, hits, matched in found[text]
    ]
    table = pd.DataFrame(rows, columns=list(HIT_COLUMNS))
    return table.astype(
        {
            "doc_id": "str",
            "outlet": "str",
            "sent_id": "int64",
            "frame": "str",
            "hits": "float64",
            "matched": "str",
            "is_quote": "bool",
        }
    )


def _strongest_first(sentence_hits: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Hits sorted strongest first; ties go to the earlier article (corpus order) and sentence."""
    doc_order = {doc_id: rank for rank, doc_id in enumerate(pd.unique(sentences["doc_id"]))}
    ranked = sentence_hits.assign(_doc=sentence_hits["doc_id"].map(doc_order))
    return ranked.sort_values(
        ["hits", "_doc", "sent_id"], ascending=[False, True, True], kind="stable"
    )


def _profile(ranked: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Hits, sentences, quoted hits and the top sentence per group of `keys` + frame."""
    groups = ranked.assign(quote_hits=ranked["hits"].where(ranked["is_quote"], 0.0)).groupby(
        [*keys, "frame"], sort=False
    )
    return pd.DataFrame(
        {
            "hits": groups["hits"].sum(),
            "n_sentences": groups.size(),
            "quote_hits": groups["quote_hits"].sum(),
            "top_evidence_doc_id": groups["doc_id"].first(),
            "top_evidence_sent_id": groups["sent_id"].first(),
        }
    )


def _decide(table: pd.DataFrame, decisions: pd.DataFrame | None) -> pd.DataFrame:
    """Add score and present: each article's decision, and on outlet rows the share of its
    articles that carry the frame (score) and whether any does (present)."""
    articles = table["doc_id"] != OUTLET_ROW
    if decisions is None:
        score = table["hits"].astype(float)
        present = score >= MIN_HITS
    else:
        keyed = decisions.set_index(["doc_id", "frame"])
        index = pd.MultiIndex.from_frame(table[["doc_id", "frame"]])
        score = keyed["score"].reindex(index).fillna(0.0).to_numpy()
        present = keyed["present"].reindex(index).fillna(False).astype(bool).to_numpy()
        score, present = pd.Series(score, index=table.index), pd.Series(present, index=table.index)
    present = present & articles
    shares = present.groupby([table["outlet"], table["frame"]]).transform("sum") / articles.groupby(
        [table["outlet"], table["frame"]]
    ).transform("sum").clip(lower=1)
    return table.assign(
        score=score.where(articles, shares).astype(float),
        present=present.where(articles, shares > 0).astype(bool),
    )


def frame_table(
    sentence_hits: pd.DataFrame,
    sentences: pd.DataFrame,
    decisions: pd.DataFrame | None = None,
    tokens: pd.Series | None = None,
) -> pd.DataFrame:
    """How much each article and each outlet uses each frame, normalised by length.

    Every article and outlet gets a row for every frame found anywhere in the corpus (zero
    when absent), so outlets can be compared frame by frame. Outlet rows have doc_id "*" and
    pool the outlet's articles.

    Args:
        sentence_hits: the output of `sentence_frames` for these sentences.
        sentences: the sentences (doc_id, outlet, text), for the word counts.
        tokens: each sentence's `join_tokens`, when the per-article stage made them (then
            the words are counted from them, not tokenised again).

    Returns:
        outlet, doc_id, frame, hits (weighted), n_sentences (sentences carrying the frame),
        words (`framing.tokenize.tokenize` tokens of the article or outlet), per_1000_words
        (hits per 1,000 words), share_from_quotes (share of the hits in sentences that are
        mostly quotation; empty without hits), top_evidence_doc_id and top_evidence_sent_id
        (the sentence with the most hits, the first one on ties; empty without hits),
        score and present: the article carries the frame (lexicon: score is the weighted
        hits, present from MIN_HITS on; `decisions`, a trained model's doc_id, frame,
        score, present, replaces both); on outlet rows score is the share of the outlet's
        articles that carry the frame and present whether any does.
        Sorted by outlet, doc_id ("*" first) and frame.
    """
    source, split = (sentences["text"], tokenize) if tokens is None else (tokens, split_tokens)
    words = (
        sentences.assign(words=[len(split(str(value))) for value in source])
        .groupby(["outlet", "doc_id"], sort=True)["words"]
        .sum()
        .reset_index()
    )
    frames = sorted(sentence_hits["frame"].unique())
    ranked = _strongest_first(sentence_hits, sentences)
    outlet_words = words.groupby("outlet", sort=True)["words"].sum().reset_index()
    units = pd.concat([words, outlet_words.assign(doc_id=OUTLET_ROW)], ignore_index=True)
    grid = units.merge(pd.DataFrame({"frame": frames}, dtype="str"), how="cross")
    profiles = pd.concat(
        [
            _profile(ranked, ["outlet", "doc_id"]).reset_index(),
            _profile(ranked, ["outlet"]).reset_index().assign(doc_id=OUTLET_ROW),
        ],
        ignore_index=True,
    )
    table = grid.merge(profiles, on=["outlet", "doc_id", "frame"], how="left")
    table["n_sentences"] = table["n_sentences"].fillna(0).astype("int64")
    hits = table["hits"].fillna(0.0).astype("float64")
    table["hits"] = hits
    table["per_1000_words"] = (hits * 1000 / table["words"].where(table["words"] > 0)).fillna(0.0)
    table["share_from_quotes"] = table["quote_hits"] / hits.where(hits > 0)
    table["top_evidence_doc_id"] = table["top_evidence_doc_id"].astype("str")
    table["top_evidence_sent_id"] = table["top_evidence_sent_id"].astype("Int64")
    table["words"] = table["words"].astype("int64")
    table = _decide(table, decisions)
    table = table.assign(_article=table["doc_id"] != OUTLET_ROW).sort_values(
        ["outlet", "_article", "doc_id", "frame"], kind="stable"
    )
    return table[list(TABLE_COLUMNS)].reset_index(drop=True)


def frame_evidence(
    sentence_hits: pd.DataFrame, sentences: pd.DataFrame, frame: str, k: int = 5
) -> pd.DataFrame:
    """The sentences that carry a frame, strongest first, up to k per outlet.

    Returns:
        outlet, rank (1 = strongest in the outlet), doc_id, sent_id, line_no (when the
        sentences have it), hits, matched, is_quote, text; outlets sorted.
    """
    chosen = sentence_hits[sentence_hits["frame"] == frame]
    ranked = _strongest_first(chosen, sentences).groupby("outlet", sort=False).head(k)
    line = ["line_no"] if "line_no" in sentences.columns else []
    evidence = ranked.merge(
        sentences[["doc_id", "sent_id", *line, "text"]], on=["doc_id", "sent_id"], how="left"
    )
    evidence = evidence.sort_values("outlet", kind="stable").reset_index(drop=True)
    evidence.insert(1, "rank", evidence.groupby("outlet").cumcount() + 1)
    columns = ["outlet", "rank", "doc_id", "sent_id", *line, "hits", "matched", "is_quote", "text"]
    return evidence[columns]


def dominant_frames(frames_table: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, its frames ranked by use, with the difference to the other outlets.

    The other outlets' level is the plain mean of their per_1000_words, so each outlet counts
    once however much it published; empty when there is only one outlet.

    Returns:
        outlet, rank (1 = most used; ties by frame name), frame, hits, per_1000_words,
        others_per_1000_words, difference (per_1000_words - others_per_1000_words),
        top_evidence_doc_id, top_evidence_sent_id.
    """
    outlets = frames_table[frames_table["doc_id"] == OUTLET_ROW]
    totals = outlets.groupby("frame")["per_1000_words"].agg(["sum", "count"])
    joined = outlets.join(totals, on="frame")
    others = (joined["sum"] - joined["per_1000_words"]) / (joined["count"] - 1).where(
        joined["count"] > 1
    )
    result = outlets.assign(
        others_per_1000_words=others, difference=outlets["per_1000_words"] - others
    ).sort_values(["outlet", "per_1000_words", "frame"], ascending=[True, False, True])
    result.insert(1, "rank", result.groupby("outlet").cumcount() + 1)
    columns = [
        "outlet",
        "rank",
        "frame",
        "hits",
        "per_1000_words",
        "others_per_1000_words",
        "difference",
        "top_evidence_doc_id",
        "top_evidence_sent_id",
    ]
    return result[columns].reset_index(drop=True)
