"""Tone: VADER per sentence, aggregated per article and outlet with bootstrap intervals.

Scores come from the authors' reference implementation (the `vadersentiment` package, which
ships its lexicon), never from NLTK's port, whose compound scores differ on some sentences.
A whole article is never scored as one text: VADER's compound saturates on long texts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

#: Seed of every bootstrap, so two runs give identical intervals.
BOOTSTRAP_SEED = 20210319
BOOTSTRAP_SAMPLES = 2000
#: Above this many values, resampled means are drawn from their normal limit (same mean,
#: standard error sd/sqrt(n)) instead of by resampling: the two agree to rounding at this size,
#: and resampling would cost n_boot x n draws and memory.
BOOTSTRAP_MAX_N = 5000
#: Up to this many values, bootstrap means come from cached draw counts (`_draw_counts`).
SMALL_SAMPLE = 200
#: doc_id of the outlet-level rows of the tone table.
OUTLET_ROW = "*"
SCORE_COLUMNS = ("compound", "pos", "neg", "neu")


class _OnePiece(str):
    """A text that iterates as a single piece instead of character by character.

    The reference `polarity_scores` starts by walking its text one character at a time to
    replace emoji with their descriptions: a quarter of its time on news sentences. On a text
    with no emoji that walk rebuilds the text unchanged, so handing it the text in one piece
    yields the very same scores, sooner (tests compare with the plain reference).
    """

    def __iter__(self) -> Iterator[str]:
        yield str(self)


@lru_cache(maxsize=1)
def _analyzer() -> tuple[SentimentIntensityAnalyzer, frozenset[str]]:
    """The reference analyzer, and the emoji its character walk can replace."""
    analyzer = SentimentIntensityAnalyzer()
    return analyzer, frozenset(emoji for emoji in analyzer.emojis if len(emoji) == 1)


def polarity_scores(text: str) -> dict[str, float]:
    """The reference VADER scores of one text, exactly as `polarity_scores` gives them."""
    analyzer, emoji = _analyzer()
    if emoji.isdisjoint(text) and text not in analyzer.emojis:
        return analyzer.polarity_scores(_OnePiece(text))
    return analyzer.polarity_scores(text)


def score_sentences(texts: Sequence[str]) -> pd.DataFrame:
    """VADER compound, pos, neg, neu for each text, in order; each distinct text scored once."""
    scores = {text: polarity_scores(text) for text in dict.fromkeys(texts)}
    return pd.DataFrame(
        [[scores[text][column] for column in SCORE_COLUMNS] for text in texts],
        columns=list(SCORE_COLUMNS),
        dtype=float,
    )


def resampled_means(data: np.ndarray, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """n_boot bootstrap means of data: resampled, or from their normal limit for large data."""
    if data.size > BOOTSTRAP_MAX_N:
        return rng.normal(data.mean(), data.std() / np.sqrt(data.size), size=n_boot)
    return data[rng.integers(0, data.size, size=(n_boot, data.size))].mean(axis=1)


@lru_cache(maxsize=256)
def _draw_counts(n: int, n_boot: int, seed: int) -> np.ndarray:
    """How often each of n values is drawn in each of n_boot resamples (n_boot x n).

    The draws are those `resampled_means` makes from a generator seeded with `seed`, so a
    sample of n values has the same interval whichever way it is computed.
    """
    draws = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
    offsets = (np.arange(n_boot)[:, None] * n + draws).ravel()
    return np.bincount(offsets, minlength=n_boot * n).reshape(n_boot, n).astype(float)


def bootstrap_mean_ci(
    values: Sequence[float],
    n_boot: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval of the mean (resampling sentences).

    Small samples, such as one article's sentences, reuse the draw counts of their size, so
    the intervals of thousands of articles cost one matrix product each.
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return (np.nan, np.nan, np.nan)
    if data.size <= SMALL_SAMPLE:
        means = _draw_counts(data.size, n_boot, seed) @ data / data.size
    else:
        means = resampled_means(data, np.random.default_rng(seed), n_boot)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(data.mean()), float(low), float(high)


def _scope_rows(
    frame: pd.DataFrame, scope: str, per_article: bool = True
) -> list[dict[str, object]]:
    compound = frame["compound"].to_numpy(dtype=float)
    by_outlet = frame.groupby("outlet").indices
    groups = [((outlet, OUTLET_ROW), by_outlet[outlet]) for outlet in sorted(by_outlet)]
    if per_article:
        by_article = frame.groupby(["outlet", "doc_id"]).indices
        groups += [(key, by_article[key]) for key in sorted(by_article)]
    rows = []
    for (outlet, doc_id), positions in groups:
        values = compound[positions]
        mean, low, high = bootstrap_mean_ci(values)
        rows.append(
            {
                "outlet": outlet,
                "doc_id": doc_id,
                "scope": scope,
                "n_sentences": len(values),
                "mean_compound": mean,
                "ci_low": low,
                "ci_high": high,
            }
        )
    return rows


def tone_table(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mean compound with 95% bootstrap interval per outlet (doc_id "*") and per article.

    Scopes: `all` sentences, `narration` (the outlet's own sentences), `quotes` (sentences
    that are mostly direct quotation), then `actor:NAME` and `side:SIDE` for the sentences
    that mention each actor, or any actor of a side (`mentions`: doc_id, sent_id, actor,
    side, as `framing.actors.actor_mentions` gives them); actor and side rows are per outlet
    only, as one article rarely has enough such sentences for an interval.
    """
    rows = _scope_rows(sentences, "all")
    rows += _scope_rows(sentences[~sentences["is_quote"]], "narration")
    rows += _scope_rows(sentences[sentences["is_quote"]], "quotes")
    keys = ["doc_id", "sent_id"]
    for level in ("actor", "side"):
        named = mentions.loc[mentions[level] != "", [*keys, level]].drop_duplicates()
        about = sentences.merge(named, on=keys)
        for name, part in about.groupby(level, sort=True):
            rows += _scope_rows(part, f"{level}:{name}", per_article=False)
    columns = ["outlet", "doc_id", "scope", "n_sentences", "mean_compound", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=columns)


def bootstrap_difference(
    own: Sequence[float],
    rest: Sequence[float],
    n_boot: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float, float]:
    """Difference of two means with a 95% percentile bootstrap interval (each side resampled).

    Returns (difference, ci_low, ci_high); NaNs when either side is empty.
    """
    first, second = np.asarray(own, dtype=float), np.asarray(rest, dtype=float)
    if first.size == 0 or second.size == 0:
        return (np.nan, np.nan, np.nan)
    rng = np.random.default_rng(seed)
    first_means = resampled_means(first, rng, n_boot)
    second_means = resampled_means(second, rng, n_boot)
    low, high = np.percentile(first_means - second_means, [2.5, 97.5])
    return float(first.mean() - second.mean()), float(low), float(high)


def tone_differences(
    sentences: pd.DataFrame, n_boot: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED
) -> pd.DataFrame:
    """Each outlet's mean compound minus the other outlets', with a bootstrap interval.

    `within_noise` is True when the interval contains 0: the difference could be chance.
    """
    rows = []
    for outlet in sorted(sentences["outlet"].unique()):
        own = sentences.loc[sentences["outlet"] == outlet, "compound"]
        rest = sentences.loc[sentences["outlet"] != outlet, "compound"]
        difference, low, high = bootstrap_difference(own, rest, n_boot, seed)
        rows.append(
            {
                "outlet": outlet,
                "n_sentences": own.size,
                "n_rest": rest.size,
                "difference": difference,
                "ci_low": low,
                "ci_high": high,
                "within_noise": bool(low <= 0 <= high),
            }
        )
    return pd.DataFrame(rows)


def extreme_sentences(sentences: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """The k most negative and k most positive sentences of each outlet, as evidence."""
    parts = []
    for _, part in sentences.groupby("outlet", sort=True):
        ordered = part.sort_values(["compound", "doc_id", "sent_id"], kind="stable")
        parts.append(ordered.head(k).assign(end="most negative"))
        parts.append(ordered.tail(k).iloc[::-1].assign(end="most positive"))
    columns = ["outlet", "end", "doc_id", "sent_id", "line_no", "compound", "text"]
    return pd.concat(parts, ignore_index=True)[columns]
