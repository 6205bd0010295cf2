"""Frame lexicon, sentence matching and frame profiles (framing.frames)."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.clean import article_lines, label_lines
from framing.frames import (
    HIT_COLUMNS,
    OUTLET_ROW,
    TABLE_COLUMNS,
    dominant_frames,
    frame_definitions,
    frame_evidence,
    frame_table,
    load_lexicon,
    sentence_frames,
)
from framing.load import read_actors, read_article, read_manifest, read_topics
from framing.tokenize import sentence_spans, split_sentences, tokenize


def make_sentences(articles: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Sentences of short (outlet, doc_id, text) articles; a sentence opening with a quotation
    mark is taken as quotation."""
    rows = []
    for outlet, doc_id, text in articles:
        for sent_id, sentence in enumerate(split_sentences(text), start=1):
            rows.append((doc_id, outlet, sent_id, 1, sentence, sentence.startswith(('"', "“"))))
    return pd.DataFrame(
        rows, columns=["doc_id", "outlet", "sent_id", "line_no", "text", "is_quote"]
    )


def corpus_sentences(root: Path) -> pd.DataFrame:
    """The article sentences of a corpus folder, cut as the pipeline cuts them."""
    manifest, _ = read_manifest(root)
    rows = []
    for row in manifest.to_dict("records"):
        article = read_article(root, row)
        labels = label_lines(article.text, article.title, article.outlet)
        sent_id = 0
        for line in article_lines(labels).itertuples():
            text = line.text.strip()
            for start, end in sentence_spans(text):
                sent_id += 1
                sentence = text[start:end]
                rows.append(
                    (
                        article.doc_id,
                        article.outlet,
                        sent_id,
                        line.line_no,
                        sentence,
                        sentence.startswith(('"', "“")),
                    )
                )
    return pd.DataFrame(
        rows, columns=["doc_id", "outlet", "sent_id", "line_no", "text", "is_quote"]
    )


def write_lexicon(path: Path, rows: list[tuple[str, ...]], header: str = "frame,pattern,weight"):
    lines = [header, *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_lexicon(tmp_path: Path) -> pd.DataFrame:
    return load_lexicon(
        write_lexicon(
            tmp_path / "small.csv",
            [
                ("conflict", "barbs", "1"),
                ("conflict", "trad* barbs", "2"),
                ("conflict", "war", "1"),
                ("conflict", "war of words", "2"),
                ("conflict", "accus*", "1"),
                ("conflict", "clash", "1"),
                ("conflict", "clash*", "1.5"),
                ("economic", "trade war", "2"),
                ("economic", "tariff*", "1"),
                ("wit", "barbs", "1"),
            ],
        )
    )


@pytest.fixture(scope="module")
def lexicon() -> pd.DataFrame:
    return load_lexicon()


def hits_of(text: str, lexicon: pd.DataFrame) -> dict[str, tuple[float, str]]:
    found = sentence_frames(make_sentences([("Wire", "a", text)]), lexicon)
    return {row.frame: (row.hits, row.matched) for row in found.itertuples()}


# --- the packaged lexicon ---------------------------------------------------------------


def test_packaged_lexicon_covers_the_documented_frames(lexicon):
    definitions = frame_definitions(lexicon)
    expected = {
        "conflict", "responsibility", "economic", "human_interest", "morality", "capacity",
        "fairness", "legality", "policy", "crime", "security", "health", "quality_of_life",
        "identity", "public_opinion", "political", "reputation", "cooperation",
        "human_rights", "history",
    }  # fmt: skip
    assert set(definitions["frame"]) == expected
    assert definitions["n_patterns"].between(15, 150).all()
    assert (definitions["definition"].str.len() > 40).all()
    assert definitions["source"].str.contains("Semetko|Boydstun|diplomacy").all()
    assert (lexicon["weight"].between(1, 2) | (lexicon["weight"] == 0)).all()  # 0: blocks
    assert lexicon["frame"].str.fullmatch(r"[a-z]+(?:_[a-z]+)*").all()


def test_frames_md_documents_every_frame(lexicon):
    text = (files("framing") / "data" / "FRAMES.md").read_text(encoding="utf-8")
    for row in frame_definitions(lexicon).itertuples():
        assert f"\n### {row.frame}\n\n{row.definition}\n" in text
    assert "Journal of Communication, 50(2)" in text.replace("*", "")
    assert "Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014)" in text


def test_lexicon_names_no_one_from_the_seed_event(lexicon, seeds):
    names = {token for name in read_actors(seeds)["name"] for token in tokenize(name)}
    places = {
        token
        for patterns in read_topics(seeds)["patterns"]
        for pattern in patterns
        if pattern[:1].isupper()
        for token in tokenize(pattern)
    }
    words = {word.rstrip("*") for pattern in lexicon["pattern"] for word in pattern.split()}
    assert {"blinken", "china", "hong", "taiwan"} <= names | places  # the check has teeth
    assert not words & (names | places)


# --- matching ---------------------------------------------------------------------------


def test_multi_word_patterns_match(lexicon):
    found = hits_of(
        "The ministers were at odds over the fund, and a war of words broke out.", lexicon
    )
    assert found["conflict"] == (4.0, "at odds|war of words")


def test_phrases_do_not_match_across_clause_punctuation(small_lexicon):
    assert hits_of("A trade war loomed.", small_lexicon)["economic"] == (2.0, "trade war")
    assert "economic" not in hits_of("They discussed trade, war and peace.", small_lexicon)


def test_wildcard_matches_inflections_and_plain_words_match_whole_words(small_lexicon):
    text = "He accused them; they accuse him; the Accusations and accusing looks continue."
    assert hits_of(text, small_lexicon)["conflict"] == (
        4.0,
        "accused|accuse|accusations|accusing",
    )
    assert hits_of("New tariffs, a tariff and tariff-free goods.", small_lexicon)["economic"] == (
        3.0,
        "tariffs|tariff|tariff-free",
    )
    assert hits_of("The warden saw warfare and a toy war.", small_lexicon)["conflict"] == (
        1.0,
        "war",
    )


def test_longest_match_wins_and_is_not_counted_again(small_lexicon):
    found = hits_of("Both sides traded barbs in a war of words, then more barbs.", small_lexicon)
    # "traded barbs" (2) and "war of words" (2) absorb "barbs" and "war"; the lone "barbs" counts.
    assert found["conflict"] == (5.0, "traded barbs|war of words|barbs")
    # Another frame listing the same word counts it for itself.
    assert found["wit"] == (2.0, "barbs|barbs")


def test_equal_length_overlap_counts_once_with_the_heavier_pattern(small_lexicon):
    assert hits_of("A clash, then clashes.", small_lexicon)["conflict"] == (3.0, "clash|clashes")


def test_lexicon_changes_are_not_hidden_by_the_compiled_cache(small_lexicon):
    text = "They traded barbs."
    heavier = small_lexicon.assign(weight=small_lexicon["weight"] * 3)
    assert hits_of(text, small_lexicon)["conflict"][0] == 2.0
    assert hits_of(text, heavier)["conflict"][0] == 6.0


def test_sentence_frames_columns_order_and_partition_invariance(lexicon, seeds):
    sentences = corpus_sentences(seeds)
    whole = sentence_frames(sentences, lexicon)
    assert list(whole.columns) == list(HIT_COLUMNS)
    assert (whole["hits"] > 0).all() and (whole["matched"] != "").all()
    by_article = pd.concat(
        [sentence_frames(part, lexicon) for _, part in sentences.groupby("doc_id", sort=False)],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(whole, by_article)
    no_flags = sentence_frames(sentences.drop(columns="is_quote"), lexicon)
    assert not no_flags["is_quote"].any()
    pd.testing.assert_frame_equal(no_flags.drop(columns="is_quote"), whole.drop(columns="is_quote"))


def test_empty_sentences_give_an_empty_table(lexicon):
    empty = sentence_frames(make_sentences([]), lexicon)
    assert empty.empty and list(empty.columns) == list(HIT_COLUMNS)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=5))
def test_arbitrary_unicode_text_never_crashes(texts):
    lexicon = load_lexicon()
    sentences = pd.DataFrame(
        {
            "doc_id": "d",
            "outlet": "o",
            "sent_id": range(1, len(texts) + 1),
            "text": pd.Series(texts, dtype="str"),
            "is_quote": False,
        }
    )
    found = sentence_frames(sentences, lexicon)
    assert list(found.columns) == list(HIT_COLUMNS)
    assert set(found["frame"]) <= set(lexicon["frame"])
    assert (found["hits"] > 0).all()


# --- the seed articles ------------------------------------------------------------------


def test_seed_conflict_frame_in_sentences_about_barbs_and_accusations(lexicon, seeds):
    sentences = corpus_sentences(seeds)
    hits = sentence_frames(sentences, lexicon)
    conflict = hits[hits["frame"] == "conflict"].merge(sentences, on=["doc_id", "sent_id"])
    barbs = sentences[sentences["text"].str.contains("barbs")]
    accusing = sentences[sentences["text"].str.contains(r"\baccus", regex=True)]
    assert barbs["outlet"].nunique() == 2 and len(accusing) >= 3
    for row in pd.concat([barbs, accusing]).itertuples():
        found = conflict[(conflict["doc_id"] == row.doc_id) & (conflict["sent_id"] == row.sent_id)]
        assert len(found) == 1, row.text
        matched = found["matched"].iloc[0].split("|")
        assert any(re.fullmatch(r"trad\w* barbs|accus\w*", word) for word in matched), row.text
    table = frame_table(hits, sentences)
    outlets = table[(table["doc_id"] == OUTLET_ROW) & (table["frame"] == "conflict")]
    assert len(outlets) == 2 and (outlets["per_1000_words"] > 0).all()


# --- frame_table ------------------------------------------------------------------------


def test_per_1000_words_by_hand(small_lexicon):
    sentences = make_sentences(
        [
            # 8 words: they traded barbs over new tariffs on steel
            ("Wire", "w1", "They traded barbs over new tariffs on steel."),
            # 4 words + 6 words: a clash at dawn / the talks went on for hours
            ("Wire", "w2", "A clash at dawn. The talks went on for hours."),
            # 4 words: nothing here signals conflict
            ("Post", "p1", "Nothing here signals conflict."),
        ]
    )
    table = frame_table(sentence_frames(sentences, small_lexicon), sentences)
    assert list(table.columns) == list(TABLE_COLUMNS)
    row = table.set_index(["doc_id", "frame"])
    assert row.loc[("w1", "conflict"), "words"] == 8
    assert row.loc[("w1", "conflict"), "per_1000_words"] == pytest.approx(2 / 8 * 1000)
    assert row.loc[("w2", "conflict"), "per_1000_words"] == pytest.approx(1.5 / 10 * 1000)
    wire = table[(table["outlet"] == "Wire") & (table["doc_id"] == OUTLET_ROW)].set_index("frame")
    assert wire.loc["conflict", "hits"] == 3.5  # 2 for "traded barbs", 1.5 for "clash"
    assert wire.loc["conflict", "per_1000_words"] == pytest.approx(3.5 / 18 * 1000)
    assert wire.loc["economic", "per_1000_words"] == pytest.approx(1 / 18 * 1000)
    post = table[table["outlet"] == "Post"]
    assert set(post["frame"]) == {"conflict", "economic", "wit"}  # zeros kept for comparison
    assert (post["hits"] == 0).all() and (post["per_1000_words"] == 0).all()
    assert post["share_from_quotes"].isna().all() and post["top_evidence_sent_id"].isna().all()
    assert list(table["doc_id"][table["outlet"] == "Wire"].unique()) == [OUTLET_ROW, "w1", "w2"]


def test_share_from_quotes_and_top_evidence(small_lexicon):
    sentences = make_sentences(
        [
            (
                "Wire",
                "w1",
                "Talks began with a clash. "  # 1.5, own voice
                '"They accused us and traded barbs," one envoy said. '  # 1 + 2, quoted
                "Aides accused each other of leaks. "  # 1, own voice
                '"Another clash," he said.',  # 1.5, quoted
            )
        ]
    )
    assert sentences["is_quote"].tolist() == [False, True, False, True]
    hits = sentence_frames(sentences, small_lexicon)
    table = frame_table(hits, sentences)
    row = table[(table["doc_id"] == "w1") & (table["frame"] == "conflict")].iloc[0]
    assert row["hits"] == 7.0 and row["n_sentences"] == 4
    assert row["share_from_quotes"] == pytest.approx((3 + 1.5) / 7)
    assert row["top_evidence_doc_id"] == "w1" and row["top_evidence_sent_id"] == 2


def test_top_evidence_ties_go_to_the_first_sentence(small_lexicon):
    sentences = make_sentences(
        [("Wire", "w1", "A first clash. A second clash."), ("Wire", "w2", "A third clash.")]
    )
    table = frame_table(sentence_frames(sentences, small_lexicon), sentences)
    conflict = table[table["frame"] == "conflict"].set_index("doc_id")
    assert conflict.loc["w1", "top_evidence_sent_id"] == 1
    assert conflict.loc[OUTLET_ROW, "top_evidence_doc_id"] == "w1"
    assert conflict.loc[OUTLET_ROW, "top_evidence_sent_id"] == 1


def test_three_outlets_profiles_and_dominant_frames(lexicon, three_outlets):
    sentences = corpus_sentences(three_outlets)
    hits = sentence_frames(sentences, lexicon)
    table = frame_table(hits, sentences)
    outlets = table[table["doc_id"] == OUTLET_ROW]
    frames = set(hits["frame"])
    assert len(outlets) == 3 * len(frames) and outlets["outlet"].nunique() == 3
    words = {
        outlet: sum(len(tokenize(text)) for text in group["text"])
        for outlet, group in sentences.groupby("outlet")
    }
    for row in outlets.itertuples():
        expected = hits[(hits["outlet"] == row.outlet) & (hits["frame"] == row.frame)]["hits"].sum()
        assert row.hits == expected
        assert row.per_1000_words == pytest.approx(expected / words[row.outlet] * 1000)

    dominant = dominant_frames(table)
    assert len(dominant) == len(outlets)
    for _, group in dominant.groupby("outlet"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert group["per_1000_words"].is_monotonic_decreasing
    rates = outlets.pivot(index="frame", columns="outlet", values="per_1000_words")
    for row in dominant.itertuples():
        others = rates.loc[row.frame].drop(row.outlet)
        assert row.others_per_1000_words == pytest.approx(others.mean())
        assert row.difference == pytest.approx(row.per_1000_words - others.mean())


def test_dominant_frames_with_one_outlet_has_no_comparison(small_lexicon):
    sentences = make_sentences([("Wire", "w1", "A clash over tariffs.")])
    dominant = dominant_frames(frame_table(sentence_frames(sentences, small_lexicon), sentences))
    assert dominant["frame"].tolist() == ["conflict", "economic"]
    assert dominant["others_per_1000_words"].isna().all()


def test_frame_evidence_strongest_first_per_outlet(small_lexicon):
    sentences = make_sentences(
        [
            ("Wire", "w1", "A clash. They traded barbs in a war of words. A clash again."),
            ("Post", "p1", "Officials accused each other. Aides traded barbs."),
        ]
    )
    hits = sentence_frames(sentences, small_lexicon)
    evidence = frame_evidence(hits, sentences, "conflict", k=2)
    assert evidence["outlet"].tolist() == ["Post", "Post", "Wire", "Wire"]
    assert evidence["rank"].tolist() == [1, 2, 1, 2]
    assert evidence["text"].tolist() == [
        "Aides traded barbs.",
        "Officials accused each other.",
        "They traded barbs in a war of words.",
        "A clash.",
    ]
    assert evidence["matched"].iloc[2] == "traded barbs|war of words"
    assert frame_evidence(hits, sentences, "no_such_frame").empty


# --- user lexicons ----------------------------------------------------------------------


def test_user_lexicon_round_trip(tmp_path, lexicon):
    path = tmp_path / "mine.csv"
    lexicon.to_csv(path, index=False)
    again = load_lexicon(path)
    pd.testing.assert_frame_equal(again, lexicon)


def test_user_lexicon_defaults_and_optional_columns(tmp_path):
    path = write_lexicon(
        tmp_path / "mine.csv",
        [("blame_game", " pointing  fingers ", "", "Who is blamed.", "my notes"),
         ("blame_game", "scapegoat*", "1.5", "", "")],
        header="Frame,Pattern,Weight,Definition,Source",
    )  # fmt: skip
    loaded = load_lexicon(path)
    assert loaded["pattern"].tolist() == ["pointing fingers", "scapegoat*"]
    assert loaded["weight"].tolist() == [1.0, 1.5]
    definitions = frame_definitions(loaded)
    assert definitions.iloc[0].tolist() == ["blame_game", "Who is blamed.", "my notes", 2]
    found = hits_of("Both sides kept pointing fingers at scapegoats.", loaded)
    assert found == {"blame_game": (2.5, "pointing fingers|scapegoats")}
    bare = load_lexicon(write_lexicon(tmp_path / "bare.csv", [("x", "word", "2")]))
    assert frame_definitions(bare).iloc[0].tolist() == ["x", "", "", 1]


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([("x", "word")], "frame,pattern", r"missing column\(s\) weight"),
        ([("x", "word", "heavy")], None, r"row 2: weight 'heavy' is not a number >= 0"),
        ([("x", "word", "-0.5")], None, r"row 2: weight '-0.5' is not a number >= 0"),
        ([("x", "a", "1"), ("x", "b", "-1")], None, r"row 3: weight '-1'"),
        ([("x", "word", "nan")], None, r"weight 'nan' is not a number >= 0"),
        ([("x", "", "1")], None, r"row 2: blank pattern"),
        ([("", "word", "1")], None, r"row 2: blank frame name"),
        ([("x", "ab*", "1")], None, r"'ab\*': a `\*` needs a stem of at least 3"),
        ([("x", "*ward", "1")], None, r"'\*ward' is not a single word"),
        ([("x", "wo*rd", "1")], None, r"'wo\*rd' is not a single word"),
        ([("x", "rock&roll", "1")], None, r"'rock&roll' is not a single word"),
        ([("x", "word", "1"), ("x", "Word", "2")], None, r"row 3: .*repeats row 2"),
        (
            [("x", "a", "1", "One.", ""), ("x", "b", "1", "Two.", "")],
            "frame,pattern,weight,definition,source",
            r"frame 'x' has more than one definition",
        ),
    ],
)
def test_user_lexicon_errors_name_the_file_and_the_problem(tmp_path, rows, header, message):
    path = write_lexicon(tmp_path / "bad.csv", rows, header or "frame,pattern,weight")
    with pytest.raises(ValueError, match=message) as caught:
        load_lexicon(path)
    assert str(caught.value).startswith(str(path))


def test_unreadable_lexicon_files_are_value_errors(tmp_path):
    with pytest.raises(ValueError, match="cannot read the lexicon"):
        load_lexicon(tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="empty file"):
        load_lexicon(empty)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("frame,pattern,weight\nx,d\xe9tente,1\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        load_lexicon(latin)


def test_unchecked_lexicon_tables_are_checked_too(small_lexicon):
    sentences = make_sentences([("Wire", "a", "A clash.")])
    with pytest.raises(ValueError, match="lexicon: missing column"):
        sentence_frames(sentences, small_lexicon.drop(columns="weight"))
    with pytest.raises(ValueError, match=r"lexicon: row 2: weight -1\.0"):
        sentence_frames(sentences, small_lexicon.assign(weight=-1.0))
