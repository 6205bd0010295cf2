"""Tone: VADER per sentence, aggregated per article and outlet with bootstrap intervals.

Scores come from the authors' reference implementation (the `vadersentiment` package, which
ships its lexicon), never from NLTK's port, whose compound scores differ on some sentences.
A whole article is never scored as one text: VADER's compound saturates on long texts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import groupby

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


def _draws(rng: np.random.Generator, size: int, n_boot: int) -> np.ndarray:
    """The draws behind n_boot bootstrap means of `size` values: n_boot x size positions, or
    above `BOOTSTRAP_MAX_N` n_boot standard normal deviates (the means' normal limit)."""
    if size > BOOTSTRAP_MAX_N:
        return rng.standard_normal(n_boot)
    return rng.integers(0, size, size=(n_boot, size))


def _means(data: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """The bootstrap means of data for `_draws` of its size (any data of that size)."""
    if draws.ndim == 1:
        return data.mean() + data.std() / np.sqrt(data.size) * draws
    return data[draws].mean(axis=1)


def resampled_means(data: np.ndarray, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """n_boot bootstrap means of data: resampled, or from their normal limit for large data."""
    return _means(data, _draws(rng, data.size, n_boot))


def _draw_counts(n: int, n_boot: int, seed: int) -> np.ndarray:
    """How often each of n values is drawn in each of n_boot resamples (n_boot x n).

    The draws are those `resampled_means` makes from a generator seeded with `seed`, so a
    sample of n values has the same interval whichever way it is computed.
    """
    draws = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
    offsets = (np.arange(n_boot)[:, None] * n + draws).ravel()
    return np.bincount(offsets, minlength=n_boot * n).reshape(n_boot, n).astype(float)


def _mean_ci(
    data: np.ndarray, counts: np.ndarray | None, n_boot: int, seed: int, level: float
) -> tuple[float, float, float]:
    """`bootstrap_mean_ci` of data, from `_draw_counts` of its size when it is small."""
    if data.size == 0:
        return (np.nan, np.nan, np.nan)
    if counts is not None:
        means = counts @ data / data.size
    else:
        means = resampled_means(data, np.random.default_rng(seed), n_boot)
    low, high = _percentile_interval(means, level)
    return float(data.mean()), float(low), float(high)


def _percentile_interval(means: np.ndarray, level: float) -> np.ndarray:
    """(low, high) percentile interval of bootstrap means: of each row, for a matrix."""
    tail = (1 - level) / 2 * 100
    return np.percentile(means, [tail, 100 - tail], axis=-1)


def _small_counts(size: int, n_boot: int, seed: int) -> np.ndarray | None:
    return _draw_counts(size, n_boot, seed) if 0 < size <= SMALL_SAMPLE else None


def bootstrap_mean_ci(
    values: Sequence[float],
    n_boot: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval of the mean (resampling sentences)."""
    data = np.asarray(values, dtype=float)
    return _mean_ci(data, _small_counts(data.size, n_boot, seed), n_boot, seed, level)


def mean_intervals(
    samples: Sequence[np.ndarray],
    n_boot: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> list[tuple[float, float, float]]:
    """`bootstrap_mean_ci` of each sample, in order.

    Small samples of one size, such as articles of as many sentences, share the draw counts
    of that size, made once and dropped before the next size: the intervals of thousands of
    articles cost one matrix product each and one percentile over them all, and one size's
    counts in memory at a time.
    """
    found: list[tuple[float, float, float]] = [(np.nan, np.nan, np.nan)] * len(samples)
    by_size = sorted(range(len(samples)), key=lambda index: samples[index].size)
    for size, members in groupby(by_size, key=lambda index: samples[index].size):
        counts = _small_counts(size, n_boot, seed)
        if counts is None:
            for index in members:
                found[index] = _mean_ci(samples[index], counts, n_boot, seed, level)
            continue
        members = list(members)
        means = np.stack([counts @ samples[index] / size for index in members])
        for index, low, high in zip(members, *_percentile_interval(means, level), strict=True):
            found[index] = (float(samples[index].mean()), float(low), float(high))
    return found


def _scope_groups(
    frame: pd.DataFrame, scope: str, per_article: bool = True
) -> list[tuple[str, str, str, np.ndarray]]:
    """(outlet, doc_id, scope, compound values) of each outlet and, with `per_article`, each
    article, in the tone table's order."""
    compound = frame["compound"].to_numpy(dtype=float)
    by_outlet = frame.groupby("outlet").indices
    groups = [((outlet, OUTLET_ROW), by_outlet[outlet]) for outlet in sorted(by_outlet)]
    if per_article:
        by_article = frame.groupby(["outlet", "doc_id"]).indices
        groups += [(key, by_article[key]) for key in sorted(by_article)]
    return [(outlet, doc_id, scope, compound[positions]) for (outlet, doc_id), positions in groups]


def tone_table(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mean compound with 95% bootstrap interval per outlet (doc_id "*") and per article.

    Scopes: `all` sentences, `narration` (the outlet's own sentences), `quotes` (sentences
    that are mostly direct quotation), then `actor:NAME` and `side:SIDE` for the sentences
    that mention each actor, or any actor of a side (`mentions`: doc_id, sent_id, actor,
    side, as `framing.actors.actor_mentions` gives them); actor and side rows are per outlet
    only, as one article rarely has enough such sentences for an interval.
    """
    groups = _scope_groups(sentences, "all")
    groups += _scope_groups(sentences[~sentences["is_quote"]], "narration")
    groups += _scope_groups(sentences[sentences["is_quote"]], "quotes")
    keys = ["doc_id", "sent_id"]
    for level in ("actor", "side"):
        named = mentions.loc[mentions[level] != "", [*keys, level]].drop_duplicates()
        about = sentences.merge(named, on=keys)
        for name, part in about.groupby(level, sort=True):
            groups += _scope_groups(part, f"{level}:{name}", per_article=False)
    intervals = mean_intervals([values for *_, values in groups])
    rows = [
        (outlet, doc_id, scope, len(values), mean, low, high)
        for (outlet, doc_id, scope, values), (mean, low, high) in zip(
            groups, intervals, strict=True
        )
    ]
    columns = ["outlet", "doc_id", "scope", "n_sentences", "mean_compound", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=columns)


def _difference(
    own: np.ndarray, rest: np.ndarray, draws: tuple[np.ndarray, np.ndarray]
) -> tuple[float, float, float]:
    """Difference of the means and its 95% percentile interval, from each side's `_draws`."""
    low, high = np.percentile(_means(own, draws[0]) - _means(rest, draws[1]), [2.5, 97.5])
    return float(own.mean() - rest.mean()), float(low), float(high)


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
    return _difference(
        first, second, (_draws(rng, first.size, n_boot), _draws(rng, second.size, n_boot))
    )


#: The columns of `outlet_differences`.
DIFFERENCE_COLUMNS = [
    "outlet",
    "column",
    "n_own",
    "n_rest",
    "own_mean",
    "difference",
    "ci_low",
    "ci_high",
]


def outlet_differences(
    values: np.ndarray,
    outlets: Sequence[str],
    wanted: Mapping[str, Sequence[int]],
    n_boot: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> pd.DataFrame:
    """`bootstrap_difference` of each wanted column of `values` (rows x columns) between an
    outlet's rows and all other rows, for every outlet in `wanted` (outlet -> column indices).

    The rows are grouped by outlet once, and an outlet's draws depend only on how many rows it
    has and how many the others have, so they are made once for all its columns: the very
    intervals of one `bootstrap_difference` per outlet and column, at the cost of one.

    Returns:
        outlet, column, n_own, n_rest, own_mean, difference, ci_low, ci_high; in the order of
        `wanted`; NaNs when either side is empty.
    """
    matrix = np.asarray(values, dtype=float)
    matrix = matrix[:, None] if matrix.ndim == 1 else matrix
    positions = pd.Series(np.arange(len(outlets))).groupby(np.asarray(outlets)).indices
    rows = []
    for outlet, columns in wanted.items():
        own_rows = np.zeros(len(matrix), dtype=bool)
        own_rows[positions.get(outlet, [])] = True
        n_own, n_rest = int(own_rows.sum()), int((~own_rows).sum())
        draws = None
        if n_own and n_rest:
            rng = np.random.default_rng(seed)
            draws = (_draws(rng, n_own, n_boot), _draws(rng, n_rest, n_boot))
        for column in columns:
            own, rest = matrix[own_rows, column], matrix[~own_rows, column]
            found = _difference(own, rest, draws) if draws is not None else (np.nan,) * 3
            own_mean = float(own.mean()) if n_own else np.nan
            rows.append((outlet, column, n_own, n_rest, own_mean, *found))
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def tone_differences(
    sentences: pd.DataFrame, n_boot: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED
) -> pd.DataFrame:
    """Each outlet's mean compound minus the other outlets', with a bootstrap interval.

    `within_noise` is True when the interval contains 0: the difference could be chance.
    """
    wanted = {outlet: [0] for outlet in sorted(sentences["outlet"].unique())}
    found = outlet_differences(
        sentences["compound"].to_numpy(dtype=float),
        sentences["outlet"].to_numpy(),
        wanted,
        n_boot,
        seed,
    )
    return pd.DataFrame(
        {
            "outlet": found["outlet"],
            "n_sentences": found["n_own"],
            "n_rest": found["n_rest"],
            "difference": found["difference"],
            "ci_low": found["ci_low"],
            "ci_high": found["ci_high"],
            "within_noise": (found["ci_low"] <= 0) & (found["ci_high"] >= 0),
        }
    )


def extreme_sentences(sentences: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """The k most negative and k most positive sentences of each outlet, as evidence."""
    parts = []
    for _, part in sentences.groupby("outlet", sort=True):
        ordered = part.sort_values(["compound", "doc_id", "sent_id"], kind="stable")
        parts.append(ordered.head(k).assign(end="most negative"))
        parts.append(ordered.tail(k).iloc[::-1].assign(end="most positive"))
    columns = ["outlet", "end", "doc_id", "sent_id", "line_no", "compound", "text"]
    return pd.concat(parts, ignore_index=True)[columns]
