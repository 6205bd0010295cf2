"""Coverage overlap: alignment calibrated on hand-aligned seed pairs, shared quotes, topics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing import overlap
from framing.load import read_topics
from framing.paraphrase import SHARED_RELATIONS
from framing.pipeline import analyze
from framing.tokenize import split_sentences

FIXTURES = __import__("conftest").ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def seed_tables():
    return analyze(__import__("conftest").SEEDS)


def _sentences(outlet_texts: dict[str, str]) -> pd.DataFrame:
    rows = []
    for outlet, text in outlet_texts.items():
        for sent_id, sentence in enumerate(split_sentences(text), start=1):
            rows.append((f"{outlet.lower()}-1", outlet, sent_id, sent_id, sentence))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "line_no", "text"])


def test_hand_aligned_seed_pairs_are_found_and_no_negative_is_shared(seed_tables):
    """Pairs a reader aligned by hand: same fact or quote (even reworded or trimmed) or not."""
    pairs = pd.read_csv(FIXTURES / "alignment_seeds.csv", dtype={"doc_a": str, "doc_b": str})
    alignment = seed_tables["alignment"]
    shared = alignment[alignment["relation"].isin(SHARED_RELATIONS)]
    found = set(shared[["doc_a", "sent_a", "doc_b", "sent_b"]].itertuples(index=False, name=None))
    called = pd.Series(
        [
            (a, i, b, j) in found or (b, j, a, i) in found
            for a, i, b, j in pairs[["doc_a", "sent_a", "doc_b", "sent_b"]].itertuples(index=False)
        ]
    )
    same = pairs["same"].astype(bool)
    true_pos, false_pos = int((called & same).sum()), int((called & ~same).sum())
    assert false_pos == 0
    assert 2 * true_pos / (2 * true_pos + false_pos + int((~called & same).sum())) >= 0.85


def test_a_single_event_corpus_stays_one_event(seed_tables):
    assert seed_tables["events"]["event"].nunique() == 1
    assert seed_tables["blindspots"].empty


def test_every_sentence_gets_its_shared_counterparts_and_one_near_miss():
    sentences = _sentences(
        {
            "North Post": "The port strike ended on Monday after nine days. "
            "Dock workers won a pay rise of four percent. The mayor thanked the union.",
            "South Daily": "After nine days, the strike at the port ended on Monday. "
            "A storm closed the airport.",
            "East Radio": "Workers at the docks secured a four percent pay rise. "
            "Fishing boats stayed in the harbour.",
        }
    )
    table = overlap.align_sentences(sentences)
    assert (table["outlet_a"] != table["outlet_b"]).all()
    rows = table.groupby(["doc_a", "sent_a"])["relation"]
    assert rows.size().size == len(sentences)  # every sentence is listed
    assert (rows.apply(lambda r: (r == "unique").sum()) <= 1).all()  # at most one near miss
    shared = table[table["relation"].isin(SHARED_RELATIONS)]
    pairs = set(shared[["outlet_a", "sent_a", "outlet_b", "sent_b"]].itertuples(index=False))
    assert ("North Post", 1, "South Daily", 1) in pairs  # reworded, same fact
    assert ("North Post", 2, "East Radio", 1) in pairs
    alone = overlap.only_in(table, sentences, "South Daily")
    assert alone["text"].tolist() == ["A storm closed the airport."]
    summary = overlap.coverage_summary(table, sentences).set_index("outlet")
    assert summary.loc["North Post", "n_shared"] == 2 and summary.loc["North Post", "n_unique"] == 1


def test_a_fact_an_outlet_reports_twice_has_both_counterparts_and_counts_once():
    """A verbatim repeat does not hide the reworded report of the same fact."""
    fact = "The city council approved the new budget for public libraries on Thursday evening."
    rows = [
        ("west-1", "West Gazette", 1, 1, fact),
        ("west-1", "West Gazette", 2, 2, "Volunteers painted the old railway bridge green."),
        ("west-2", "West Gazette", 1, 1, "Snow closed the mountain road for a week."),
        ("east-1", "East Courier", 1, 1, fact),
        (
            "east-2",
            "East Courier",
            1,
            1,
            "On Thursday evening the city council approved the new public libraries budget.",
        ),
        ("east-2", "East Courier", 2, 2, "A bakery opened near the harbour last month."),
    ]
    sentences = pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "line_no", "text"])
    table = overlap.align_sentences(sentences)
    own = table[(table["doc_a"] == "west-1") & (table["sent_a"] == 1)]
    assert own["relation"].tolist() == ["same", "same"]
    assert own["doc_b"].tolist() == ["east-1", "east-2"]  # the verbatim copy first
    counts = overlap.alignment_counts(table, sentences).set_index(["outlet_a", "outlet_b"])
    assert counts.loc[("West Gazette", "East Courier"), "same"] == 1
    assert counts.loc[("East Courier", "West Gazette"), "same"] == 2


def test_sparse_search_finds_the_same_best_counterparts_as_a_dense_matrix():
    rng = np.random.default_rng(7)
    vocabulary = [f"word{i}" for i in range(60)]
    texts = [" ".join(rng.choice(vocabulary, size=8)) + "." for _ in range(240)]
    groups = np.arange(240) % 4
    vectors = overlap.sentence_vectors(texts)
    rows, cols, sims = overlap.best_counterparts(vectors, groups)
    dense = (vectors @ vectors.T).toarray()
    found = {(r, groups[c]): s for r, c, s in zip(rows, cols, sims, strict=True)}
    for r in range(240):
        for group in set(range(4)) - {groups[r]}:
            members = np.flatnonzero(groups == group)
            assert found.get((r, group), 0.0) == pytest.approx(dense[r, members].max(), abs=1e-5)


@pytest.mark.parametrize("exact_max", [100_000, 100])
def test_rows_searched_in_many_chunks_side_by_side_find_what_one_chunk_finds(
    monkeypatch, exact_max
):
    """The candidate search's row chunks run in threads; results keep the rows' order."""
    monkeypatch.setattr(overlap, "EXACT_MAX_SENTENCES", exact_max)
    rng = np.random.default_rng(11)
    vocabulary = [f"w{i}" for i in range(120)]
    texts = [" ".join(rng.choice(vocabulary, size=9)) + "." for _ in range(400)]
    vectors, groups = overlap.sentence_vectors(texts), np.arange(400) % 5
    whole = overlap.best_counterparts(vectors, groups, per_group=3)
    monkeypatch.setattr(overlap, "CHUNK_BUDGET", 200)  # dozens of chunks
    assert len(overlap._chunks(np.full(400, 50.0))) > 10
    chunked = overlap.best_counterparts(vectors, groups, per_group=3)
    for found, expected in zip(chunked, whole, strict=True):
        assert found.tolist() == expected.tolist()


def test_quotes_shared_across_outlets_survive_trimming_and_punctuation():
    quotes = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c"],
            "outlet": ["A", "A", "B", "C"],
            "sent_id": [1, 2, 4, 2],
            "quote": [
                "We will not sign this deal, not now and not ever.",
                "The talks were useful",
                "we will not sign this deal",
                "Prices will rise next year",
            ],
            "speaker": ["Jane Roe", "Jane Roe", "Roe", "John Doe"],
        }
    )
    shared = overlap.shared_quotes(quotes)
    assert shared[["outlet_a", "sent_a", "outlet_b", "sent_b"]].values.tolist() == [
        ["A", 1, "B", 4]
    ]
    assert shared["containment"].iloc[0] == 1.0


def test_seed_quotes_used_by_both_outlets(seed_tables):
    shared = seed_tables["shared_quotes"]
    assert len(shared) >= 4
    assert (shared["outlet_a"] != shared["outlet_b"]).all()
    assert (shared["containment"] >= overlap.QUOTE_CONTAINMENT).all()


def test_configured_topics_match_whole_words_and_acronyms_by_case():
    sentences = _sentences(
        {"A": "The EU met. Europe's fishermen protested.", "B": "Eunice swam. The eu was absent."}
    )
    topics = pd.DataFrame({"topic": ["Union", "Fishing"], "patterns": [("EU",), ("fishermen",)]})
    found = overlap.sentence_topics(sentences, topics)
    assert found[["outlet", "sent_id", "topic"]].values.tolist() == [
        ["A", 1, "Union"],
        ["A", 2, "Fishing"],
    ]
    coverage = overlap.topic_coverage(overlap.keep_topics(found, True), sentences)
    assert coverage.set_index("topic").loc["Union", "first_sentence"] == "The EU met."


def test_topic_literal_filter_keeps_every_regex_match():
    """Texts passed over by the literal pre-check are exactly those the patterns cannot match,
    whatever the case, typographic marks or non-ASCII letters."""
    texts = [
        "FISHING RIGHTS were discussed.",
        "The fishing\u2019s rights.",
        "Caf\u00e9 owners spoke of Fishing Rights.",
        "\u201cFree trade\u201d, she said.",
        "Nothing relevant here.",
        "The Kelvin \u212a sign and trade.",
    ]
    sentences = pd.DataFrame(
        {"doc_id": "d", "outlet": "A", "sent_id": range(1, 7), "line_no": 1, "text": texts}
    )
    topics = pd.DataFrame(
        {
            "topic": ["Fish", "Trade", "Caf"],
            "patterns": [("fishing rights",), ("trade",), ("caf\u00e9",)],
        }
    )
    found = overlap.sentence_topics(sentences, topics)
    expected = []
    for sent_id, text in enumerate(texts, start=1):
        for topic, patterns in zip(topics["topic"], topics["patterns"], strict=True):
            match = overlap._topic_pattern(patterns).search(overlap.normalize_text(text))
            if match:
                expected.append([sent_id, topic, text[match.start() : match.end()]])
    assert found[["sent_id", "topic", "matched"]].values.tolist() == expected
    assert len(expected) == 5


def test_seed_topics_come_from_the_corpus_file(seed_tables, seeds):
    topics = seed_tables["topics"]
    assert set(topics["topic"]) <= set(read_topics(seeds)["topic"])
    evidence = seed_tables["sentence_topics"].merge(
        seed_tables["sentences"], on=["doc_id", "sent_id"]
    )
    for matched, text in zip(evidence["matched"], evidence["text"], strict=True):
        assert matched in text


def test_without_topics_file_found_phrases_stand_in_and_exclude_people(three_outlets):
    tables = analyze(three_outlets)
    topics = tables["topics"]
    assert set(topics["outlet"]) == set(tables["documents"]["outlet"])
    people = set(tables["sentence_actors"]["actor"])
    assert people and not any(
        name.lower() in topic.lower() for name in people for topic in topics["topic"]
    )
    assert topics.groupby("topic")["mentions"].sum().min() >= 2


def test_aligned_pairs_list_each_shared_pair_once_with_both_sentences(seed_tables):
    pairs = overlap.aligned_pairs(seed_tables["alignment"], seed_tables["sentences"])
    assert pairs["relation"].isin(SHARED_RELATIONS).all()
    assert pairs["similarity"].is_monotonic_decreasing
    assert not pairs.duplicated(["doc_a", "sent_a", "doc_b", "sent_b"]).any()
    text = seed_tables["sentences"].set_index(["doc_id", "sent_id"])["text"]
    for row in pairs.itertuples():
        assert text[(row.doc_a, row.sent_a)] == row.sentence_a
        assert text[(row.doc_b, row.sent_b)] == row.sentence_b


def test_topic_matrix_counts_mentions_per_outlet(seed_tables):
    topics = seed_tables["topics"]
    matrix = overlap.topic_matrix(topics)
    assert matrix.to_numpy().sum() == topics["mentions"].sum()
    assert list(matrix.sum(axis=1)) == sorted(matrix.sum(axis=1), reverse=True)
    evidence = overlap.topic_evidence(topics, seed_tables["sentences"])
    assert len(evidence) == len(topics) and evidence["line_no"].notna().all()


def test_bounded_search_on_a_large_corpus_still_finds_copied_sentences(monkeypatch):
    """Above EXACT_MAX_SENTENCES the search is bounded; wire copy reused verbatim is found."""
    monkeypatch.setattr(overlap, "EXACT_MAX_SENTENCES", 100)
    rng = np.random.default_rng(3)
    vocabulary = [f"w{i}" for i in range(400)]
    texts = [" ".join(rng.choice(vocabulary, size=10)) + "." for _ in range(600)]
    texts += texts[:50]  # the first 50 sentences copied by another outlet
    groups = np.array([0] * 300 + [1] * 300 + [2] * 50)
    rows, cols, sims = overlap.best_counterparts(overlap.sentence_vectors(texts), groups)
    best = {(r, groups[c]): (c, s) for r, c, s in zip(rows, cols, sims, strict=True)}
    for copy in range(600, 650):
        column, similarity = best[(copy, 0)]
        assert column == copy - 600 and similarity == pytest.approx(1.0, abs=1e-5)


_CANDIDATE = st.tuples(st.integers(0, 5), st.integers(0, 3), st.sampled_from([0.0, 0.25, 0.5]))


@given(st.lists(_CANDIDATE, max_size=40))
def test_best_first_orders_as_the_lexicographic_sort(candidates):
    rows = np.array([row for row, _, _ in candidates], np.int64)
    groups = np.array([group for _, group, _ in candidates], np.int64)
    scores = np.array([score for _, _, score in candidates], np.float32)
    cols = np.arange(len(candidates))[::-1].copy()
    expected = np.lexsort((cols, -scores, groups, rows))
    assert overlap._best_first(rows, groups, scores, cols).tolist() == expected.tolist()
    first = np.arange(len(candidates)) % 2 / 3  # a float64 key sorted before the scores
    expected = np.lexsort((cols, -scores, -first, groups, rows))
    assert overlap._best_first(rows, groups, scores, cols, first).tolist() == expected.tolist()
