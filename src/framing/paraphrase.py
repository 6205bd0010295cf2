"""Whether two sentences report the same fact: the relation a reader sees for an aligned pair.

Two news sentences on the same story share much of their wording whether or not they say
the same thing, so one similarity cannot tell "the same fact in other words" from "the same
topic, another claim". The same-fact score combines evidence a reader would weigh: how much
of each sentence's words, word pairs, triples and quadruples the other repeats, how many
content words each adds (a word sharing its first `PREFIX` letters with one of the other,
"organiser" / "organizer", counts as matched), how many words recur in the same order,
whether their numbers and names agree, their lengths and their shared spelling (character
trigrams). The weights are a logistic model fitted once on the
development half of MSRP (pairs of news sentences judged by people); every feature depends
on the two sentences only, so the score means the same in any corpus.

Relations: `same` (same fact, in the same or other words: the score reaches `SAME_SCORE`),
`partial` (below it, but the two share a passage: a run of words with at least `RUN_WORDS`
fact words, or a quoted fragment with at least `QUOTED_WORDS` fact words that the other
repeats word for word; a fact or quote shared, with something added or left out) and
`unique` (nothing comparable). Fact words are content words that are neither names nor
titles, so a shared designation ("the party's foreign affairs chief") is no shared fact.
Sentences with fewer than `MIN_CONTENT_WORDS` content words (attribution stubs, datelines)
are never shared.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from nltk.stem.porter import PorterStemmer

from framing.actors import TITLE_WORDS
from framing.tokenize import is_stopword, normalize_text, token_spans

#: From this same-fact score on, a pair reports the same fact.
SAME_SCORE = 0.5
#: A pair below `SAME_SCORE` is `partial` when a run of words they share holds this many fact
#: words, or a quoted fragment of one with this many fact words is repeated in the other.
RUN_WORDS = 3
QUOTED_WORDS = 2
#: Sentences with fewer content words never count as shared ("he told reporters.").
MIN_CONTENT_WORDS = 4
#: Two content stems that differ but share their first this many letters count as matched.
PREFIX = 4
#: Relation values of `align_sentences`, and those that mean the sentence is shared.
RELATIONS = ("same", "partial", "unique")
SHARED_RELATIONS = ("same", "partial")

#: Logistic weights over `pair_features` (raw feature values), fitted on MSRP train
#: (4,076 pairs; 5-fold cross-validated accuracy 0.761, F1 0.831 at `SAME_SCORE`;
#: `benchmarks/fit_paraphrase.py` prints them).
FEATURE_NAMES = (
    "words_min",
    "words_max",
    "pairs_min",
    "pairs_max",
    "triples_min",
    "triples_max",
    "quads_min",
    "quads_max",
    "added_min",
    "added_max",
    "numbers_differ",
    "numbers_unshared",
    "length_difference",
    "log_length",
    "names_differ",
    "names_unshared",
    "trigram_jaccard",
    "in_order_min",
    "in_order_max",
    "content_in_order",
    "covered_max",
    "unmatched_min",
    "unmatched_max",
)
WEIGHTS = np.array(
    [
        1.7839,  # words_min
        1.6175,  # words_max
        2.9780,  # pairs_min
        -2.7618,  # pairs_max
        -0.6146,  # triples_min
        -2.6514,  # triples_max
        -0.5535,  # quads_min
        0.1799,  # quads_max
        0.2363,  # added_min
        0.1070,  # added_max
        -0.7453,  # numbers_differ
        0.4300,  # numbers_unshared
        6.2172,  # length_difference
        -0.7556,  # log_length
        -0.0674,  # names_differ
        0.0060,  # names_unshared
        6.7043,  # trigram_jaccard
        -8.4091,  # in_order_min
        15.1113,  # in_order_max
        -1.8856,  # content_in_order
        0.2179,  # covered_max
        -0.1938,  # unmatched_min
        -0.1292,  # unmatched_max
    ]
)
INTERCEPT = -3.6505

_STEMMER = PorterStemmer()
_SPACES = re.compile(r"\s+")
_QUOTED = re.compile(r'"([^"]+)"')


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Porter stem of a lower-case token (cached: news repeats its words)."""
    return _STEMMER.stem(token)


@dataclass(frozen=True)
class Profile:
    """What the same-fact score reads of one sentence, computed once per sentence."""

    grams: tuple[frozenset, ...]
    content: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    trigrams: frozenset[str]
    length: int
    stems: tuple[str, ...]
    facts: tuple[bool, ...]
    fact_runs: frozenset[tuple[str, ...]]
    quoted: tuple[tuple[str, ...], ...]
    content_stems: tuple[str, ...]


def _fact_runs(stems: list[str], facts: tuple[bool, ...]) -> frozenset[tuple[str, ...]]:
    """Every stretch of the sentence from one fact word to the `RUN_WORDS`-th after it: two
    sentences share a run with that many fact words exactly when they share a stretch."""
    positions = [i for i, fact in enumerate(facts) if fact]
    return frozenset(
        tuple(stems[start : stop + 1])
        for start, stop in zip(positions, positions[RUN_WORDS - 1 :], strict=False)
    )


def profile(text: str) -> Profile:
    """The sentence's stem n-grams (1-4), content stems, numbers, names, char trigrams, and
    which stems are fact words; its quoted fragments as stem sequences."""
    spans = token_spans(text)
    stems = [stem(token) for token, _, _ in spans]
    facts = tuple(
        not is_stopword(token)
        and token not in TITLE_WORDS
        and (start == 0 or text[start].islower())
        for token, start, _ in spans
    )
    quoted = []
    for match in _QUOTED.finditer(normalize_text(text)):
        inside = [
            (stem(t), fact)
            for (t, start, _), fact in zip(spans, facts, strict=True)
            if match.start(1) <= start < match.end(1)
        ]
        if sum(fact for _, fact in inside) >= QUOTED_WORDS:
            quoted.append(tuple(s for s, _ in inside))
    grams = tuple(
        frozenset(zip(*(stems[i:] for i in range(k)), strict=False)) for k in (1, 2, 3, 4)
    )
    lower = _SPACES.sub(" ", text.lower())
    content_stems = tuple(
        s for s, (t, _, _) in zip(stems, spans, strict=True) if not is_stopword(t)
    )
    return Profile(
        grams=grams,
        content=frozenset(content_stems),
        numbers=frozenset(t for t, _, _ in spans if any(c.isdigit() for c in t)),
        names=frozenset(
            s
            for s, (_, start, _) in zip(stems, spans, strict=True)
            if start > 0 and text[start].isupper()
        ),
        trigrams=frozenset(lower[i : i + 3] for i in range(len(lower) - 2)),
        length=len(stems),
        stems=tuple(stems),
        facts=facts,
        fact_runs=_fact_runs(stems, facts),
        quoted=tuple(quoted),
        content_stems=content_stems,
    )


def _in_order(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words of `a` recur in `b` in the same order: the longest increasing run of
    their positions in `b` (each word taking its earliest unused position), which equals the
    longest common subsequence when no word repeats, in O(n log n)."""
    positions: dict[str, list[int]] = {}
    for index, word in enumerate(b):
        positions.setdefault(word, []).append(index)
    used: dict[str, int] = {}
    tails: list[int] = []
    for word in a:
        taken = used.get(word, 0)
        if word not in positions or taken >= len(positions[word]):
            continue
        used[word] = taken + 1
        position = positions[word][taken]
        at = bisect.bisect_left(tails, position)
        tails[at : at + 1] = [position]
    return len(tails)


def _ordered(a: Sequence[str], b: Sequence[str]) -> int:
    """`_in_order` both ways, the larger: symmetric in a and b."""
    return max(_in_order(a, b), _in_order(b, a))


def _unmatched(own: frozenset[str], other: frozenset[str]) -> int:
    """Content stems of `own` that `other` lacks, even as a word of the same first
    `PREFIX` letters (organiser / organizer, attack / attackers)."""
    prefixes = {word[:PREFIX] for word in other - own if len(word) >= PREFIX}
    return sum(1 for word in own - other if len(word) < PREFIX or word[:PREFIX] not in prefixes)


def pair_features(a: Profile, b: Profile) -> list[float]:
    """The features of `FEATURE_NAMES` for one pair, symmetric in a and b."""
    features = []
    for ga, gb in zip(a.grams, b.grams, strict=True):
        shared = len(ga & gb)
        left, right = shared / max(1, len(ga)), shared / max(1, len(gb))
        features += [min(left, right), max(left, right)]
    added = len(a.content - b.content), len(b.content - a.content)
    numbers = len(a.numbers ^ b.numbers)
    names = len(a.names ^ b.names)
    longest = max(1, a.length, b.length)
    grams = len(a.trigrams | b.trigrams)
    ordered = _ordered(a.stems, b.stems)
    unmatched = _unmatched(a.content, b.content), _unmatched(b.content, a.content)
    covered = [
        1.0 - missing / max(1, len(own))
        for missing, own in zip(unmatched, (a.content, b.content), strict=True)
    ]
    return [
        *features,
        min(added),
        max(added),
        float(numbers > 0),
        numbers / max(1, len(a.numbers | b.numbers)),
        abs(a.length - b.length) / longest,
        math.log(longest),
        float(names > 0),
        float(names),
        len(a.trigrams & b.trigrams) / max(1, grams),
        ordered / max(1, min(a.length, b.length)),
        ordered / longest,
        _ordered(a.content_stems, b.content_stems)
        / max(1, len(a.content_stems), len(b.content_stems)),
        max(covered),
        min(unmatched),
        max(unmatched),
    ]


def same_fact_scores(pairs: Sequence[tuple[Profile, Profile]]) -> np.ndarray:
    """Probability-like score (0-1) that each pair reports the same fact."""
    if not pairs:
        return np.array([], float)
    features = np.array([pair_features(a, b) for a, b in pairs], float)
    return 1.0 / (1.0 + np.exp(-(features @ WEIGHTS + INTERCEPT)))


def _contains(sequence: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(sequence[i : i + n] == part for i in range(len(sequence) - n + 1))


def shares_passage(a: Profile, b: Profile) -> bool:
    """Whether a and b share a run with `RUN_WORDS` fact words, or one repeats a quoted
    fragment of the other word for word."""
    return (
        bool(a.fact_runs & b.fact_runs)
        or any(_contains(b.stems, part) for part in a.quoted)
        or any(_contains(a.stems, part) for part in b.quoted)
    )


def relations(pairs: Sequence[tuple[Profile, Profile]], scores: np.ndarray) -> list[str]:
    """`same`, `partial` or `unique` for each pair (see the module docstring)."""
    found = []
    for (a, b), score in zip(pairs, scores, strict=True):
        if min(len(a.content), len(b.content)) < MIN_CONTENT_WORDS:
            found.append("unique")
        elif score >= SAME_SCORE:
            found.append("same")
        else:
            found.append("partial" if shares_passage(a, b) else "unique")
    return found
