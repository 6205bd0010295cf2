"""Tone: the reference VADER per sentence, and bootstrap intervals that a reader can trust."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.pipeline import analyze
from framing.sentiment import (
    BOOTSTRAP_SAMPLES,
    BOOTSTRAP_SEED,
    bootstrap_mean_ci,
    mean_intervals,
    polarity_scores,
    resampled_means,
    score_sentences,
    tone_differences,
    tone_table,
)

REFERENCE = SentimentIntensityAnalyzer()
#: Words that move VADER (lexicon, boosters, negation, "but", idioms), emoji and emoticons.
VADER_WORDS = st.sampled_from(
    [
        "good",
        "terrible",
        "very",
        "not",
        "but",
        "kind",
        "of",
        "the",
        "shit",
        "kiss",
        "death",
        "NEVER",
        "great",
        "!",
        "?",
        ":)",
        ":(",
        "😀",
        "😡",
        "👍🏽",
        "1️⃣",
        "#",
        " ",
        "  ",
        "\t",
    ]
)


def test_scores_equal_the_reference_implementation_on_every_seed_sentence(seeds):
    sentences = analyze(seeds)["sentences"]
    reference = SentimentIntensityAnalyzer()
    for text, compound in zip(sentences["text"], sentences["compound"], strict=True):
        assert abs(reference.polarity_scores(text)["compound"] - compound) < 1e-3


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(VADER_WORDS, max_size=30).map("".join), st.text(max_size=80)))
def test_scores_are_exactly_the_reference_scores_with_or_without_emoji(text):
    assert polarity_scores(text) == REFERENCE.polarity_scores(text)


def test_each_distinct_text_is_scored_once_with_identical_results():
    texts = ["A terrible failure.", "A great success!", "A terrible failure."]
    scores = score_sentences(texts)
    assert scores.iloc[0].equals(scores.iloc[2]) and scores.loc[1, "compound"] > 0.5
    assert scores.loc[0, "compound"] < -0.5


def test_bootstrap_is_reproducible_and_covers_the_mean():
    values = [-0.5, 0.1, 0.3, 0.7, -0.2, 0.0]
    first, again = bootstrap_mean_ci(values), bootstrap_mean_ci(values)
    assert first == again
    mean, low, high = first
    assert low <= mean <= high and low < high


def test_tone_scopes_and_noise_label_on_three_outlets(three_outlets):
    tables = analyze(three_outlets)
    sentences = tables["sentences"]
    tone = tone_table(sentences, tables["sentence_actors"])
    assert set(tone["scope"]) - {"all", "narration", "quotes"} == {
        f"actor:{name}" for name in tables["sentence_actors"]["actor"]
    }
    outlet_rows = tone[(tone.doc_id == "*") & (tone.scope == "all")]
    assert sorted(outlet_rows["outlet"]) == sorted(sentences["outlet"].unique())
    split = tone[(tone.doc_id == "*") & tone.scope.isin(["narration", "quotes"])]
    assert (
        split.groupby("outlet")["n_sentences"]
        .sum()
        .equals(outlet_rows.set_index("outlet")["n_sentences"])
    )
    differences = tone_differences(sentences)
    assert len(differences) == 3
    assert (
        differences["within_noise"]
        == ((differences["ci_low"] <= 0) & (differences["ci_high"] >= 0))
    ).all()


def test_clear_difference_is_not_labelled_noise():
    sentences = pd.DataFrame(
        {
            "outlet": ["A"] * 20 + ["B"] * 20,
            "compound": [0.8] * 20 + [-0.8] * 20,
        }
    )
    differences = tone_differences(sentences).set_index("outlet")
    assert not differences.loc["A", "within_noise"] and differences.loc["A", "difference"] > 1


def test_actor_tone_averages_the_sentences_that_mention_the_actor():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b"],
            "outlet": ["X", "X", "X", "Y", "Y"],
            "sent_id": [1, 2, 3, 1, 2],
            "compound": [0.5, -0.5, 0.9, 0.2, -0.4],
            "is_quote": [False, True, False, False, False],
        }
    )
    mentions = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "sent_id": [1, 2, 2, 2],
            "actor": ["Jane Roe", "Jane Roe", "Acme", "Jane Roe"],
            "side": ["north", "north", "north", "north"],
        }
    )
    tone = tone_table(sentences, mentions).set_index(["outlet", "doc_id", "scope"])
    assert tone.loc[("X", "*", "actor:Jane Roe"), "mean_compound"] == 0.0
    assert tone.loc[("X", "*", "actor:Jane Roe"), "n_sentences"] == 2
    assert tone.loc[("X", "*", "actor:Acme"), "mean_compound"] == -0.5
    # a sentence naming two actors of one side counts once for the side
    assert tone.loc[("X", "*", "side:north"), "n_sentences"] == 2
    assert tone.loc[("Y", "*", "side:north"), "mean_compound"] == -0.4
    assert ("X", "a", "actor:Jane Roe") not in tone.index  # actor rows are per outlet only


def test_large_samples_use_the_normal_limit_of_the_bootstrap():
    from framing.sentiment import BOOTSTRAP_MAX_N, bootstrap_difference

    rng = np.random.default_rng(1)
    small = rng.uniform(-1, 1, size=BOOTSTRAP_MAX_N)
    large = np.concatenate([small, small[:10]])  # just over the limit: normal limit used
    _, low_small, high_small = bootstrap_mean_ci(small)
    _, low_large, high_large = bootstrap_mean_ci(large)
    assert abs((high_small - low_small) - (high_large - low_large)) < 0.003
    difference, low, high = bootstrap_difference(large + 0.5, large)
    assert difference == pytest.approx(0.5) and low < difference < high


def test_small_samples_get_exactly_the_interval_resampling_gives():
    values = np.random.default_rng(7).uniform(-1, 1, size=37)
    _, low, high = bootstrap_mean_ci(values)
    means = resampled_means(values, np.random.default_rng(BOOTSTRAP_SEED), BOOTSTRAP_SAMPLES)
    assert np.allclose([low, high], np.percentile(means, [2.5, 97.5]), rtol=0, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.floats(-1, 1), max_size=12), max_size=8))
def test_intervals_of_many_samples_at_once_are_each_samples_own(samples):
    arrays = [np.array(values, dtype=float) for values in samples]
    expected = [bootstrap_mean_ci(values) for values in arrays]
    assert np.array_equal(mean_intervals(arrays), expected, equal_nan=True)


def test_outlet_differences_are_one_bootstrap_difference_per_outlet_and_column():
    from framing.sentiment import BOOTSTRAP_MAX_N, bootstrap_difference, outlet_differences

    rng = np.random.default_rng(3)
    outlets = np.array(["A"] * 12 + ["B"] * 40 + ["C"] * (BOOTSTRAP_MAX_N + 5))
    values = np.column_stack([rng.uniform(-1, 1, len(outlets)), rng.integers(0, 2, len(outlets))])
    wanted = {"A": [0, 1], "B": [1], "C": [0], "D": [0]}  # D has no rows
    found = outlet_differences(values, outlets, wanted).set_index(["outlet", "column"])
    assert list(found.index) == [("A", 0), ("A", 1), ("B", 1), ("C", 0), ("D", 0)]
    for (outlet, column), row in found.drop(("D", 0)).iterrows():
        own = outlets == outlet
        expected = bootstrap_difference(values[own, column], values[~own, column])
        assert (row["difference"], row["ci_low"], row["ci_high"]) == expected
        assert row["own_mean"] == values[own, column].mean() and row["n_own"] == own.sum()
    assert found.loc[("D", 0)][["difference", "ci_low", "ci_high"]].isna().all()
