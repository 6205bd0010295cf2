"""Loaded language: strongly connoted words an outlet uses where the other outlets do not.

Distinctive terms rank words by how much more often an outlet uses them, so a charged word
used once ("slammed", "so-called", "bombastic") never shows, although that is where word
choice frames an event. Here each word is weighed by its connotation and by how much of its
use is this outlet's own:

- connotation: the absolute valence of the word in VADER's lexicon (Hutto & Gilbert 2014,
  read from the installed `vadersentiment` package, MIT licence), scaled to 0..1, or a fixed
  strength for the words of `data/loaded.csv` (dysphemisms, labels, intensifying adverbs;
  written for this package, see `data/LOADED.md`). Inflected forms are folded onto their
  base word ("slammed" -> "slam").
- exclusivity: the outlet's rate of the word against the other outlets' rate in the same
  event, so that a word every outlet uses carries no weight however strong it is.

Each row keeps the sentence where the outlet used the word (the strongest, outside quotations
first: loaded language in the outlet's own voice), and, where `alignment` pairs that sentence
with one of another outlet, the other outlet's sentence and the words it used instead.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import numpy as np
import pandas as pd

from framing.events import sentence_events
from framing.paraphrase import SHARED_RELATIONS, ragged
from framing.tokenize import content_tokens, is_stopword, split_tokens, tokenize

#: Connotation given to a word of `data/loaded.csv` (VADER's |valence| / 4 if higher).
LISTED_STRENGTH = 0.6
#: Weakest connotation kept: VADER |valence| of 1.6 out of 4.
MIN_STRENGTH = 0.4
#: Least share of the word's use (by rate) that must be this outlet's own.
MIN_EXCLUSIVITY = 0.75
#: Largest VADER valence, for scaling to 0..1.
VADER_MAX = 4.0
#: The event of every article when `documents` has no `event` column, and of pooled rows.
ALL_EVENTS = "*"
#: Words of another outlet's aligned sentence shown as its wording.
OTHER_WORDS = 8
COLUMNS = [
    "event",
    "outlet",
    "term",
    "count",
    "count_rest",
    "strength",
    "exclusivity",
    "score",
    "source",
    "doc_id",
    "sent_id",
    "is_quote",
    "other_outlet",
    "other_doc_id",
    "other_sent_id",
    "other_wording",
]


@lru_cache(maxsize=1)
def connotations() -> dict[str, tuple[float, str]]:
    """Word -> (strength 0..1, source): VADER's lexicon, raised by the package's own list."""
    found: dict[str, tuple[float, str]] = {}
    vader = files("vaderSentiment") / "vader_lexicon.txt"
    for line in vader.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha() and not is_stopword(parts[0]):
            found[parts[0]] = (min(1.0, abs(float(parts[1])) / VADER_MAX), "vader")
    listed = pd.read_csv(files("framing") / "data" / "loaded.csv", dtype=str)
    for word in listed["word"].str.strip().str.lower():
        if found.get(word, (0.0, ""))[0] < LISTED_STRENGTH:
            found[word] = (LISTED_STRENGTH, "framing")
    return found


def _bases(token: str) -> list[str]:
    """The token and the base forms an inflection may hide ("slammed" -> "slam")."""
    forms = [token]
    for ending in ("ing", "ed", "es", "s", "d", "ly", "er", "est"):
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            stem = token[: -len(ending)]
            forms += [stem, stem + "e"]
            if len(stem) > 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])
    return forms


@lru_cache(maxsize=1 << 16)
def connotation(token: str) -> tuple[float, str]:
    """(strength 0..1, source) of one token, through its base forms; (0, "") when neutral."""
    table = connotations()
    return next((table[form] for form in _bases(token) if form in table), (0.0, ""))


def _uses(
    sentences: pd.DataFrame, owners: np.ndarray, codes: np.ndarray, words: list[str]
) -> pd.DataFrame:
    """One row per use of a connoted word: outlet, doc_id, sent_id, is_quote, term, strength.
    `owners` and `codes`: the sentence (position in `sentences`) and word (in `words`) of
    every token. Each distinct word is looked up once; rows are made only for the uses found.
    """
    quoted = (
        sentences["is_quote"].astype(bool)
        if "is_quote" in sentences.columns
        else pd.Series(False, index=sentences.index)
    ).tolist()
    event, outlet, doc_id, sent_id = (
        sentences[name].tolist() for name in ("event", "outlet", "doc_id", "sent_id")
    )
    found = [(0.0, "") if is_stopword(word) else connotation(word) for word in words]
    strong = np.array([strength >= MIN_STRENGTH for strength, _ in found], bool)
    at = np.flatnonzero(strong[codes]) if len(codes) else np.zeros(0, np.int64)
    rows = [
        (event[i], outlet[i], doc_id[i], sent_id[i], bool(quoted[i]), words[code], *found[code])
        for i, code in zip(owners[at].tolist(), codes[at].tolist(), strict=True)
    ]
    columns = ["event", "outlet", "doc_id", "sent_id", "is_quote", "term", "strength", "source"]
    return pd.DataFrame(rows, columns=columns)


def sentence_tokens(
    texts: pd.Series, tokens: pd.Series | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(sentence, code) of every token of every text, in order, and the distinct tokens the
    codes number. Each distinct text is tokenised once (sentences repeat across articles and
    the event scopes share them), and no token list is kept per sentence. `tokens`: the
    texts' `join_tokens`, when the per-article stage made them (then nothing is tokenised)."""
    source, split = (texts, tokenize) if tokens is None else (tokens, split_tokens)
    ids, distinct = pd.factorize(pd.Series(source.tolist(), dtype=object), use_na_sentinel=False)
    vocabulary: dict[str, int] = {}
    flat: list[int] = []
    indptr = [0]
    for value in distinct:
        flat.extend(vocabulary.setdefault(token, len(vocabulary)) for token in split(str(value)))
        indptr.append(len(flat))
    owners, positions = ragged(np.array(indptr, np.int64), ids.astype(np.int64))
    return owners, np.array(flat, np.int64)[positions], list(vocabulary)


def _score(uses: pd.DataFrame, words: pd.DataFrame) -> pd.DataFrame:
    """Counts, exclusivity and score of each (event, outlet, term), with its evidence sentence."""
    counts = uses.groupby(["event", "outlet", "term"], as_index=False).agg(
        count=("doc_id", "size"), strength=("strength", "max"), source=("source", "first")
    )
    totals = counts.groupby(["event", "term"])["count"].transform("sum")
    counts["count_rest"] = totals - counts["count"]
    counts = counts.merge(words, on=["event", "outlet"], how="left")
    rest_words = (counts["event_words"] - counts["words"]).clip(lower=1)
    own_rate = counts["count"] / counts["words"].clip(lower=1)
    rest_rate = counts["count_rest"] / rest_words
    counts["exclusivity"] = own_rate / (own_rate + rest_rate)
    counts["score"] = counts["strength"] * counts["exclusivity"]
    # Evidence: the outlet's own voice before quotations, then the earliest use.
    first = uses.sort_values(["is_quote", "doc_id", "sent_id"], kind="stable").drop_duplicates(
        ["event", "outlet", "term"]
    )
    return counts.merge(
        first[["event", "outlet", "term", "doc_id", "sent_id", "is_quote"]],
        on=["event", "outlet", "term"],
        how="left",
    )


def _other_wording(table: pd.DataFrame, alignment: pd.DataFrame, sentences: pd.DataFrame) -> None:
    """Add the best-aligned sentence of another outlet and the words it used instead (in place)."""
    columns = ["doc_a", "sent_a", "outlet_b", "doc_b", "sent_b", "similarity"]
    near = alignment.loc[alignment["doc_a"].isin(table["doc_id"].unique()), [*columns, "relation"]]
    evidence = pd.MultiIndex.from_frame(table[["doc_id", "sent_id"]])
    keys = pd.MultiIndex.from_arrays([near["doc_a"], near["sent_a"]])
    shared = near.loc[keys.isin(evidence) & near["relation"].isin(SHARED_RELATIONS), columns]
    shared = shared.sort_values("similarity", ascending=False, kind="stable")
    best = shared.drop_duplicates(["doc_a", "sent_a"]).rename(
        columns={
            "doc_a": "doc_id",
            "sent_a": "sent_id",
            "outlet_b": "other_outlet",
            "doc_b": "other_doc_id",
            "sent_b": "other_sent_id",
        }
    )[["doc_id", "sent_id", "other_outlet", "other_doc_id", "other_sent_id"]]
    joined = table[["doc_id", "sent_id"]].merge(best, on=["doc_id", "sent_id"], how="left")
    text = sentences.set_index(["doc_id", "sent_id"])["text"]
    wording = []
    for row in joined.itertuples():
        if pd.isna(row.other_doc_id):
            wording.append("")
            continue
        own = set(content_tokens(str(text.get((row.doc_id, row.sent_id), ""))))
        other = text.get((row.other_doc_id, int(row.other_sent_id)), "")
        instead = [t for t in dict.fromkeys(content_tokens(str(other))) if t not in own]
        wording.append(" ".join(instead[:OTHER_WORDS]))
    for column in ("other_outlet", "other_doc_id", "other_sent_id"):
        table[column] = joined[column].to_numpy()
    table["other_wording"] = wording


def loaded_terms(
    sentences: pd.DataFrame,
    alignment: pd.DataFrame,
    documents: pd.DataFrame,
    tokens: pd.Series | None = None,
) -> pd.DataFrame:
    """Each outlet's loaded words per event (and pooled, when there are events).

    Args:
        sentences: doc_id, outlet, sent_id, text, is_quote (the `sentences` table).
        alignment: the `alignment` table (doc_a, sent_a, doc_b, outlet_b, sent_b, similarity,
            relation), for the other outlets' wording of the same sentence.
        documents: the `documents` table; an `event` column, where given, splits the corpus.
        tokens: each sentence's `join_tokens`, when the per-article stage made them.

    Returns:
        One row per event, outlet and word with strength >= MIN_STRENGTH and exclusivity >=
        MIN_EXCLUSIVITY: the columns of `COLUMNS`; event "*" pools the whole corpus (the only
        event when documents has no `event` column). Sorted by event, outlet, score (highest
        first) and term.
    """
    events = sentences.assign(event=sentence_events(sentences, documents, ALL_EVENTS))
    scopes = [events]
    if (events["event"] != ALL_EVENTS).any():
        scopes.append(events.assign(event=ALL_EVENTS))
    owners, codes, vocabulary = sentence_tokens(sentences["text"], tokens)
    counts = np.bincount(owners, minlength=len(sentences))
    parts = []
    for scope in scopes:
        counted = scope.assign(words=counts)
        words = counted.groupby(["event", "outlet"], as_index=False)["words"].sum()
        words["event_words"] = words.groupby("event")["words"].transform("sum")
        uses = _uses(scope, owners, codes, vocabulary)
        if not uses.empty:
            parts.append(_score(uses, words))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    table = table[table["exclusivity"] >= MIN_EXCLUSIVITY].reset_index(drop=True)
    table["strength"] = table["strength"].round(4)
    table["exclusivity"] = table["exclusivity"].round(4)
    table["score"] = (table["strength"] * table["exclusivity"]).round(4)
    _other_wording(table, alignment, sentences)
    table["other_sent_id"] = table["other_sent_id"].astype("Int64")
    table = table.sort_values(
        ["event", "outlet", "score", "term"], ascending=[True, True, False, True], kind="stable"
    )
    return table[COLUMNS].reset_index(drop=True).astype({"count_rest": "int64", "count": "int64"})
