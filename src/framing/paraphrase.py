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
import os
import re
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

import numpy as np
import pandas as pd
from nltk.stem.porter import PorterStemmer
from scipy import sparse

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
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Porter stem of a lower-case token (cached: news repeats its words)."""
    return _STEMMER.stem(token)


@dataclass(frozen=True)
class Profile:
    """What the same-fact score reads of one sentence, computed once per sentence."""

    content: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    spelling: str
    stems: tuple[str, ...]
    facts: tuple[bool, ...]
    quoted: tuple[tuple[str, ...], ...]
    content_stems: tuple[str, ...]


@lru_cache(maxsize=200_000)
def _word(token: str) -> tuple[str, bool, bool, bool]:
    """(stem, stopword, fact word if lower case, number) of a token: what `profile` reads of
    it, cached (news repeats its words)."""
    stopword = is_stopword(token)
    fact = not stopword and token not in TITLE_WORDS
    return stem(token), stopword, fact, _DIGIT.search(token) is not None


def profile(text: str) -> Profile:
    """The sentence's stem n-grams (1-4), content stems, numbers, names, char trigrams, and
    which stems are fact words; its quoted fragments as stem sequences."""
    spans = token_spans(text)
    stems, facts, content_stems, names, numbers = [], [], [], [], []
    for token, start, _ in spans:
        word_stem, stopword, fact, number = _word(token)
        first = text[start]
        stems.append(word_stem)
        facts.append(fact and (start == 0 or first.islower()))
        if not stopword:
            content_stems.append(word_stem)
        if start > 0 and first.isupper():
            names.append(word_stem)
        if number:
            numbers.append(token)
    quoted = []
    for match in _QUOTED.finditer(normalize_text(text)):
        inside = [
            index
            for index, (_, start, _) in enumerate(spans)
            if match.start(1) <= start < match.end(1)
        ]
        if sum(facts[index] for index in inside) >= QUOTED_WORDS:
            quoted.append(tuple(stems[index] for index in inside))
    return Profile(
        content=frozenset(content_stems),
        numbers=frozenset(numbers),
        names=frozenset(names),
        spelling=_SPACES.sub(" ", text.lower()),
        stems=tuple(stems),
        facts=tuple(facts),
        quoted=tuple(quoted),
        content_stems=tuple(content_stems),
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


#: Pairs whose features are computed at once (bounds the memory of one step).
PAIR_CHUNK = 20_000
#: The sets of a `Profile` whose overlap the features count (with character trigrams).
KINDS = ("content", "numbers", "names")
#: Word positions an in-order bit set holds; pairs of two longer sentences go word by word.
BITS = 64


Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def chunk_map(function: Callable[[Chunk], Result], chunks: Sequence[Chunk]) -> list[Result]:
    """`function` of each chunk of a vectorised step, on the machine's cores at once, in the
    order of `chunks`: numpy and scipy let go of the interpreter in their sorts, searches and
    sparse products, so threads run them side by side (and share the step's arrays)."""
    workers = min(len(chunks), os.cpu_count() or 1)
    if workers <= 1:
        return [function(chunk) for chunk in chunks]
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(function, chunks))


def run_ranks(*keys: np.ndarray) -> np.ndarray:
    """Position of each element within its run of equal keys (the arrays already sorted)."""
    n = len(keys[0])
    if n == 0:
        return np.array([], np.int64)
    new = np.zeros(n, bool)
    new[0] = True
    for key in keys:
        new[1:] |= key[1:] != key[:-1]
    index = np.arange(n)
    return index - np.maximum.accumulate(np.where(new, index, 0))


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a sort: faster than `np.unique`'s hashing on many)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


#: Elements a `_Coder` gathers before coding them at once.
CODE_BLOCK = 1 << 20


class _Coder:
    """Codes of the elements of many sequences, numbered densely in order of first appearance
    and kept as 32-bit integers: the elements are gathered `CODE_BLOCK` at a time and each
    block factorised at once, so the elements of hundreds of thousands of sentences are
    never all held as Python objects, and only a block's distinct ones are looked up one by
    one."""

    def __init__(self) -> None:
        self.vocabulary: dict[Hashable, int] = {}
        self.pending: list[Hashable] = []
        self.blocks: list[np.ndarray] = []
        self.lengths = array("q")

    def add(self, items: Sequence[Hashable] | frozenset[Hashable]) -> None:
        """The elements of the next sequence."""
        self.pending.extend(items)
        self.lengths.append(len(items))
        if len(self.pending) >= CODE_BLOCK:
            self._code_pending()

    def _code_pending(self) -> None:
        local, found = pd.factorize(pd.Series(self.pending, dtype=object))
        vocabulary = self.vocabulary
        codes = np.fromiter(
            (vocabulary.setdefault(item, len(vocabulary)) for item in found), np.int32, len(found)
        )
        self.blocks.append(codes[local])
        self.pending = []

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(owner, code) of every element, and the distinct elements in code order."""
        self._code_pending()
        lengths = np.frombuffer(self.lengths, np.int64)
        owners = np.repeat(np.arange(len(lengths)), lengths)
        distinct = np.empty(len(self.vocabulary), object)
        distinct[:] = list(self.vocabulary)
        return owners, np.concatenate(self.blocks).astype(np.int64), distinct


def _set_matrix(
    owners: np.ndarray, codes: np.ndarray, distinct: np.ndarray, n: int
) -> sparse.csr_matrix:
    """Binary (sentence x element) matrix of one kind of set (content words, numbers...), from
    the `_Coder.arrays` of the sets' elements."""
    indptr = np.r_[0, np.cumsum(np.bincount(owners, minlength=n))]
    data = np.ones(len(codes), bool)
    matrix = sparse.csr_matrix((data, codes, indptr), shape=(n, max(1, len(distinct))))
    matrix.sort_indices()
    return matrix


def _key_matrix(owners: np.ndarray, keys: np.ndarray, n: int) -> sparse.csr_matrix:
    """Binary (sentence x key) matrix from (owner, key) pairs, repeats counted once."""
    columns = pd.factorize(keys)[0]
    matrix = sparse.csr_matrix(
        (np.ones(len(keys), bool), (owners, columns)),
        shape=(n, int(columns.max()) + 1 if len(columns) else 1),
    )
    matrix.data[:] = True
    return matrix


def _gram_matrices(
    owners: np.ndarray, flat: np.ndarray, width: int, n: int
) -> list[sparse.csr_matrix]:
    """Binary (sentence x stem n-gram) matrices for n = 1 to 4, from the stems' codes (`width`
    distinct): each n-gram is the code of the (n-1)-gram at the same start combined with the
    n-th stem, renumbered densely."""
    lengths = np.bincount(owners, minlength=n)
    left = np.repeat(lengths, lengths) - (
        np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    codes, matrices = flat, []
    for k in range(4):
        valid = left > k
        if k:
            codes = codes[:-1] * width + flat[k:] if len(flat) > k else codes[:0]
            codes = pd.factorize(codes)[0]
            valid = valid[: len(codes)]
        matrices.append(_key_matrix(owners[: len(codes)][valid], codes[valid], n))
    return matrices


def _run_matrix(
    owners: np.ndarray, flat: np.ndarray, width: int, facts: np.ndarray, n: int
) -> sparse.csr_matrix:
    """Binary (sentence x fact run) matrix, from the stems' codes (`flat`, `width` distinct).
    A run is a stretch of a sentence from one fact word to the `RUN_WORDS`-th fact word from
    it: two sentences share a run with that many fact words exactly when they share such a
    stretch. Equal runs get one column: runs are coded word by word, each step renumbering the
    pairs (code so far, next stem) densely, and runs of equal length and code are equal."""
    at = np.flatnonzero(facts)
    first, last = at[: max(0, len(at) - RUN_WORDS + 1)], at[RUN_WORDS - 1 :]
    within = owners[first] == owners[last]
    first, last = first[within], last[within]
    codes = flat[first].copy()
    active = np.arange(len(first))
    for step in range(1, int((last - first).max(initial=0)) + 1):
        active = active[last[active] - first[active] >= step]
        codes[active] = pd.factorize(codes[active] * width + flat[first[active] + step])[0]
    keys = (last - first) * (max(width, len(first)) + 1) + codes
    return _key_matrix(owners[first], keys, n)


#: Sentences whose character trigrams are keyed at once (bounds the memory of the keys).
TRIGRAM_BLOCK = 10_000


def _trigram_keys(spellings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(sentence, key) of every character trigram of the spellings: a trigram's key is its
    three code points packed in 63 bits."""
    chars = np.frombuffer("".join(spellings).encode("utf-32-le"), np.uint32).astype(np.int64)
    lengths = np.fromiter(map(len, spellings), np.int64, len(spellings))
    char_owners = np.repeat(np.arange(len(spellings)), lengths)
    at = np.flatnonzero(np.arange(len(chars)) + 2 < np.cumsum(lengths)[char_owners])
    return char_owners[at], (chars[at] << 42) | (chars[at + 1] << 21) | chars[at + 2]


class _Trigrams:
    """Binary (sentence x character trigram) matrix of the sentences' lower-cased spelling,
    built as the spellings arrive: every `TRIGRAM_BLOCK` sentences are keyed at once and only
    their distinct (sentence, trigram) pairs kept, not the spellings. The columns are the
    distinct keys of all blocks, in key order."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.counts: list[np.ndarray] = []  # trigrams of each sentence, block by block
        self.local: list[np.ndarray] = []  # each pair's trigram, as a code of its block
        self.keys: list[np.ndarray] = []  # the distinct keys of each block, sorted

    def add(self, spelling: str) -> None:
        """The next sentence's spelling."""
        self.pending.append(spelling)
        if len(self.pending) == TRIGRAM_BLOCK:
            self._key_block()

    def _key_block(self) -> None:
        owners, keys = _trigram_keys(self.pending)
        codes, values = pd.factorize(keys, sort=True)
        width = max(1, len(values))
        pairs = _distinct(owners * width + codes)
        self.counts.append(np.bincount(pairs // width, minlength=len(self.pending)))
        self.local.append((pairs % width).astype(np.int32))
        self.keys.append(values)
        self.pending = []

    def matrix(self) -> sparse.csr_matrix:
        """The matrix of every sentence added; each block's codes are released once mapped."""
        if self.pending:
            self._key_block()
        counts = np.concatenate(self.counts) if self.counts else np.zeros(0, np.int64)
        if not self.keys:
            return sparse.csr_matrix((len(counts), 1), dtype=bool)
        columns, distinct = pd.factorize(np.concatenate(self.keys), sort=True)
        columns = columns.astype(np.int32)
        indices = np.empty(int(counts.sum()), np.int32)
        start = offset = 0
        while self.local:
            local, width = self.local.pop(0), len(self.keys.pop(0))
            indices[start : start + len(local)] = columns[offset + local]
            start, offset = start + len(local), offset + width
        return sparse.csr_matrix(
            (np.ones(len(indices), bool), indices, np.r_[0, np.cumsum(counts)]),
            shape=(len(counts), max(1, len(distinct))),
        )


def _shared(matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """How many elements the sets of rows[i] and cols[i] have in common, pair by pair (the
    entries of the rows' product: the matrices are binary)."""
    return np.diff(matrix[rows].multiply(matrix[cols]).indptr).astype(float)


def ragged(indptr: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pair, flat position) of every element of each owner's run in a flat array (owner i's
    run from indptr[i] to indptr[i + 1]): pair is the index into `owners`."""
    lengths = indptr[owners + 1] - indptr[owners]
    pair = np.repeat(np.arange(len(owners)), lengths)
    offset = np.arange(len(pair)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return pair, indptr[owners][pair] + offset


def _near(indptr: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """Positions, in order, of the runs of the distinct `owners` in an array grouped by owner
    (owner i's run starting at indptr[i]): the part a lookup for these owners can need, small
    enough to stay in cache where the whole array of a large corpus does not."""
    return ragged(indptr, _distinct(owners))[1]


def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """values of the sorted `keys` at `wanted`, -1 where a key is missing."""
    at = np.minimum(np.searchsorted(keys, wanted), max(0, len(keys) - 1))
    if not len(keys):
        return np.full(len(wanted), -1, np.int64)
    return np.where(keys[at] == wanted, values[at], -1)


class _Sequences:
    """Sentences as sequences of occurrence-labelled words ("the" twice: the#1, the#2), so a
    label occurs at most once per sentence: then the words of a recurring in b in the same
    order (`_in_order`, either way) are the longest increasing run of the positions in b of
    a's labels, found for many pairs at once with a bit set of run ends. Built from the
    `_Coder.arrays` of the words of `n` sentences."""

    def __init__(self, owner: np.ndarray, words: np.ndarray, n: int) -> None:
        keys = owner * (int(words.max(initial=0)) + 1) + words
        order = np.argsort(keys, kind="stable")
        occurrence = np.empty(len(keys), np.int64)
        occurrence[order] = run_ranks(keys[order])
        labels, distinct = pd.factorize(words * (int(occurrence.max(initial=0)) + 1) + occurrence)
        self.words = words.astype(np.int32)
        self.flat = labels.astype(np.int32)
        self.lengths = np.bincount(owner, minlength=n).astype(np.int64)
        self.indptr = np.r_[0, np.cumsum(self.lengths)].astype(np.int64)
        self.width = max(1, len(distinct))
        keys = owner * self.width + self.flat
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.positions = (np.arange(len(keys)) - self.indptr[owner])[order].astype(np.int32)

    def sequence(self, index: int) -> list[int]:
        """The word codes of sentence `index`, in order."""
        return self.words[self.indptr[index] : self.indptr[index + 1]].tolist()

    def in_order(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """`_ordered` of each pair's sequences."""
        longer = self.lengths[rows] >= self.lengths[cols]
        a, b = np.where(longer, rows, cols), np.where(longer, cols, rows)
        out = np.zeros(len(rows), np.int64)
        fits = self.lengths[b] <= BITS
        out[fits] = self._runs(a[fits], b[fits])
        for index in np.flatnonzero(~fits):
            out[index] = _ordered(self.sequence(rows[index]), self.sequence(cols[index]))
        return out

    def _runs(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Longest increasing run of b-positions of a's labels (b at most `BITS` long)."""
        pair, flat = ragged(self.indptr, a)
        near = _near(self.indptr, b)
        found = _lookup(
            self.keys[near], self.positions[near], b[pair] * self.width + self.flat[flat]
        )
        pair, found = pair[found >= 0], found[found >= 0].astype(np.uint64)
        rank = np.arange(len(pair)) - np.searchsorted(pair, pair)
        # step k: every pair's k-th found label (rank < BITS: a radix sort of bytes)
        by_rank = np.argsort(rank.astype(np.uint8), kind="stable")
        bounds = np.r_[0, np.cumsum(np.bincount(rank))]
        ends = np.zeros(len(a), np.uint64)
        one = np.uint64(1)
        for start, stop in pairwise(bounds.tolist()):
            at = by_rank[start:stop]
            who, bit = pair[at], one << found[at]
            tails = ends[who]
            above = tails & ~(bit - one)
            lowest = above & (~above + one)
            ends[who] = (tails & ~lowest) | bit
        return np.bitwise_count(ends).astype(np.int64)


class _Content:
    """Content stems per sentence with their `PREFIX`-letter prefixes, for `_unmatched`;
    built from the `_Coder.arrays` of the content sets of `n` sentences."""

    def __init__(self, owner: np.ndarray, flat: np.ndarray, distinct: np.ndarray, n: int) -> None:
        self.flat = flat.astype(np.int32)
        long = np.fromiter(map(len, distinct), np.int64, len(distinct)) >= PREFIX
        prefixes, found = pd.factorize(pd.Series([w[:PREFIX] for w in distinct], dtype=object))
        self.prefix = np.where(long, prefixes, -1).astype(np.int32)[self.flat]
        self.indptr = np.r_[0, np.cumsum(np.bincount(owner, minlength=n))].astype(np.int64)
        self.width = max(1, len(distinct))
        self.prefix_width = max(1, len(found))
        self.words = np.sort(owner * self.width + self.flat)
        long = self.prefix >= 0
        keys, counts = np.unique(
            owner[long] * self.prefix_width + self.prefix[long], return_counts=True
        )
        self.prefix_keys, self.prefix_counts = keys, counts
        self.prefix_indptr = np.searchsorted(keys, np.arange(n + 1) * self.prefix_width)

    def unmatched(self, own: np.ndarray, other: np.ndarray) -> np.ndarray:
        """`_unmatched` of each pair: own's content stems that other lacks, even by prefix."""
        pair, flat = ragged(self.indptr, own)
        word, prefix = self.flat[flat], self.prefix[flat]
        near = _near(self.indptr, other)
        words = self.words[near]
        in_other = _lookup(words, near, other[pair] * self.width + word) >= 0
        long = prefix >= 0
        group = pair * self.prefix_width + prefix
        near = _near(self.prefix_indptr, other)
        counted = _lookup(
            self.prefix_keys[near],
            self.prefix_counts[near],
            other[pair] * self.prefix_width + prefix,
        )
        inverse, keys = pd.factorize(np.where(long, group, -1))  # by hashing: order unneeded
        shared = np.bincount(inverse, weights=in_other & long, minlength=len(keys))
        variant = long & (counted - shared[inverse] > 0)
        return np.bincount(pair, weights=~in_other & ~variant, minlength=len(own))


#: The fields of a `Profile` the encoding codes element by element.
_CODED_FIELDS = ("stems", "content_stems", *KINDS)


class _Encoding:
    """The sentences' profiles as integer matrices and arrays, built once for all pairs in one
    pass over the profiles, which are not kept: memory follows flat arrays, not the Python
    objects of hundreds of thousands of profiles."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        coders = {field: _Coder() for field in _CODED_FIELDS}
        facts = bytearray()  # a byte per flag, not a pointer
        trigrams = _Trigrams()
        self.quoted: dict[int, tuple[str, ...]] = {}  # quoted fragments' passages, by sentence
        self.passages: dict[int, str] = {}  # `stem_passage` of the sentences compared so far
        for index, found in enumerate(profiles):
            for field, coder in coders.items():
                coder.add(getattr(found, field))
            facts.extend(found.facts)
            trigrams.add(found.spelling)
            if found.quoted:
                self.quoted[index] = tuple(map(_passage, found.quoted))
        self.sets = {"trigrams": trigrams.matrix()}
        n = self.sets["trigrams"].shape[0]
        owners, stems, self.stem_words = coders.pop("stems").arrays()
        self.grams = _gram_matrices(owners, stems, len(self.stem_words), n)
        self.runs = _run_matrix(owners, stems, len(self.stem_words), np.frombuffer(facts, bool), n)
        self.stems = _Sequences(owners, stems, n)
        self.lengths = np.bincount(owners, minlength=n).astype(float)
        content = coders.pop("content").arrays()
        self.content = _Content(*content, n)
        self.sets["content"] = _set_matrix(*content, n)
        for kind in KINDS[1:]:
            self.sets[kind] = _set_matrix(*coders.pop(kind).arrays(), n)
        owners, words, _ = coders.pop("content_stems").arrays()
        self.content_lengths = np.bincount(owners, minlength=n).astype(float)
        self.content_stems = _Sequences(owners, words, n)

    def features(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The `FEATURE_NAMES` columns of the pairs (rows[i], cols[i])."""
        columns = []
        for grams in self.grams:
            sizes = np.diff(grams.indptr).astype(float)
            shared = _shared(grams, rows, cols)
            left = shared / np.maximum(1, sizes[rows])
            right = shared / np.maximum(1, sizes[cols])
            columns += [np.minimum(left, right), np.maximum(left, right)]
        counts = {}
        for kind, matrix in self.sets.items():
            sizes = np.diff(matrix.indptr).astype(float)
            counts[kind] = (sizes[rows], sizes[cols], _shared(matrix, rows, cols))
        size_a, size_b, shared = counts["content"]
        added_a, added_b = size_a - shared, size_b - shared
        number_a, number_b, number_shared = counts["numbers"]
        numbers = number_a + number_b - 2 * number_shared
        name_a, name_b, name_shared = counts["names"]
        names = name_a + name_b - 2 * name_shared
        lengths, content_lengths = self.lengths, self.content_lengths
        longest = np.maximum(1, np.maximum(lengths[rows], lengths[cols]))
        gram_a, gram_b, gram_shared = counts["trigrams"]
        ordered = self.stems.in_order(rows, cols)
        content_ordered = self.content_stems.in_order(rows, cols)
        unmatched_a = self.content.unmatched(rows, cols)
        unmatched_b = self.content.unmatched(cols, rows)
        covered_a = 1.0 - unmatched_a / np.maximum(1, size_a)
        covered_b = 1.0 - unmatched_b / np.maximum(1, size_b)
        columns += [
            np.minimum(added_a, added_b),
            np.maximum(added_a, added_b),
            (numbers > 0).astype(float),
            numbers / np.maximum(1, number_a + number_b - number_shared),
            np.abs(lengths[rows] - lengths[cols]) / longest,
            np.log(longest),
            (names > 0).astype(float),
            names,
            gram_shared / np.maximum(1, gram_a + gram_b - gram_shared),
            ordered / np.maximum(1, np.minimum(lengths[rows], lengths[cols])),
            ordered / longest,
            content_ordered
            / np.maximum(1, np.maximum(content_lengths[rows], content_lengths[cols])),
            np.maximum(covered_a, covered_b),
            np.minimum(unmatched_a, unmatched_b),
            np.maximum(unmatched_a, unmatched_b),
        ]
        return np.column_stack(columns)

    def scores(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Probability-like score (0-1) that each pair reports the same fact. Pairs go in
        chunks of `PAIR_CHUNK`, each reduced to its scores at once, so memory does not grow
        with the pairs; the chunks run side by side (`chunk_map`)."""
        rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)

        def chunk_logits(start: int) -> np.ndarray:
            chunk = slice(start, start + PAIR_CHUNK)
            return self.features(rows[chunk], cols[chunk]) @ WEIGHTS

        parts = chunk_map(chunk_logits, range(0, len(rows), PAIR_CHUNK))
        logits = np.concatenate(parts) if parts else np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(logits + INTERCEPT)))

    def relations(self, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """`same`, `partial` or `unique` for each pair (see the module docstring)."""
        rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
        content = np.diff(self.sets["content"].indptr)
        enough = np.minimum(content[rows], content[cols]) >= MIN_CONTENT_WORDS
        names = np.array(RELATIONS, dtype=object)  # three strings, referenced by every pair
        found = names[np.where(enough & (scores >= SAME_SCORE), 0, RELATIONS.index("unique"))]
        below = np.flatnonzero(enough & (scores < SAME_SCORE))
        passage = _shared(self.runs, rows[below], cols[below]) > 0
        quoted = np.zeros(len(content), bool)
        quoted[list(self.quoted)] = True
        for index in np.flatnonzero(~passage & (quoted[rows[below]] | quoted[cols[below]])):
            passage[index] = self.repeats_quote(rows[below[index]], cols[below[index]])
        found[below[passage]] = "partial"
        return found

    def repeats_quote(self, a: int, b: int) -> bool:
        """Whether one of sentences a and b repeats a quoted fragment of the other word for word."""
        return any(
            any(part in self.stem_passage(other) for part in self.quoted.get(quoter, ()))
            for quoter, other in ((a, b), (b, a))
        )

    def stem_passage(self, index: int) -> str:
        """The `_passage` of a sentence's stems, made once (a sentence is compared with many)."""
        if index not in self.passages:
            self.passages[index] = _passage(self.stem_words[self.stems.sequence(index)])
        return self.passages[index]


def pair_features(profiles: Iterable[Profile], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The features of `FEATURE_NAMES` (columns) of each pair (profiles[rows[i]],
    profiles[cols[i]]), symmetric in the two."""
    return _Encoding(profiles).features(np.asarray(rows, np.int64), np.asarray(cols, np.int64))


def same_fact_scores(profiles: Iterable[Profile], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Probability-like score (0-1) that each pair (rows[i], cols[i]) reports the same fact."""
    return _Encoding(profiles).scores(rows, cols)


def relations(
    profiles: Iterable[Profile], rows: np.ndarray, cols: np.ndarray, scores: np.ndarray
) -> np.ndarray:
    """`same`, `partial` or `unique` for each pair (see the module docstring)."""
    return _Encoding(profiles).relations(rows, cols, scores)


def _unordered_pairs(
    a: np.ndarray, b: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct unordered pairs (a[i], b[i]) of codes below n, as (low, high), and where
    each pair i is among them."""
    pairs, inverse = np.unique(np.minimum(a, b) * max(1, n) + np.maximum(a, b), return_inverse=True)
    low, high = np.divmod(pairs, max(1, n))
    return low, high, inverse.ravel()


def same_fact(
    texts: Sequence[str] | pd.Series, first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(same-fact score, relation) of each pair (texts[first[i]], texts[second[i]]).

    Both are symmetric and depend on the two texts only, so each distinct text is profiled
    once and each unordered pair of distinct texts scored once (news repeats sentences); the
    profiles are encoded as they are made, never all held at once.
    """
    ids, distinct = pd.factorize(pd.Series(texts))
    rows, cols, inverse = _unordered_pairs(ids[first], ids[second], len(distinct))
    encoding = _Encoding(profile(text) for text in distinct)
    scores = encoding.scores(rows, cols)
    found = encoding.relations(rows, cols, scores)
    return scores[inverse], found[inverse]


#: Joins stems into one string for `_passage`: no token holds a line break.
_APART = "\n"


def _passage(words: Iterable[str]) -> str:
    """The words joined by a character no word holds, and framed by it: a run of words
    occurs contiguously in a sequence exactly when its passage is a substring of the
    sequence's passage."""
    return _APART + _APART.join(words) + _APART
