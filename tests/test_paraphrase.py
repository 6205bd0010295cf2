"""The same-fact relation of a sentence pair: same, partial (shared passage) or unique."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from framing import paraphrase


def _relation(a: str, b: str) -> str:
    profiles = [paraphrase.profile(a), paraphrase.profile(b)]
    scores = paraphrase.same_fact_scores(profiles, [0], [1])
    return paraphrase.relations(profiles, [0], [1], scores)[0]


def test_the_same_fact_in_other_words_is_same():
    assert (
        _relation(
            "The city council approved the new budget of 40 million dollars on Tuesday.",
            "On Tuesday the city council approved a new budget of 40 million dollars.",
        )
        == "same"
    )


def test_the_same_topic_with_another_claim_is_not_same():
    assert (
        _relation(
            "The city council approved the new budget of 40 million dollars on Tuesday.",
            "The city council rejected a plan to close two libraries on Tuesday.",
        )
        != "same"
    )


def test_a_quoted_fragment_repeated_word_for_word_is_partial():
    assert (
        _relation(
            'The minister called the proposal "a reckless gamble with pensions" on Sunday.',
            'Speaking to farmers, she said it was "a reckless gamble with pensions" and that '
            "the opposition had never costed it.",
        )
        == "partial"
    )


def test_sharing_only_names_and_titles_is_unique():
    assert (
        _relation(
            "Foreign Minister Anna Berg met the delegation at the airport.",
            "Foreign Minister Anna Berg later denied that any deal had been reached.",
        )
        == "unique"
    )


def test_attribution_stubs_never_count_as_shared():
    assert _relation("He told reporters.", "told reporters.") == "unique"
    assert _relation("Berlin, Monday.", "Berlin, Monday.") == "unique"


@given(st.text(alphabet="abcdefgh .,", max_size=60), st.text(alphabet="abcdefgh .,", max_size=60))
def test_the_score_is_symmetric_and_between_zero_and_one(a, b):
    ab, ba = paraphrase.same_fact_scores(
        [paraphrase.profile(a), paraphrase.profile(b)], [0, 1], [1, 0]
    )
    assert 0.0 <= ab <= 1.0 and abs(ab - ba) < 1e-9


def test_pairs_scored_in_many_chunks_side_by_side_score_as_all_at_once(monkeypatch):
    """The score's pair chunks run in threads; every pair keeps its own score."""
    texts = [
        "The council approved the budget of 40 million dollars on Tuesday.",
        "On Tuesday the council approved a 40 million dollar budget.",
        "The council rejected a plan to close two libraries.",
        'She called it "a reckless gamble with pensions" on Sunday.',
        "It was a reckless gamble with pensions, she said.",
    ]
    rows, cols = np.triu_indices(len(texts), 1)
    profiles = [paraphrase.profile(text) for text in texts]
    whole = paraphrase.same_fact_scores(profiles, rows, cols)
    monkeypatch.setattr(paraphrase, "PAIR_CHUNK", 2)
    chunked = paraphrase.same_fact_scores(profiles, rows, cols)
    # equal to the last bits a matrix product of another shape may sum in another order
    np.testing.assert_allclose(chunked, whole, rtol=1e-12, atol=0)
    assert len(set(np.round(whole, 6))) == len(whole)  # distinct scores: none swapped
    assert paraphrase.chunk_map(lambda x: x * x, range(9)) == [x * x for x in range(9)]


def _features(a: str, b: str) -> dict[str, float]:
    values = paraphrase.pair_features([paraphrase.profile(a), paraphrase.profile(b)], [0], [1])
    return dict(zip(paraphrase.FEATURE_NAMES, values[0], strict=True))


def _common_subsequence(a: list[int], b: list[int]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    return table[-1][-1]


@given(st.permutations(list(range(8))), st.lists(st.integers(0, 12), unique=True, max_size=10))
def test_words_in_order_is_the_longest_common_subsequence_without_repeats(a, b):
    assert paraphrase._ordered(a, b) == _common_subsequence(a, b)


@given(
    st.lists(st.sampled_from("ab cd ef gh ij kl".split()), max_size=80),
    st.lists(st.sampled_from("ab cd ef gh ij kl".split()), max_size=80),
)
def test_words_in_order_of_many_pairs_at_once_match_one_pair_at_a_time(a, b):
    """The bit-set run over all pairs, words repeated, either sentence over `BITS` long."""
    sequences = [a, b, a[:70], b[:3]]
    rows, cols = np.array([0, 1, 2, 3, 0, 0]), np.array([1, 0, 3, 2, 2, 3])
    coder = paraphrase._Coder()
    for sequence in sequences:
        coder.add(sequence)
    owners, words, _ = coder.arrays()
    found = paraphrase._Sequences(owners, words, len(sequences)).in_order(rows, cols)
    expected = [
        paraphrase._ordered(sequences[i], sequences[j]) for i, j in zip(rows, cols, strict=True)
    ]
    assert found.tolist() == expected


def test_swapped_roles_keep_the_words_but_lose_their_order():
    same = _features(
        "The union sued the company over unpaid wages in March.",
        "The union sued the firm over unpaid wages in March.",
    )
    swapped = _features(
        "The union sued the company over unpaid wages in March.",
        "The company sued the union over unpaid wages in March.",
    )
    assert swapped["words_min"] == 1.0
    assert swapped["in_order_max"] < 1.0
    assert swapped["in_order_max"] < same["in_order_max"]


def test_spelling_variants_count_as_matched_content_words():
    found = _features(
        "The organiser cancelled the harbour festival on Friday.",
        "The organizer canceled the harbor festival on Friday.",
    )
    assert found["added_max"] > 0
    assert found["unmatched_max"] == 0
    assert found["covered_max"] == 1.0


def _grams(words: tuple[str, ...], n: int) -> set[tuple[str, ...]]:
    return {words[i : i + n] for i in range(len(words) - n + 1)}


def _runs(stems: tuple[str, ...], facts: tuple[bool, ...]) -> set[tuple[str, ...]]:
    """Every stretch from one fact word to the `RUN_WORDS`-th fact word from it."""
    at = [i for i, fact in enumerate(facts) if fact]
    return {stems[a : b + 1] for a, b in zip(at, at[paraphrase.RUN_WORDS - 1 :], strict=False)}


@given(
    st.lists(
        st.lists(st.sampled_from("Ab cd 7 ef Gh ij 12 kl ab".split()), max_size=12).map(" ".join),
        min_size=2,
        max_size=6,
    )
)
def test_the_encoding_counts_what_the_profiles_share(texts):
    """The flat encoding of many sentences at once counts, for every pair, the n-grams,
    content words, fact runs, numbers, names and character trigrams the two profiles have in
    common."""
    profiles = [paraphrase.profile(text) for text in texts]
    rows, cols = np.triu_indices(len(texts), 1)
    encoding = paraphrase._Encoding(profiles)
    for n, grams in enumerate(encoding.grams, start=1):
        shared = paraphrase._shared(grams, rows, cols)
        expected = [
            len(_grams(profiles[i].stems, n) & _grams(profiles[j].stems, n))
            for i, j in zip(rows, cols, strict=True)
        ]
        assert shared.tolist() == expected
    for kind in paraphrase.KINDS:
        shared = paraphrase._shared(encoding.sets[kind], rows, cols)
        sets = [getattr(p, kind) for p in profiles]
        assert shared.tolist() == [len(sets[i] & sets[j]) for i, j in zip(rows, cols, strict=True)]
    runs = [_runs(p.stems, p.facts) for p in profiles]
    shared = paraphrase._shared(encoding.runs, rows, cols)
    assert shared.tolist() == [len(runs[i] & runs[j]) for i, j in zip(rows, cols, strict=True)]
    trigrams = [{p.spelling[k : k + 3] for k in range(len(p.spelling) - 2)} for p in profiles]
    shared = paraphrase._shared(encoding.sets["trigrams"], rows, cols)
    assert shared.tolist() == [
        len(trigrams[i] & trigrams[j]) for i, j in zip(rows, cols, strict=True)
    ]


_WORDS = st.lists(st.sampled_from(["the", "ab", "a", "b", "ba", "talk"]), max_size=12)


@given(_WORDS, st.lists(_WORDS.filter(bool), min_size=1, max_size=3))
def test_a_passage_is_contained_exactly_when_its_words_follow_each_other(sequence, parts):
    slices = {
        tuple(sequence[i : i + n])
        for n in range(1, len(sequence) + 1)
        for i in range(len(sequence))
    }
    expected = any(tuple(part) in slices for part in parts)
    found = any(paraphrase._passage(part) in paraphrase._passage(sequence) for part in parts)
    assert found == expected
