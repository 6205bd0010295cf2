"""Distinctive terms: counts, bigram rules, and the weighted log-odds checked by hand."""

import math

import numpy as np
import pandas as pd

from framing.terms import count_terms, distinctive_terms, log_odds, merge_counts, sentence_terms


def frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "line_no", "text"])


def test_bigrams_stay_inside_a_sentence_and_never_hold_a_stopword():
    terms = sentence_terms("Fishing rights of the islands stayed open after trade talks.")
    assert "trade talks" in terms and "fishing rights" in terms
    assert not any(word in {"of", "the"} for term in terms for word in term.split())
    both = count_terms(
        frame(
            [
                ("d", "A", 1, 1, "Trade talks ended."),
                ("d", "A", 2, 1, "Fishing rights stayed open."),
            ]
        )
    )
    assert "ended fishing" not in set(both["term"])


def test_log_odds_and_z_against_a_hand_computation():
    # Outlet counts y = (3, 1), rest counts r = (1, 3), prior a = (1, 1) so a0 = 2, n = m = 4.
    delta, variance, z = log_odds(np.array([3.0, 1.0]), np.array([1.0, 3.0]), np.array([1.0, 1.0]))
    by_hand = math.log((3 + 1) / (4 + 2 - 3 - 1)) - math.log((1 + 1) / (4 + 2 - 1 - 1))
    assert by_hand == math.log(2) - math.log(0.5)
    assert math.isclose(delta[0], by_hand)
    assert math.isclose(variance[0], 1 / 4 + 1 / 2)
    assert math.isclose(z[0], by_hand / math.sqrt(0.75))
    assert math.isclose(delta[1], -delta[0])


def test_one_vs_rest_for_three_outlets_and_min_count():
    counts = pd.DataFrame(
        [
            ("A", "border", 1, 9),
            ("B", "border", 1, 1),
            ("C", "border", 1, 1),
            ("A", "rare", 1, 1),
            ("B", "fund", 1, 5),
            ("C", "fund", 1, 5),
        ],
        columns=["outlet", "term", "n", "count"],
    )
    table = distinctive_terms(counts, prior_strength=10, min_count=2)
    assert set(table["outlet"]) == {"A", "B", "C"} and "rare" not in set(table["term"])
    top = table.sort_values("z", ascending=False).iloc[0]
    assert (top["outlet"], top["term"], top["count"], top["count_rest"]) == ("A", "border", 9, 2)
    assert table.loc[(table.outlet == "A") & (table.term == "fund"), "z"].item() < 0


def test_merging_partial_counts_equals_counting_at_once(seeds):
    from framing.pipeline import analyze

    sentences = analyze(seeds)["sentences"]
    halves = [sentences.iloc[: len(sentences) // 2], sentences.iloc[len(sentences) // 2 :]]
    once = merge_counts([count_terms(sentences)])
    assert merge_counts(count_terms(part) for part in halves).equals(once)


def test_keyword_in_context_matches_whole_words_only():
    from framing.terms import keyword_in_context

    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "outlet": ["X", "X"],
            "sent_id": [1, 2],
            "line_no": [3, 4],
            "text": ["The airport reopened, the port did not.", "Airports and sports."],
        }
    )
    found = keyword_in_context(sentences, "port")
    assert found["match"].tolist() == ["port"]
    assert found["left"].tolist() == ["The airport reopened, the "]
