"""Distinctive terms: the words and phrases each outlet uses more than the rest of the corpus.

Counts unigrams and bigrams per outlet, then scores each outlet against all the others
(one-vs-rest, any number of outlets) with the weighted log-odds ratio and informative
Dirichlet prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words"), its variance and
z-score, and TF-IDF over outlet-level documents (scikit-learn).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfTransformer

from framing.tokenize import is_stopword, normalize_text, term_spans, tokenize

#: Total pseudo-count of the prior (alpha_0): the corpus-wide frequencies scaled to this sum.
PRIOR_STRENGTH = 500.0
#: Terms used fewer times than this in the whole corpus are left out (keeps hapaxes off the top).
MIN_COUNT = 2
COUNT_COLUMNS = ["outlet", "term", "n", "count"]
#: The columns of the `terms` table.
TERM_COLUMNS = ("outlet", "term", "n", "count", "count_rest", "tfidf", "log_odds", "var", "z")


def sentence_terms(text: str, tokens: list[str] | None = None) -> list[str]:
    """Unigrams (no stopwords) and bigrams of one sentence (`tokens`: its `tokenize`, when
    already known).

    A bigram joins two adjacent tokens of the same sentence, both content words, so it never
    crosses a sentence boundary and is never made only (or partly) of stopwords.
    """
    tokens = tokenize(text) if tokens is None else tokens
    marked = list(zip(tokens, map(is_stopword, tokens), strict=True))
    grams = [token for token, stop in marked if not stop]
    grams += [
        f"{first} {second}"
        for (first, first_stop), (second, second_stop) in pairwise(marked)
        if not (first_stop or second_stop)
    ]
    return grams


def count_terms(sentences: pd.DataFrame, tokens: Sequence[list[str]] | None = None) -> pd.DataFrame:
    """Term counts per outlet (outlet, term, n, count) for any subset of sentences.

    `tokens`, when given, are the sentences' `tokenize` lists (in order), computed beforehand.
    """
    grams: dict[str, list[str]] = {}
    texts = sentences["text"].tolist()
    for outlet, text, known in zip(
        sentences["outlet"].tolist(), texts, tokens or [None] * len(texts), strict=True
    ):
        grams.setdefault(outlet, []).extend(sentence_terms(text, known))
    counters = {outlet: Counter(found) for outlet, found in grams.items()}
    rows = [
        (outlet, term, term.count(" ") + 1, count)
        for outlet, counter in counters.items()
        for term, count in counter.items()
    ]
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def merge_counts(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Sum partial counts (from articles or partitions) into one count per outlet and term."""
    merged = pd.concat(list(parts), ignore_index=True)
    if merged.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    summed = merged.groupby(["outlet", "term", "n"], as_index=False, sort=True)["count"].sum()
    return summed[COUNT_COLUMNS]


def log_odds(
    counts: np.ndarray, rest: np.ndarray, prior: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted log-odds ratio, its variance and z-score (Monroe et al. 2008, eq. 15-22).

    delta_w = log((y_w + a_w) / (n + a_0 - y_w - a_w)) - log((r_w + a_w) / (m + a_0 - r_w - a_w))
    var_w ~= 1 / (y_w + a_w) + 1 / (r_w + a_w);  z_w = delta_w / sqrt(var_w)
    """
    alpha0 = prior.sum()
    n, m = counts.sum(), rest.sum()
    own = np.log((counts + prior) / (n + alpha0 - counts - prior))
    other = np.log((rest + prior) / (m + alpha0 - rest - prior))
    delta = own - other
    variance = 1 / (counts + prior) + 1 / (rest + prior)
    return delta, variance, delta / np.sqrt(variance)


def distinctive_terms(
    counts: pd.DataFrame,
    prior_strength: float = PRIOR_STRENGTH,
    prior: pd.Series | None = None,
    min_count: int = MIN_COUNT,
) -> pd.DataFrame:
    """Score every outlet's terms against the rest of the corpus.

    Args:
        counts: outlet, term, n, count (from `count_terms` / `merge_counts`).
        prior_strength: alpha_0, the total pseudo-count of the informative prior.
        prior: relative weight of each term (indexed by term); default: the corpus-wide
            frequencies, so common words are shrunk most and rare words are not inflated.
        min_count: minimum corpus-wide count for a term to be scored.

    Returns:
        outlet, term, n, count, count_rest, tfidf, log_odds, var, z; per outlet by z, highest first.
    """
    wide = counts.pivot_table(
        index=["term", "n"], columns="outlet", values="count", aggfunc="sum", fill_value=0
    ).sort_index()
    wide = wide[wide.sum(axis=1) >= min_count]
    columns = list(TERM_COLUMNS)
    if wide.empty:
        return pd.DataFrame(columns=columns)
    totals = wide.sum(axis=1).to_numpy(float)
    weights = (
        totals
        if prior is None
        else prior.reindex(wide.index.get_level_values("term")).fillna(0).to_numpy(float)
    )
    alpha = prior_strength * weights / weights.sum()
    tfidf = TfidfTransformer().fit_transform(wide.T.to_numpy()).toarray()
    frames = []
    for index, outlet in enumerate(wide.columns):
        own = wide[outlet].to_numpy(float)
        rest = totals - own
        delta, variance, z = log_odds(own, rest, alpha)
        frames.append(
            pd.DataFrame(
                {
                    "outlet": outlet,
                    "term": wide.index.get_level_values("term"),
                    "n": wide.index.get_level_values("n"),
                    "count": own.astype(int),
                    "count_rest": rest.astype(int),
                    "tfidf": tfidf[index],
                    "log_odds": delta,
                    "var": variance,
                    "z": z,
                }
            )
        )
    result = pd.concat(frames, ignore_index=True)
    return result.sort_values(
        ["outlet", "z", "term"], ascending=[True, False, True], kind="stable", ignore_index=True
    )[columns]


def searchable_text(texts: pd.Series) -> pd.Series:
    """Texts folded as `keyword_in_context` searches them: plain marks, lower case, no periods."""
    return texts.map(normalize_text).str.lower().str.replace(".", "", regex=False)


def term_matches(
    texts: Sequence[str], searchable: pd.Series, term: str
) -> list[tuple[int, tuple[int, int]]]:
    """(position, first span) of each text a term comes from, in order: the texts where it is
    one of the sentence's terms. `searchable` is `searchable_text` of the texts."""
    words = term.replace(".", "").split(" ")
    likely = np.logical_and.reduce(
        [searchable.str.contains(word, regex=False).to_numpy(dtype=bool) for word in words]
    )
    matches = []
    for position in np.flatnonzero(likely):
        text = texts[position]
        spans = term_spans(text, term) if term in sentence_terms(text) else []
        if spans:
            matches.append((int(position), spans[0]))
    return matches


def keyword_in_context(
    sentences: pd.DataFrame, term: str, width: int = 60, searchable: pd.Series | None = None
) -> pd.DataFrame:
    """The sentences a term comes from, with the match and its left and right context.

    `searchable`: `searchable_text(sentences["text"])`, when the caller looks up many terms in
    the same sentences and folds them once.
    """
    folded = searchable_text(sentences["text"]) if searchable is None else searchable
    texts = sentences["text"].tolist()
    matches = term_matches(texts, folded, term)
    columns = ["doc_id", "outlet", "sent_id", "line_no"]
    found = sentences.iloc[[position for position, _ in matches]]
    keys = zip(*(found[column].tolist() for column in columns), strict=True)
    rows = [
        (*key, text[max(0, start - width) : start], text[start:end], text[end : end + width], text)
        for key, (position, (start, end)) in zip(keys, matches, strict=True)
        for text in [texts[position]]
    ]
    return pd.DataFrame(rows, columns=[*columns, "left", "match", "right", "text"])
