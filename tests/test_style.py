"""House style kept out of distinctive terms (framing.style), on texts written for the test."""

from __future__ import annotations

import pandas as pd

from framing.style import event_terms, outlet_names, split_style, style_kind, terms_and_style
from framing.terms import count_terms, distinctive_terms


def test_each_kind_of_house_style():
    assert style_kind("mr") == style_kind("mr lindqvist") == "honorific"
    assert style_kind("sen") == style_kind("gov") == "honorific"
    assert style_kind("said") == style_kind("told") == style_kind("lindqvist said") == "reporting"
    assert style_kind("tuesday") == style_kind("march") == "calendar"
    assert style_kind("d-ore") == style_kind("r-s") == style_kind("i-vt") == "party_label"
    assert style_kind("j") == style_kind("k.") == style_kind("1,200") == "letter"
    assert style_kind("contributed") == "furniture"


def test_framing_words_are_not_style():
    for term in ("levy", "tax relief", "islamic center", "mosque near", "death tax", "order"):
        assert style_kind(term) == "", term


def test_outlet_names_by_shape_and_labels():
    texts = [
        "Ms. Ortiz told The Valley Times that the levy would pass.",
        "A spokesman for Ortiz did not respond to the Riverside Post on Friday.",
        "She also spoke to DailyNews about it, and to the Harbor Tribune.",
        "The Riverside council met on Tuesday; the post office closed.",
    ]
    names = outlet_names(texts, ["Coast Wire"])
    assert {"times", "valley times", "post", "riverside post", "tribune", "dailynews"} <= names
    assert {"coast", "wire", "coast wire"} <= names
    assert "harbor" in names  # only ever used inside the name
    assert "riverside" not in names  # used outside the name too
    assert style_kind("valley times", names) == "outlet_name"
    assert style_kind("levy", names) == ""


def test_style_is_kept_out_of_the_ranking_and_listed_apart():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a1", "a2", "b1", "b2"],
            "outlet": ["A", "A", "B", "B"],
            "sent_id": [1, 1, 1, 1],
            "text": [
                "Mr. Ortiz said on Tuesday the death tax hurts farms, The Valley Times learned.",
                "Mr. Ortiz said the death tax must go, Sen. Hale (R-Ore.) said.",
                "Ortiz argued the estate tax funds schools.",
                "Ortiz argued the estate tax is fair.",
            ],
        }
    )
    documents = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2"], "outlet": ["A", "A", "B", "B"]})
    table = distinctive_terms(count_terms(sentences), min_count=1)
    found = terms_and_style(table, sentences, documents)
    kept, style = found["terms"], found["style_terms"]
    top_a = kept[kept["outlet"] == "A"].head(5)["term"].tolist()
    assert "death tax" in top_a and "mr" not in set(kept["term"])
    assert {"mr", "said", "tuesday", "sen", "r-ore", "valley times"} <= set(style["term"])
    assert set(style["kind"]) <= {
        "honorific", "reporting", "calendar", "party_label", "letter", "outlet_name", "furniture"
    }  # fmt: skip
    assert len(kept) + len(style) == len(table)
    assert list(style.columns) == [*table.columns, "kind"]
    again, _ = split_style(kept)
    assert again.equals(kept)  # nothing left to take out


def test_terms_within_each_event_show_what_the_pooled_counts_hide():
    texts = {
        ("a1", "A", "e1"): "The blockade of the port said nothing good. The blockade went on.",
        ("b1", "B", "e1"): "The closure of the port went on. Officials said the closure hurt.",
        ("a2", "A", "e2"): "The closure of the bridge went on. The closure hurt trade.",
        ("b2", "B", "e2"): "The blockade of the bridge went on. The blockade hurt trade.",
        ("c3", "C", "e3"): "Only one outlet covered the flood.",
    }
    rows = [
        (doc, outlet, sent_id, sentence.strip() + ".")
        for (doc, outlet, _), text in texts.items()
        for sent_id, sentence in enumerate(text.split(".")[:-1], start=1)
    ]
    sentences = pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "text"])
    documents = pd.DataFrame(
        [(doc, outlet, event) for doc, outlet, event in texts],
        columns=["doc_id", "outlet", "event"],
    )
    pooled = distinctive_terms(count_terms(sentences))
    blockade = pooled[(pooled["term"] == "blockade") & pooled["outlet"].isin(["A", "B"])]
    assert (blockade["z"].abs() < 0.1).all()  # each outlet wrote it in one of the two stories
    table = event_terms(sentences, documents)
    assert set(table["event"]) == {"e1", "e2"}  # e3 has one outlet: nothing to compare
    top = table.sort_values("z", ascending=False).groupby(["event", "outlet"]).head(1)
    firsts = {(row.event, row.outlet): row.term for row in top.itertuples()}
    assert firsts[("e1", "A")] == firsts[("e2", "B")] == "blockade"
    assert firsts[("e1", "B")] == firsts[("e2", "A")] == "closure"
    assert not table["term"].isin(["said"]).any()
    assert (table["z"] > 0).all()
    assert table.loc[table["term"] == "blockade", "z"].min() > 5 * blockade["z"].abs().max()
