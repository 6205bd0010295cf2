"""Loaded language per outlet and event (framing.loaded), on texts written for the test."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from framing.loaded import ALL_EVENTS, COLUMNS, connotation, loaded_terms, sentence_tokens
from framing.overlap import ALIGNMENT_COLUMNS
from framing.tokenize import join_tokens, tokenize


def sentences_of(rows):
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "text", "is_quote"]).assign(
        line_no=1
    )


ROWS = [
    ("a", "A", 1, "The mayor slammed the so-called reform as a disaster.", False),
    ("a", "A", 2, "The council met on Monday.", False),
    ("a", "A", 3, '"It is a wonderful day," a resident said.', True),
    ("b", "B", 1, "The mayor criticised the reform.", False),
    ("b", "B", 2, "The council met on Monday and called it a disaster.", False),
    ("b", "B", 3, "A resident called it a wonderful day.", False),
]
ALIGNMENT = pd.DataFrame(
    [("a", "A", 1, "b", "B", 1, 0.6, "same"), ("b", "B", 1, "a", "A", 1, 0.6, "same")],
    columns=ALIGNMENT_COLUMNS,
)


def test_connotation_folds_inflections_and_uses_both_sources():
    assert connotation("slammed")[0] > 0 and connotation("slammed") == connotation("slams")
    assert connotation("so-called") == (0.6, "framing")
    assert connotation("disaster")[1] == "vader" and connotation("disaster")[0] > 0.5
    assert connotation("council") == (0.0, "")


def test_words_one_outlet_alone_uses_with_evidence_and_the_other_wording():
    table = loaded_terms(sentences_of(ROWS), ALIGNMENT, pd.DataFrame({"doc_id": ["a", "b"]}))
    assert list(table.columns) == COLUMNS
    a = table[table["outlet"] == "A"].set_index("term")
    assert {"slammed", "so-called"} <= set(a.index)
    assert "disaster" not in a.index  # both outlets use it
    row = a.loc["slammed"]
    assert (row["event"], row["count"], row["count_rest"], row["doc_id"], row["sent_id"]) == (
        ALL_EVENTS,
        1,
        0,
        "a",
        1,
    )
    assert row["other_outlet"] == "B" and row["other_sent_id"] == 1
    assert "criticised" in row["other_wording"].split()
    assert table["score"].between(0, 1).all()


def test_evidence_prefers_the_outlets_own_voice_over_quotes():
    rows = [
        ("a", "A", 1, '"What a bombastic speech," one aide said.', True),
        ("a", "A", 2, "It was a bombastic speech.", False),
        ("b", "B", 1, "It was a long speech.", False),
    ]
    table = loaded_terms(sentences_of(rows), ALIGNMENT.iloc[0:0], pd.DataFrame({"doc_id": ["a"]}))
    row = table.set_index("term").loc["bombastic"]
    assert row["sent_id"] == 2 and not row["is_quote"] and row["count"] == 2


def test_per_event_and_pooled_when_documents_name_events():
    rows = [
        ("a1", "A", 1, "The plan is a disaster.", False),
        ("b1", "B", 1, "The plan is costly.", False),
        ("a2", "A", 1, "The vote went fine.", False),
        ("b2", "B", 1, "The vote was a disaster.", False),
    ]
    documents = pd.DataFrame(
        {"doc_id": ["a1", "b1", "a2", "b2"], "event": ["e1", "e1", "e2", "e2"]}
    )
    table = loaded_terms(sentences_of(rows), ALIGNMENT.iloc[0:0], documents)
    keys = set(zip(table["event"], table["outlet"], table["term"], strict=True))
    assert ("e1", "A", "disaster") in keys and ("e2", "B", "disaster") in keys
    assert (ALL_EVENTS, "A", "disaster") not in keys  # pooled, both outlets use it


@given(st.lists(st.sampled_from(["Talks were blunt.", "A bombastic reply", "", "U.S. aides met"])))
def test_sentence_tokens_tokenise_each_text_as_tokenize_does(texts: list[str]) -> None:
    """Repeated texts are tokenised once, with the tokens `tokenize` gives each of them."""
    owners, codes, words = sentence_tokens(pd.Series(texts, dtype=object))
    found = [[words[code] for code in codes[owners == i]] for i in range(len(texts))]
    assert found == [tokenize(text) for text in texts]
    # the per-article stage's joined tokens give the same codes without tokenising again
    joined = pd.Series([join_tokens(tokenize(text)) for text in texts], dtype="str")
    again = sentence_tokens(pd.Series(texts, dtype=object), joined)
    assert [again[0].tolist(), again[1].tolist(), again[2]] == [
        owners.tolist(),
        codes.tolist(),
        words,
    ]
