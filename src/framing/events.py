"""Events: the stories a corpus covers, which outlet covered which, and what each one missed.

A manifest (or export) column `event` names each article's story. Without it, articles are
grouped automatically, by content and date: each article, in date order (then doc_id),
joins the event whose articles it resembles most on average (cosine of TF-IDF vectors of
their stemmed content words, names and word pairs) if that resemblance reaches
`EVENT_SIMILARITY` and the event's latest article is at most `EVENT_DAYS` days away;
otherwise it starts a new event. The same input always gives the same events, and a corpus
on one story stays one event. Alignment, shared quotes and "reported by this outlet alone"
are computed within an event only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

#: Average cosine from which an article joins an event (tuned on BASIL's development events).
EVENT_SIMILARITY = 0.08
#: An article joins an event only if the event's latest article is at most this many days away.
EVENT_DAYS = 7
#: An outlet's blindspot: an event it did not cover that at least this share of the other
#: outlets (and at least one) covered.
BLINDSPOT_SHARE = 0.5
#: Articles whose similarities to the earlier ones are computed at once.
GROUPING_CHUNK = 256
EVENT_COLUMNS = ["doc_id", "event", "outlet", "published", "title", "source"]


def article_vectors(doc_ids: Sequence[str], sentences: pd.DataFrame, features: Sequence[str]):
    """L2-normalised TF-IDF rows, one per article of `doc_ids`, of its sentences' features
    (`framing.overlap.sentence_features`, names unmarked so they count in full)."""
    joined = (
        pd.Series(list(features), index=sentences.index, dtype=object)
        .str.replace("@", "", regex=False)
        .groupby(sentences["doc_id"].to_numpy(), sort=False)
        .agg("\t".join)
    )
    texts = [joined.get(doc_id, "") for doc_id in doc_ids]
    vectorizer = TfidfVectorizer(
        analyzer=lambda text: text.split("\t") if text else [], sublinear_tf=True
    )
    try:
        return normalize(vectorizer.fit_transform(texts).tocsr())
    except ValueError:  # no article has a single content word
        return sparse.csr_matrix((len(texts), 0))


def group_articles(vectors: sparse.csr_matrix, dates: Sequence[str]) -> list[int]:
    """Event number (0, 1, ... in order of each event's first article) of every article.

    Greedy average linkage in date order (see the module docstring); undated articles
    ignore the date window. Articles go `GROUPING_CHUNK` at a time: an article's summed
    similarity to the articles of an event of earlier chunks is its product with the sum of
    their vectors (one row per event, however many articles it has), to those of its own
    chunk a small product within the chunk; so time follows events, not pairs of articles.
    """
    n = len(dates)
    parsed = pd.to_datetime(pd.Series(list(dates), dtype=object), errors="coerce")
    order = sorted(range(n), key=lambda i: (str(dates[i] or "~"), i))
    ordered = vectors[order]
    days = np.array(
        [np.nan if pd.isna(parsed[i]) else parsed[i].value / 86_400e9 for i in order], float
    )
    labels = np.zeros(n, np.int64)
    sizes: list[int] = []
    latest: list[float] = []
    summed = sparse.csr_matrix((0, ordered.shape[1]))  # per event, its articles' vectors
    for start in range(0, n, GROUPING_CHUNK):
        stop = min(n, start + GROUPING_CHUNK)
        chunk = ordered[start:stop]
        earlier = (chunk @ summed.T).toarray()
        within = (chunk @ chunk.T).toarray()
        for position in range(start, stop):
            row = position - start
            sums = np.bincount(
                labels[start:position], weights=within[row, :row], minlength=len(sizes)
            ).astype(float)
            sums[: earlier.shape[1]] += earlier[row]
            scores = sums / np.maximum(1, np.array(sizes, float))
            day = days[position]
            if not np.isnan(day):
                gaps = np.abs(np.array(latest, float) - day)
                scores = np.where(np.isnan(gaps) | (gaps <= EVENT_DAYS), scores, -1.0)
            best = int(np.argmax(scores)) if len(scores) else -1
            if best < 0 or scores[best] < EVENT_SIMILARITY:
                best = len(sizes)
                sizes.append(0)
                latest.append(day)
            sizes[best] += 1
            if not np.isnan(day) and not latest[best] >= day:
                latest[best] = day
            labels[position] = best
        summed = _added(summed, chunk, labels[start:stop], len(sizes))
    found = [0] * n
    for position, i in enumerate(order):
        found[i] = int(labels[position])
    return found


def _added(
    sums: sparse.csr_matrix, chunk: sparse.csr_matrix, labels: np.ndarray, n_events: int
) -> sparse.csr_matrix:
    """The events' summed vectors with the chunk's articles added to their events' sums, one
    after the other in order: the same sums, to the last bit, as summing every article of an
    event at once, without going over the earlier articles again."""
    held = sums.shape[0]
    fold = sparse.csr_matrix(
        (
            np.ones(held + len(labels)),
            (np.r_[np.arange(held), labels], np.arange(held + len(labels))),
        ),
        shape=(n_events, held + len(labels)),
    )
    return (fold @ sparse.vstack([sums, chunk], format="csr")).tocsr()


def event_table(
    documents: pd.DataFrame, sentences: pd.DataFrame, features: Sequence[str]
) -> pd.DataFrame:
    """Each article's event: doc_id, event, outlet, published, title, source.

    `source` is `manifest` where the manifest (or export) named the event, else `automatic`;
    articles without a named event are grouped among themselves (see `group_articles`) and
    their events are named `event-001`, `event-002`, ... in order of their first article.
    """
    given = documents.get("event", pd.Series("", index=documents.index)).fillna("").astype(str)
    table = documents.assign(event=given.str.strip(), source="manifest")
    missing = table["event"] == ""
    if missing.any():
        unnamed = table[missing]
        vectors = article_vectors(unnamed["doc_id"].tolist(), sentences, features)
        numbers = group_articles(vectors, unnamed["published"].fillna("").astype(str).tolist())
        width = max(3, len(str(max(numbers) + 1)))
        table.loc[missing, "event"] = [f"event-{n + 1:0{width}d}" for n in numbers]
        table.loc[missing, "source"] = "automatic"
    return table[EVENT_COLUMNS].reset_index(drop=True)


def with_events(documents: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The documents table with each article's event as its `event` column."""
    named = events.set_index("doc_id")["event"]
    return documents.assign(event=documents["doc_id"].map(named).fillna("").to_numpy())


def event_coverage(documents: pd.DataFrame) -> pd.DataFrame:
    """Which outlet covered which event, and how prominently.

    Returns:
        event, outlet, n_articles, n_words, share_of_words (the outlet's words on the event
        over all outlets' words on it), share_of_outlet (the event's share of the outlet's
        words), covered; one row for every event and outlet, 0 where it did not cover it.
    """
    counts = documents.groupby(["event", "outlet"]).agg(
        n_articles=("doc_id", "size"), n_words=("n_words", "sum")
    )
    grid = pd.MultiIndex.from_product(
        [sorted(documents["event"].unique()), sorted(documents["outlet"].unique())],
        names=["event", "outlet"],
    )
    table = counts.reindex(grid, fill_value=0).reset_index()
    event_words = table.groupby("event")["n_words"].transform("sum")
    outlet_words = table.groupby("outlet")["n_words"].transform("sum")
    table["share_of_words"] = (table["n_words"] / event_words.where(event_words > 0)).fillna(0.0)
    table["share_of_outlet"] = (table["n_words"] / outlet_words.where(outlet_words > 0)).fillna(0.0)
    table["covered"] = table["n_articles"] > 0
    return table


def blindspots(coverage: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The events an outlet did not cover while most other outlets did.

    Returns:
        outlet, event, n_outlets_covering, n_other_outlets, n_articles_others, title (the
        event's first article's title); an event counts when at least `BLINDSPOT_SHARE` of
        the other outlets, and at least one, covered it.
    """
    columns = ["outlet", "event", "n_outlets_covering", "n_other_outlets", "n_articles_others"]
    n_outlets = coverage["outlet"].nunique()
    per_event = coverage.groupby("event").agg(
        n_outlets_covering=("covered", "sum"), n_articles_all=("n_articles", "sum")
    )
    missed = coverage[~coverage["covered"]].join(per_event, on="event")
    missed = missed.assign(
        n_other_outlets=n_outlets - 1, n_articles_others=missed["n_articles_all"]
    )
    missed = missed[
        (missed["n_outlets_covering"] >= 1)
        & (missed["n_outlets_covering"] >= BLINDSPOT_SHARE * missed["n_other_outlets"])
    ]
    first = events.sort_values(["event", "published", "doc_id"]).drop_duplicates("event")
    titles = first.set_index("event")["title"].fillna("")
    table = missed[columns].astype({"n_outlets_covering": "int64"})
    table["title"] = [titles.get(event, "") for event in table["event"]]
    return table.sort_values(
        ["outlet", "n_outlets_covering", "event"], ascending=[True, False, True], ignore_index=True
    )


def coverage_matrix(coverage: pd.DataFrame) -> pd.DataFrame:
    """Event-by-outlet words from the `event_coverage` table (0 where the outlet did not cover
    the event), events in order of their total words, most first; outlets sorted."""
    matrix = coverage.pivot_table(
        index="event", columns="outlet", values="n_words", aggfunc="sum", fill_value=0
    ).astype("int64")
    totals = matrix.sum(axis=1)
    matrix = matrix.loc[sorted(matrix.index, key=lambda event: (-totals[event], str(event)))]
    matrix.columns.name = "outlet"
    return matrix


def sentence_events(
    sentences: pd.DataFrame, documents: pd.DataFrame, missing: str = ""
) -> pd.Series:
    """The event of each sentence, from its article's row of `documents` (`missing` where the
    documents name no event), aligned to the sentences' index."""
    if "event" not in documents.columns:
        return pd.Series(missing, index=sentences.index)
    by_doc = dict(zip(documents["doc_id"], documents["event"].fillna("").astype(str), strict=True))
    return sentences["doc_id"].map(by_doc).fillna("").replace("", missing)
