"""What outlets share and what each reports alone: aligned sentences, shared quotes, topics.

Sentences are compared across outlets (never within one) by the cosine similarity of TF-IDF
vectors of their stemmed content words and content-word bigrams, so a reworded sentence
("the talks were tense" / "tense talks") still meets its counterpart. The similarity matrix
is never built whole: candidates are the sentences that share a feature, found by a sparse
product in row chunks, and only each sentence's best counterpart in each other outlet is kept
(sparse top-k). On large corpora the search is bounded (rarest features, capped posting
lists, a shortlist per outlet), so it grows linearly with the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from framing import paraphrase
from framing.actors import TITLE_WORDS, Mention, name_phrases, sentence_names
from framing.paraphrase import RELATIONS, SHARED_RELATIONS, chunk_map, run_ranks, stem
from framing.terms import sentence_terms
from framing.tokenize import SentenceTokens, is_stopword, normalize_text, scan, tokenize

#: Up to this many sentences every candidate pair is scored; above, the search is bounded.
EXACT_MAX_SENTENCES = 20_000
#: Bounded search: a sentence proposes candidates through its rarest features only, ...
RARE_FEATURES = 3
#: ... a feature lists at most this many sentences of each outlet, ...
POSTINGS_PER_OUTLET = 10
#: ... and the cosine is computed for this many candidates per sentence and outlet.
SHORTLIST = 3
#: Bounded, a search stays as wide as for this many outlets however many there are: a feature
#: lists at most `POSTINGS_PER_OUTLET` times as many sentences in all, and a sentence is
#: scored against at most `SHORTLIST` times one fewer candidates in all (the ones sharing
#: the most features), so the cost per sentence does not grow with the number of outlets.
BOUNDED_OUTLETS = 5
#: The same-fact score is computed for this many most similar candidates per sentence and outlet.
RESCORED = 10
#: At most this many counterparts of a sentence in one outlet are listed as shared (the
#: best first): an outlet repeating a fact in several articles is shown, not all repeats.
SHARED_PER_OUTLET = 3
#: Candidate products held in memory at once.
CHUNK_BUDGET = 1_000_000
#: Weight of names against other words in the similarity, and the mark names carry.
NAME_WEIGHT = 0.5
NAME_MARK = "@"
#: A quote counts as used by two outlets from this share of the shorter one's words.
QUOTE_CONTAINMENT = 0.6
#: Without a topics.csv, this many of the most mentioned name phrases stand in for topics.
FOUND_TOPICS = 25
ALIGNMENT_COLUMNS = [
    "doc_a",
    "outlet_a",
    "sent_a",
    "doc_b",
    "outlet_b",
    "sent_b",
    "similarity",
    "relation",
]


def sentence_features(text: str) -> str:
    """What the similarity compares, tab-separated: see `_features`; per sentence, so the
    per-article stage can compute it in parallel."""
    return scanned_features(scan(text))


def scanned_features(sentence: SentenceTokens) -> str:
    """`sentence_features` of a sentence's `framing.tokenize.scan`, made beforehand."""
    return "\t".join(_features(sentence))


def _features(sentence: SentenceTokens) -> list[str]:
    """Stemmed content words and their adjacent bigrams: what the similarity compares.

    Words capitalised inside the sentence (names) are marked with a leading `NAME_MARK`, so
    that `sentence_vectors` can weigh them down: two sentences naming the same people are not
    yet reporting the same fact.
    """
    stems: list[tuple[str, bool]] = []  # (stem, is a name)
    for index, (token, capital) in enumerate(zip(sentence.tokens, sentence.capitals, strict=True)):
        if not is_stopword(token):
            stems.append((stem(token), index > 0 and capital))
    return [NAME_MARK + word if name else word for word, name in stems] + [
        f"{NAME_MARK}{a} {b}" if a_name and b_name else f"{a} {b}"
        for (a, a_name), (b, b_name) in pairwise(stems)
    ]


def sentence_vectors(
    texts: Sequence[str] | pd.Series, features: Sequence[str] | pd.Series | None = None
) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf) of the sentences' stems and stem bigrams.

    `features`, when given, are the texts' `sentence_features`, computed beforehand. Name
    features (all-name bigrams included) are scaled by `NAME_WEIGHT` before the rows are
    normalised.
    """
    if features is None:
        features = [sentence_features(text) for text in texts]
    vectorizer = TfidfVectorizer(
        analyzer=_split_features, sublinear_tf=True, norm=None, dtype=np.float32
    )
    try:
        vectors = vectorizer.fit_transform(features).tocsr()
    except ValueError:  # not a single feature (every sentence empty of content words)
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
    names = np.char.startswith(vectorizer.get_feature_names_out().astype(str), NAME_MARK)
    vectors = vectors @ sparse.diags(np.where(names, NAME_WEIGHT, 1.0).astype(np.float32))
    return normalize(vectors.tocsr())


def _split_features(features: str) -> list[str]:
    return features.split("\t") if features else []


def _search_matrices(
    vectors: sparse.csr_matrix, groups: np.ndarray, bounded: bool
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Binary (sentence x feature) matrices whose product proposes the candidate pairs.

    Only features of at least two sentences can join two. Bounded, each sentence proposes
    through its `RARE_FEATURES` rarest features, and each feature lists at most
    `POSTINGS_PER_OUTLET` sentences of each outlet (the first in corpus order), and at most
    `BOUNDED_OUTLETS` times that in all (the first of each outlet before the second).
    """
    binary = (vectors > 0).astype(np.float32).tocsc()
    df = np.diff(binary.indptr)
    binary = binary[:, np.flatnonzero(df >= 2)].tocoo()
    df = df[df >= 2]
    if not bounded:
        matrix = binary.tocsr()
        return matrix, matrix
    rows, cols = binary.row.astype(np.int64), binary.col.astype(np.int64)
    order = np.lexsort((cols, df[cols], rows))
    keep = order[run_ranks(rows[order]) < RARE_FEATURES]
    proposing = sparse.csr_matrix(
        (np.ones(len(keep), np.float32), (rows[keep], cols[keep])), shape=binary.shape
    )
    order = np.lexsort((rows, groups[rows], cols))
    order = order[run_ranks(cols[order], groups[rows[order]]) < POSTINGS_PER_OUTLET]
    rank = run_ranks(cols[order], groups[rows[order]])
    order = order[np.lexsort((rows[order], rank, cols[order]))]
    keep = order[run_ranks(cols[order]) < POSTINGS_PER_OUTLET * BOUNDED_OUTLETS]
    listed = sparse.csr_matrix(
        (np.ones(len(keep), np.float32), (rows[keep], cols[keep])), shape=binary.shape
    )
    return proposing, listed


def _best_first(
    rows: np.ndarray,
    groups: np.ndarray,
    scores: np.ndarray,
    cols: np.ndarray,
    first: np.ndarray | None = None,
) -> np.ndarray:
    """The order of `np.lexsort((cols, -scores, groups, rows))`: by row, group, score (highest
    first), then column, for float32 scores of at least 0, whose bits then sort as their
    values do; with `first`, by its values (highest first) before the scores. Row and group,
    score and column are packed in one key each, which sorts almost twice as fast."""
    n_groups = int(groups.max()) + 1 if len(groups) else 1
    bits = scores.astype(np.float32, copy=False).view(np.uint32).astype(np.uint64)
    minor = ((np.uint64(0xFFFFFFFF) - bits) << np.uint64(32)) | cols.astype(np.uint64)
    major = rows * n_groups + groups
    return np.lexsort((minor, major) if first is None else (minor, -first, major))


def _chunks(products: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges of about `CHUNK_BUDGET` candidate products each (at least one row)."""
    chunk = (np.cumsum(products) // CHUNK_BUDGET).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, chunk[1:] != chunk[:-1]]) if len(chunk) else []
    return list(pairwise([*map(int, starts), len(products)]))


def best_counterparts(
    vectors: sparse.csr_matrix, groups: np.ndarray, per_group: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, similarity): each row's `per_group` most similar rows in every other group.

    Candidates share at least one feature; their similarity is the full cosine of the
    vectors. Up to `EXACT_MAX_SENTENCES` rows every candidate is scored, so the result is
    exact. Above, or with more rows and groups than `BOUNDED_OUTLETS` outlets of that many
    rows, the search is bounded (see `_search_matrices`) and only each row's `SHORTLIST`
    candidates per group sharing the most features are scored, at most `SHORTLIST` times
    `BOUNDED_OUTLETS - 1` in all: time and memory grow linearly with the corpus, not with the
    number of groups. Rows go in chunks, side by side (`chunk_map`); ties go to the lower
    column; results are sorted by row, group, then similarity (highest first).
    """
    n = vectors.shape[0]
    others = len(np.unique(groups)) - 1
    bounded = n > EXACT_MAX_SENTENCES or n * others > EXACT_MAX_SENTENCES * (BOUNDED_OUTLETS - 1)
    proposing, listed = _search_matrices(vectors, groups, bounded)
    transposed = listed.T.tocsr()
    postings = np.diff(transposed.indptr).astype(float)

    def best_of_chunk(span: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        start, stop = span
        block = (proposing[start:stop] @ transposed).tocoo()
        rows = block.row.astype(np.int64) + start
        cols = block.col.astype(np.int64)
        shared = block.data
        keep = groups[rows] != groups[cols]
        rows, cols, shared = rows[keep], cols[keep], shared[keep]
        if bounded:
            order = _best_first(rows, groups[cols], shared, cols)
            order = order[run_ranks(rows[order], groups[cols[order]]) < SHORTLIST]
            order = order[
                np.lexsort((cols[order], groups[cols[order]], -shared[order], rows[order]))
            ]
            order = order[run_ranks(rows[order]) < SHORTLIST * (BOUNDED_OUTLETS - 1)]
            rows, cols = rows[order], cols[order]
        sims = np.asarray(vectors[rows].multiply(vectors[cols]).sum(axis=1)).ravel()
        order = _best_first(rows, groups[cols], sims, cols)
        rows, cols, sims = rows[order], cols[order], sims[order]
        first = run_ranks(rows, groups[cols]) < per_group
        return rows[first], cols[first], sims[first]

    found = chunk_map(best_of_chunk, _chunks(proposing @ postings) if n else [])
    if not found:
        return np.array([], np.int64), np.array([], np.int64), np.array([], np.float32)
    return tuple(np.concatenate(part) for part in zip(*found, strict=True))


def counterparts_within(
    vectors: sparse.csr_matrix, groups: np.ndarray, blocks: np.ndarray, per_group: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`best_counterparts` searched inside each block (event) only, one block at a time.

    Rows of different blocks are never paired, and memory follows the largest block, not
    the corpus. Returns (row, column, similarity) in the rows' numbering.
    """
    found = []
    for block in np.unique(blocks):
        index = np.flatnonzero(blocks == block)
        if len(np.unique(groups[index])) < 2:
            continue
        rows, cols, sims = best_counterparts(vectors[index], groups[index], per_group)
        found.append((index[rows], index[cols], sims))
    if not found:
        return np.array([], np.int64), np.array([], np.int64), np.array([], np.float32)
    return tuple(np.concatenate(part) for part in zip(*found, strict=True))


def sentence_events(sentences: pd.DataFrame, documents: pd.DataFrame | None) -> np.ndarray:
    """The event of each sentence, from its article's `event` in `documents` ("" without)."""
    if documents is None or "event" not in documents.columns:
        return np.full(len(sentences), "", dtype=object)
    events = documents.set_index("doc_id")["event"].astype(str)
    return sentences["doc_id"].map(events).fillna("").to_numpy(dtype=object)


def _counterparts(
    frame: pd.DataFrame, vectors: sparse.csr_matrix, codes: np.ndarray, index: np.ndarray
) -> dict[str, np.ndarray] | None:
    """Within one event (rows `index`): in each other outlet, a sentence's candidate
    counterparts that share a fact with it (`SHARED_PER_OUTLET` at most), or, where none does,
    its best unique one. Best is `same` before `partial`, then the highest same-fact score,
    then cosine, then the lower row.

    A fact an outlet reports twice (a follow-up, a summary) has two counterparts, and both are
    kept: keeping only the best would hide the other behind a verbatim repeat. Profiles are
    built for this event only, so memory follows the largest event.
    """
    if len(np.unique(codes[index])) < 2:
        return None
    rows, cols, sims = best_counterparts(vectors[index], codes[index], RESCORED)
    scores, found = paraphrase.same_fact(frame["text"].iloc[index], rows, cols)
    rows, cols = index[rows], index[cols]
    order = _best_first(rows, codes[cols] * 2 + (found == "unique"), sims, cols, first=scores)
    rank = run_ranks(rows[order], codes[cols[order]])
    keep = order[(rank == 0) | ((found[order] != "unique") & (rank < SHARED_PER_OUTLET))]
    return {
        "row": rows[keep],
        "col": cols[keep],
        "similarity": sims[keep],
        "same_fact": scores[keep],
        "relation": found[keep],
    }


def align_sentences(
    sentences: pd.DataFrame,
    features: Sequence[str] | pd.Series | None = None,
    documents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For every sentence, its counterparts in the other outlets of its event, and their
    relation.

    `features`: the sentences' `sentence_features`, when the per-article stage computed them.
    `documents`: the documents table with its `event` column; sentences of different events
    are never compared (without it the corpus is one event). Candidates are each sentence's
    `RESCORED` most similar sentences (TF-IDF cosine) in each other outlet; each is given its
    relation (`same`, `partial` or `unique`, see `framing.paraphrase`).

    Returns:
        doc_a, outlet_a, sent_a, doc_b, outlet_b, sent_b, similarity (cosine), relation,
        event, same_fact (the score). Per sentence: a row for every candidate that shares a
        fact with it (`same` or `partial`; an outlet may report it twice; at most
        `SHARED_PER_OUTLET` per outlet), and one for its
        most similar `unique` counterpart in the outlets that share nothing with it (the near
        miss); a sentence of an event other outlets covered that has no counterpart at all
        gets one row with empty doc_b, sent_b 0, similarity 0, relation `unique` and the
        first other outlet as outlet_b. Rows of one sentence and outlet go `same` before
        `partial`, then by same-fact score, cosine and counterpart. So the table grows with
        the shared pairs, not with sentences x outlets; `alignment_counts` counts the rest
        per pair of outlets.
    """
    frame = sentences.reset_index(drop=True)
    if frame.empty:
        return pd.DataFrame(columns=[*ALIGNMENT_COLUMNS, "event", "same_fact"])
    outlets = sorted(frame["outlet"].unique())
    codes = frame["outlet"].map({outlet: i for i, outlet in enumerate(outlets)}).to_numpy()
    events = sentence_events(frame, documents)
    vectors = sentence_vectors(frame["text"], features)
    found = [
        _counterparts(frame, vectors, codes, np.flatnonzero(events == event))
        for event in np.unique(events)
    ]
    found = [part for part in found if part is not None]
    matched = {
        key: np.concatenate([part[key] for part in found]) if found else np.array([], kind)
        for key, kind in (
            ("row", np.int64),
            ("col", np.int64),
            ("similarity", np.float32),
            ("same_fact", float),
            ("relation", object),
        )
    }
    del found, vectors  # the parts are concatenated: released before the table is built
    return _kept_pairs(frame, codes, outlets, events, matched)


def _reading_order(frame: pd.DataFrame) -> np.ndarray:
    """Each sentence's position when sorted by doc_id, then sent_id."""
    doc_codes = pd.factorize(frame["doc_id"], sort=True)[0]
    position = np.empty(len(frame), np.int64)
    position[np.lexsort((frame["sent_id"].to_numpy(), doc_codes))] = np.arange(len(frame))
    return position


def _empty_counterparts(
    codes: np.ndarray, events: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Of `rows` (sentences without any counterpart), those of events other outlets covered
    too, and for each the first other outlet of its event (as an outlet code)."""
    covering = pd.DataFrame({"event": events, "outlet": codes}).drop_duplicates()
    listed = covering.sort_values(["event", "outlet"]).groupby("event")["outlet"].agg(list)
    listed = listed[listed.str.len() >= 2]
    rows = rows[pd.Series(events[rows]).isin(listed.index).to_numpy()]
    first = pd.Series(events[rows]).map(listed.str[0]).to_numpy(dtype=np.int64)
    second = pd.Series(events[rows]).map(listed.str[1]).to_numpy(dtype=np.int64)
    return rows, np.where(first == codes[rows], second, first)


def _kept_pairs(
    frame: pd.DataFrame,
    codes: np.ndarray,
    outlets: list[str],
    events: np.ndarray,
    matched: dict[str, np.ndarray],
) -> pd.DataFrame:
    """The rows `align_sentences` keeps of each sentence's counterparts (see there).

    Never builds the sentences x outlets grid: the shared counterparts, each sentence's most
    similar unique one, and one empty row for a sentence compared in vain. Sorted on integer
    keys (reading order stands in for doc_id and sent_id), the text columns filled once.
    """
    row, col = matched["row"], matched["col"]
    similarity = np.round(matched["similarity"].astype(float), 4)
    same_fact = np.round(matched["same_fact"].astype(float), 4)
    rank = pd.Series(matched["relation"]).map({name: i for i, name in enumerate(RELATIONS)})
    rank = rank.to_numpy(dtype=np.int64)
    unique = np.flatnonzero(rank == RELATIONS.index("unique"))
    unique = unique[np.lexsort((codes[col[unique]], -similarity[unique], row[unique]))]
    nearest = unique[run_ranks(row[unique]) == 0]
    kept = np.r_[np.flatnonzero(rank != RELATIONS.index("unique")), nearest]
    alone = np.ones(len(frame), bool)
    alone[row] = False
    empty_rows, empty_outlets = _empty_counterparts(codes, events, np.flatnonzero(alone))
    n_empty = len(empty_rows)
    rows = np.r_[row[kept], empty_rows]
    cols = np.r_[col[kept], np.full(n_empty, -1, np.int64)]
    outlet_b = np.r_[codes[col[kept]], empty_outlets].astype(np.int64)
    rank = np.r_[rank[kept], np.full(n_empty, RELATIONS.index("unique"), np.int64)]
    similarity = np.r_[similarity[kept], np.zeros(n_empty)]
    same_fact = np.r_[same_fact[kept], np.zeros(n_empty)]
    position = _reading_order(frame)
    position_b = np.where(cols >= 0, position[np.maximum(cols, 0)], -1)
    order = np.lexsort((position_b, -similarity, -same_fact, rank, outlet_b, position[rows]))
    rows, cols = rows[order], cols[order]
    sent_ids = frame["sent_id"].to_numpy(dtype=np.int64)
    doc_ids = _strings(frame["doc_id"])
    event_codes, event_names = pd.factorize(events)
    return pd.DataFrame(
        {
            "doc_a": doc_ids.take(rows),
            "outlet_a": _strings(frame["outlet"]).take(rows),
            "sent_a": sent_ids[rows],
            "doc_b": doc_ids.take(cols, allow_fill=True, fill_value=""),
            "outlet_b": _strings(outlets).take(outlet_b[order]),
            "sent_b": np.where(cols >= 0, sent_ids[np.maximum(cols, 0)], 0),
            "similarity": similarity[order],
            "relation": _strings(RELATIONS).take(rank[order]),
            "event": _strings(event_names).take(event_codes[rows]),
            "same_fact": same_fact[order],
        }
    )


def _strings(values: Sequence[str] | pd.Series) -> pd.api.extensions.ExtensionArray:
    """The values as a string array, whose `take` copies the strings without making Python
    objects of them (a table of millions of rows fills its text columns this way)."""
    return pd.array(values, dtype="str")


def alignment_counts(
    alignment: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per pair of outlets, how the sentences of one relate to the other: what `alignment`
    no longer lists row by row (the unique ones), counted, in outlets x outlets rows.

    `documents`: with its `event` column, as given to `align_sentences`.

    Returns:
        outlet_a, outlet_b, sentences (of outlet_a, in the events outlet_b covered too),
        same, partial, unique (the rest), share_shared ((same + partial) / sentences); one row
        per ordered pair of outlets that covered an event together, sorted.
    """
    columns = ["outlet_a", "outlet_b", "sentences", "same", "partial", "unique", "share_shared"]
    events = pd.Series(sentence_events(sentences, documents), index=sentences.index)
    per_event = pd.crosstab(events, sentences["outlet"])
    covered = (per_event > 0).astype("int64")
    together = pd.DataFrame(
        per_event.to_numpy(dtype=np.int64).T @ covered.to_numpy(),
        index=per_event.columns,
        columns=per_event.columns,
    )
    pairs = together.rename_axis(index="outlet_a", columns="outlet_b").stack()
    pairs = pairs.rename("sentences").reset_index()
    pairs = pairs[(pairs["outlet_a"] != pairs["outlet_b"]) & (pairs["sentences"] > 0)]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    rows = np.flatnonzero(alignment["relation"].isin(SHARED_RELATIONS).to_numpy())
    keys = [pd.factorize(alignment[name])[0][rows] for name in ("doc_a", "sent_a", "outlet_b")]
    key = np.ravel_multi_index(keys, [int(codes.max(initial=0)) + 1 for codes in keys])
    rows = rows[np.unique(key, return_index=True)[1]]  # a sentence's first (best) relation
    shared = alignment[["outlet_a", "outlet_b", "relation"]].iloc[rows]  # three columns copied
    counts = pd.crosstab([shared["outlet_a"], shared["outlet_b"]], shared["relation"])
    counts = counts.reindex(columns=list(SHARED_RELATIONS), fill_value=0).reset_index()
    table = pairs.merge(counts, on=["outlet_a", "outlet_b"], how="left")
    table[list(SHARED_RELATIONS)] = table[list(SHARED_RELATIONS)].fillna(0).astype("int64")
    table["sentences"] = table["sentences"].astype("int64")
    table["unique"] = table["sentences"] - table["same"] - table["partial"]
    table["share_shared"] = (table["same"] + table["partial"]) / table["sentences"]
    return table.sort_values(["outlet_a", "outlet_b"], ignore_index=True)[columns]


def coverage_summary(alignment: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """How much of each article is shared with at least one other outlet, or its own.

    Returns:
        outlet, doc_id, n_sentences, n_shared, n_unique, share_shared.
    """
    shared = alignment[alignment["relation"].isin(SHARED_RELATIONS)][["doc_a", "sent_a"]]
    shared = shared.drop_duplicates()
    marked = sentences[["outlet", "doc_id", "sent_id"]].merge(
        shared.assign(is_shared=True),
        left_on=["doc_id", "sent_id"],
        right_on=["doc_a", "sent_a"],
        how="left",
    )
    marked["is_shared"] = marked["is_shared"].fillna(False).astype(bool)
    table = marked.groupby(["outlet", "doc_id"], as_index=False, sort=True).agg(
        n_sentences=("sent_id", "size"), n_shared=("is_shared", "sum")
    )
    table["n_unique"] = table["n_sentences"] - table["n_shared"]
    table["share_shared"] = table["n_shared"] / table["n_sentences"]
    return table


def only_in(alignment: pd.DataFrame, sentences: pd.DataFrame, outlet: str) -> pd.DataFrame:
    """The sentences of `outlet` that no other outlet shares: what it alone reports."""
    own = alignment[alignment["outlet_a"] == outlet]
    shared = (
        own.assign(is_shared=own["relation"].isin(SHARED_RELATIONS))
        .groupby(["doc_a", "sent_a"])["is_shared"]
        .any()
    )
    alone = shared[~shared].reset_index()[["doc_a", "sent_a"]]
    return sentences.merge(alone, left_on=["doc_id", "sent_id"], right_on=["doc_a", "sent_a"])[
        ["doc_id", "outlet", "sent_id", "line_no", "text"]
    ].sort_values(["doc_id", "sent_id"], ignore_index=True)


def _quote_words(quote: str) -> set[str]:
    return set(tokenize(quote))


def shared_quotes(
    quotes: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    containment: float = QUOTE_CONTAINMENT,
) -> pd.DataFrame:
    """Quotes used by more than one outlet, matched even when one trims or re-punctuates them.

    `documents` (with its `event` column): quotes of different events are never matched.

    Two quotes of different outlets match when the words of the shorter one are, for at least
    `containment` of them, words of the longer one (punctuation and case ignored);
    candidates come from the same sparse search as the sentence alignment.

    Returns:
        outlet_a, doc_a, sent_a, quote_a, speaker_a, outlet_b, doc_b, sent_b, quote_b,
        speaker_b, containment; one row per matched pair, outlet_a before outlet_b.
    """
    columns = ["outlet_a", "doc_a", "sent_a", "quote_a", "speaker_a"]
    columns += ["outlet_b", "doc_b", "sent_b", "quote_b", "speaker_b", "containment"]
    frame = quotes.reset_index(drop=True)
    if frame["outlet"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    outlets = sorted(frame["outlet"].unique())
    codes = frame["outlet"].map({outlet: i for i, outlet in enumerate(outlets)}).to_numpy()
    blocks = sentence_events(frame, documents)
    rows, cols, _ = counterparts_within(sentence_vectors(frame["quote"].tolist()), codes, blocks)
    words = [_quote_words(quote) for quote in frame["quote"]]
    forward = codes[rows] < codes[cols]
    rows, cols = rows[forward], cols[forward]
    scores = np.array(
        [
            len(words[a] & words[b]) / max(1, min(len(words[a]), len(words[b])))
            for a, b in zip(rows, cols, strict=True)
        ],
        dtype=float,
    )
    keep = scores >= containment
    fields = ["outlet", "doc_id", "sent_id", "quote", "speaker"]
    first = frame.iloc[rows[keep]][fields].reset_index(drop=True)
    second = frame.iloc[cols[keep]][fields].reset_index(drop=True)
    table = pd.concat([first.add_suffix("_a"), second.add_suffix("_b")], axis=1).assign(
        containment=np.round(scores[keep], 4)
    )
    table = table.rename(columns={"sent_id_a": "sent_a", "sent_id_b": "sent_b"})
    table = table.rename(columns={"doc_id_a": "doc_a", "doc_id_b": "doc_b"})[columns]
    table = table.drop_duplicates()
    return table.sort_values(["outlet_a", "doc_a", "sent_a", "outlet_b"], ignore_index=True)


def _topic_pattern(patterns: Sequence[str]) -> re.Pattern[str]:
    """Whole-word patterns; short all-capital ones (acronyms) match case, the rest ignore it."""
    parts = []
    for pattern in sorted(patterns, key=lambda p: (-len(p), p)):
        escaped = re.escape(normalize_text(pattern).strip())
        parts.append(escaped if pattern.isupper() and len(pattern) <= 5 else f"(?i:{escaped})")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


_TIME_WORDS = frozenset(
    "ago day week month year hour minute time today yesterday tomorrow earlier later".split()
)


def _not_topical(word: str, names: str) -> bool:
    """A bigram word that makes the bigram a name, a title or a date rather than an issue."""
    return word.title() in names or word.rstrip("s") in _TIME_WORDS or word in TITLE_WORDS


def sentence_topics(
    sentences: pd.DataFrame,
    topics: pd.DataFrame,
    people: Sequence[list[Mention]] | None = None,
    phrases: Sequence[list[str]] | None = None,
) -> pd.DataFrame:
    """Which topics each sentence mentions: doc_id, outlet, sent_id, topic, matched.

    With a `topics` table (topic, patterns), its patterns are matched as whole words. Without
    one, the candidates are the capitalised phrases that are not people's names ("Human
    Rights Council", "Nairobi") and the content-word bigrams ("climate fund"), the nearest
    to noun phrases that needs no tagger data; `keep_topics` keeps the most mentioned. One
    article at a time, so it runs inside the per-article stage; `people` and `phrases`, when
    given, are the sentences' `actors.sentence_names`, found beforehand.
    """
    rows = []
    if not topics.empty:
        compiled = [
            (topic, _topic_pattern(patterns), _topic_literals(patterns))
            for topic, patterns in zip(topics["topic"], topics["patterns"], strict=True)
        ]
        texts = sentences["text"].tolist()
        found = {text: _topic_matches(text, compiled) for text in dict.fromkeys(texts)}
        for doc_id, outlet, sent_id, text in zip(
            sentences["doc_id"].tolist(),
            sentences["outlet"].tolist(),
            sentences["sent_id"].tolist(),
            texts,
            strict=True,
        ):
            rows.extend((doc_id, outlet, sent_id, topic, matched) for topic, matched in found[text])
    else:
        if people is None:
            people, phrases = sentence_names(sentences)
        doc_ids, outlets, sent_ids, texts = (
            sentences[name].tolist() for name in ("doc_id", "outlet", "sent_id", "text")
        )
        articles: dict[str, list[int]] = {}
        for position, doc_id in enumerate(doc_ids):
            articles.setdefault(doc_id, []).append(position)
        for doc_id, positions in articles.items():
            for row in positions:
                outlet, sent_id, text, found = outlets[row], sent_ids[row], texts[row], people[row]
                names = " | ".join(mention.name for mention in found)
                named = name_phrases(text) if phrases is None else phrases[row]
                found_phrases = [phrase for phrase in named if phrase not in names]
                found_phrases += [
                    term
                    for term in sentence_terms(text)
                    if " " in term and not any(_not_topical(word, names) for word in term.split())
                ]
                rows.extend((doc_id, outlet, sent_id, p, p) for p in dict.fromkeys(found_phrases))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "topic", "matched"]).astype(
        {"doc_id": str, "outlet": str, "sent_id": "int64", "topic": str, "matched": str}
    )


def _topic_literals(patterns: Sequence[str]) -> tuple[str, ...] | None:
    """The lower-case words one of a topic's patterns must contain (`_topic_pattern`), so a
    text holding none of them is passed over without a regex search; None when a pattern is
    not ASCII (case-insensitive matching may then meet letters that `str.lower` keeps apart)."""
    literals = tuple(normalize_text(pattern).strip().lower() for pattern in patterns)
    return literals if all(literal.isascii() for literal in literals) else None


def _topic_matches(
    text: str, compiled: list[tuple[str, re.Pattern[str], tuple[str, ...] | None]]
) -> list[tuple[str, str]]:
    """(topic, matched words) of each topic whose patterns the text holds (the first match).

    On ASCII text a topic none of whose literals occurs in the lower-cased text cannot match
    and is not searched: the regex search (a lookbehind at every position) is the cost.
    """
    normal = normalize_text(text)
    lowered = normal.lower() if normal.isascii() else None
    found = []
    for topic, pattern, literals in compiled:
        possible = lowered is None or literals is None or any(map(lowered.__contains__, literals))
        if possible and (match := pattern.search(normal)):
            found.append((topic, text[match.start() : match.end()]))
    return found


def keep_topics(mentions: pd.DataFrame, configured: bool) -> pd.DataFrame:
    """The topic mentions a corpus analysis keeps: all configured topics, else found phrases.

    Without configured topics, the `FOUND_TOPICS` phrases mentioned in the most sentences
    (at least two) stand in for topics.
    """
    if not configured:
        counts = mentions.groupby("topic")["sent_id"].size()
        counts = counts[counts >= 2].sort_index().sort_values(ascending=False, kind="stable")
        mentions = mentions[mentions["topic"].isin(counts.index[:FOUND_TOPICS])]
    return mentions.sort_values(["doc_id", "sent_id", "topic"], ignore_index=True)


def topic_coverage(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Topic-by-outlet counts, each with the first sentence behind it.

    Returns:
        outlet, topic, mentions (sentences), n_articles, first_doc_id, first_sent_id,
        first_sentence (the outlet's earliest sentence on it, in article order).
    """
    columns = ["outlet", "topic", "mentions", "n_articles", "first_doc_id", "first_sent_id"]
    if mentions.empty:
        return pd.DataFrame(columns=[*columns, "first_sentence"])
    ordered = mentions.sort_values(["doc_id", "sent_id", "topic"])
    coverage = (
        ordered.groupby(["outlet", "topic"], sort=True)
        .agg(
            mentions=("sent_id", "size"),
            n_articles=("doc_id", "nunique"),
            first_doc_id=("doc_id", "first"),
            first_sent_id=("sent_id", "first"),
        )
        .reset_index()
    )
    text = sentences.set_index(["doc_id", "sent_id"])["text"]
    coverage["first_sentence"] = text.reindex(
        pd.MultiIndex.from_arrays([coverage["first_doc_id"], coverage["first_sent_id"]])
    ).to_numpy()
    return coverage


def _located(sentences: pd.DataFrame, doc_ids: pd.Series, sent_ids: pd.Series) -> pd.DataFrame:
    """line_no and text of the sentences named by (doc_id, sent_id), aligned to the inputs."""
    found = sentences.set_index(["doc_id", "sent_id"])[["line_no", "text"]]
    keys = pd.MultiIndex.from_arrays([doc_ids.fillna("").astype(str), sent_ids.astype("int64")])
    return found.reindex(keys).reset_index(drop=True)


def aligned_pairs(
    alignment: pd.DataFrame, sentences: pd.DataFrame, relation: str = "shared"
) -> pd.DataFrame:
    """The aligned sentence pairs side by side, best first: the evidence behind the overlap.

    Each pair is listed once, with the alphabetically first outlet as A, even when each
    sentence is the other's best counterpart. Sentences with no counterpart at all in an
    outlet (empty doc_b) are left out. `relation="shared"` lists the pairs of any relation
    in `SHARED_RELATIONS`; another value (`same`, `partial`, `unique`: the near misses,
    best counterparts that report nothing comparable) lists that relation only.

    Returns:
        similarity, outlet_a, doc_a, sent_a, line_a, sentence_a, outlet_b, doc_b, sent_b,
        line_b, sentence_b, relation; sorted by similarity (highest first), then outlet,
        article and sentence of A.
    """
    columns = ["similarity", "outlet_a", "doc_a", "sent_a", "line_a", "sentence_a"]
    columns += ["outlet_b", "doc_b", "sent_b", "line_b", "sentence_b", "relation"]
    wanted = SHARED_RELATIONS if relation == "shared" else (relation,)
    pairs = alignment[
        alignment["relation"].isin(wanted) & (alignment["doc_b"].fillna("").astype(str) != "")
    ]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    a_side, b_side = ["outlet_a", "doc_a", "sent_a"], ["outlet_b", "doc_b", "sent_b"]
    swap = (pairs["outlet_a"] > pairs["outlet_b"]).to_numpy()
    keep = pairs[~swap][[*a_side, *b_side, "similarity", "relation"]]
    swapped = pairs[swap][[*b_side, *a_side, "similarity", "relation"]]
    swapped.columns = [*a_side, *b_side, "similarity", "relation"]
    table = pd.concat([keep, swapped], ignore_index=True)
    table = table.drop_duplicates([*a_side, *b_side], ignore_index=True)
    for side in ("a", "b"):
        located = _located(sentences, table[f"doc_{side}"], table[f"sent_{side}"])
        table[f"line_{side}"] = located["line_no"].to_numpy()
        table[f"sentence_{side}"] = located["text"].to_numpy()
    table = table.sort_values(
        ["similarity", "outlet_a", "doc_a", "sent_a", "outlet_b"],
        ascending=[False, True, True, True, True],
        ignore_index=True,
    )
    return table[columns]


def quote_pairs(shared: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The shared-quotes table with the line of each quote in its capture, best match first.

    Returns:
        containment, outlet_a, doc_a, sent_a, line_a, speaker_a, quote_a, outlet_b, doc_b,
        sent_b, line_b, speaker_b, quote_b; speakers not known are "".
    """
    columns = ["containment", "outlet_a", "doc_a", "sent_a", "line_a", "speaker_a", "quote_a"]
    columns += ["outlet_b", "doc_b", "sent_b", "line_b", "speaker_b", "quote_b"]
    if shared.empty:
        return pd.DataFrame(columns=columns)
    table = shared.reset_index(drop=True)
    for side in ("a", "b"):
        located = _located(sentences, table[f"doc_{side}"], table[f"sent_{side}"])
        table[f"line_{side}"] = located["line_no"].to_numpy()
        table[f"speaker_{side}"] = table[f"speaker_{side}"].fillna("")
    table = table.sort_values(
        ["containment", "outlet_a", "doc_a", "sent_a", "outlet_b"],
        ascending=[False, True, True, True, True],
        ignore_index=True,
    )
    return table[columns]


def topic_matrix(topics: pd.DataFrame) -> pd.DataFrame:
    """Topic-by-outlet mentions (sentences) from the `topic_coverage` table, 0 where none.

    Rows are topics, most mentioned over all outlets first (ties alphabetical); columns are
    the outlets that mention any topic, sorted.
    """
    if topics.empty:
        return pd.DataFrame(dtype="int64")
    matrix = topics.pivot_table(
        index="topic", columns="outlet", values="mentions", aggfunc="sum", fill_value=0
    ).astype("int64")
    totals = matrix.sum(axis=1)
    order = sorted(matrix.index, key=lambda topic: (-totals[topic], str(topic)))
    matrix = matrix.loc[order, sorted(matrix.columns)]
    matrix.columns.name = "outlet"
    return matrix


def topic_evidence(topics: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per topic and outlet, the first sentence that mentions the topic, with its line.

    Returns:
        topic, outlet, mentions, n_articles, doc_id, sent_id, line_no, sentence; topics in
        the order of `topic_matrix`, outlets sorted within a topic.
    """
    columns = ["topic", "outlet", "mentions", "n_articles", "doc_id", "sent_id", "line_no"]
    if topics.empty:
        return pd.DataFrame(columns=[*columns, "sentence"])
    order = {topic: rank for rank, topic in enumerate(topic_matrix(topics).index)}
    table = topics.rename(columns={"first_doc_id": "doc_id", "first_sent_id": "sent_id"})
    table = table.assign(rank=table["topic"].map(order)).sort_values(["rank", "outlet"])
    table = table.reset_index(drop=True)
    located = _located(sentences, table["doc_id"], table["sent_id"])
    table["line_no"] = located["line_no"].to_numpy()
    table["sentence"] = table["first_sentence"].fillna(located["text"])
    return table[[*columns, "sentence"]]
