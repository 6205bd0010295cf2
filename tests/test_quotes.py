"""Quotes and speakers, measured against hand-annotated articles, and share of voice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.load import load_corpus
from framing.pipeline import analyze, corpus_quotes
from framing.quotes import (
    evaluate_quotes,
    find_quotes,
    mark_quote_sentences,
    resolve_speakers,
    share_of_voice,
)

FIXTURES = Path(__file__).parent / "fixtures"
SEED_GOLD = sorted(FIXTURES.glob("quotes_0*.csv"))
#: Articles of outlets the quote finder was not written on: (corpus folder, gold files).
UNSEEN = [
    (FIXTURES / "quotes_corpus", sorted(FIXTURES.glob("quotes_[a-z]*.csv"))),
    (FIXTURES / "quotes_heldout", [FIXTURES / "quotes_heldout" / "gold.csv"]),
]


def _gold(paths: list[Path]) -> pd.DataFrame:
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths])


def test_seed_quotes_and_speakers_match_the_hand_annotation(seeds):
    tables = analyze(seeds)
    for path in SEED_GOLD:
        gold = _gold([path])
        found = tables["quotes"][tables["quotes"]["doc_id"].isin(gold["doc_id"])]
        scores = evaluate_quotes(found, gold, load_corpus(seeds).actors)
        assert scores["f1"] >= 0.9, (path.name, scores)
        assert scores["speaker_accuracy"] >= 0.9, (path.name, scores)


@pytest.mark.parametrize(("folder", "gold"), UNSEEN, ids=lambda v: getattr(v, "name", ""))
def test_quotes_of_unseen_outlets_match_the_hand_annotation(folder, gold):
    scores = evaluate_quotes(corpus_quotes(folder), _gold(gold))
    assert scores["f1"] >= 0.9, scores
    assert scores["speaker_accuracy"] >= 0.9, scores


def _article(*paragraphs: str) -> pd.DataFrame:
    """One article's sentences from paragraphs, as the per-article stage builds them."""
    from framing.tokenize import split_sentences

    rows = [
        (line_no, sentence)
        for line_no, paragraph in enumerate(paragraphs, start=1)
        for sentence in split_sentences(paragraph)
    ]
    return pd.DataFrame(
        {
            "doc_id": "doc",
            "outlet": "Outlet",
            "sent_id": range(1, len(rows) + 1),
            "line_no": [line for line, _ in rows],
            "text": [text for _, text in rows],
        }
    )


def _quotes(*paragraphs: str) -> list[tuple[str, str, str, str]]:
    found = find_quotes(_article(*paragraphs))
    return list(found[["quote", "speaker", "verb", "kind"]].itertuples(index=False, name=None))


def test_a_quote_split_by_its_attribution_is_two_quotes_of_one_speaker():
    assert _quotes('"We tried," Jane Roe said. "It was not enough."') == [
        ("We tried", "Jane Roe", "said", "full"),
        ("It was not enough.", "Jane Roe", "said", "full"),
    ]


def test_apostrophes_are_not_quotation_marks():
    assert _quotes("The players' union said it's the members' choice.") == []


def test_partial_quotes_with_typographic_marks():
    found = _quotes(
        "Officials shared \u201csignificant concerns\u201d about the plan, Jane Roe said."
    )
    assert found == [("significant concerns", "Jane Roe", "said", "partial")]


def test_pronouns_go_to_the_right_earlier_person():
    found = _quotes(
        "Jane Roe, the finance minister, met John Doe on Monday.",
        'John Doe said the talks were "frank."',
        '"We are not there yet," he added.',
        'Roe was more upbeat. "We will get there," she said.',
    )
    assert [speaker for _, speaker, _, _ in found] == ["John Doe", "John Doe", "Jane Roe"]


def test_a_quote_after_a_sentence_that_introduces_its_speaker():
    found = _quotes(
        "Jane Roe, a spokesperson for the ministry, was blunt.",
        '"Nobody will be paid until the audit is done."',
    )
    assert found == [("Nobody will be paid until the audit is done.", "Jane Roe", "", "full")]


def test_joint_and_collective_speakers_stay_as_written():
    found = _quotes(
        'Jane Roe and John Doe said in a statement: "We stand together."',
        'The union accused the board of "bad faith," while the board blamed "outside agitators."',
    )
    assert [(speaker, verb) for _, speaker, verb, _ in found] == [
        ("Jane Roe and John Doe", "said"),
        ("union", "accused"),
        ("board", "blamed"),
    ]


def test_speakers_are_pooled_across_outlets_with_actor_aliases_and_sides():
    quotes = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "outlet": ["A", "A", "B"],
            "line_no": [1, 2, 1],
            "sent_id": [1, 2, 1],
            "quote": ["one two", "three", "four five six"],
            "speaker": ["Jane Roe", "Roe", "the Ministry"],
            "verb": ["said", "added", "said"],
            "kind": ["full", "partial", "full"],
            "n_words": [2, 1, 3],
        }
    )
    actors = pd.DataFrame(
        {
            "name": ["Jane Roe", "Finance Ministry"],
            "aliases": [("Roe",), ("Ministry",)],
            "side": ["government", "government"],
        }
    )
    resolved = resolve_speakers(quotes, actors)
    assert resolved["speaker"].tolist() == ["Jane Roe", "Jane Roe", "Finance Ministry"]
    assert set(resolved["side"]) == {"government"}
    voice = share_of_voice(resolved).set_index(["outlet", "level", "name"])
    assert voice.loc[("A", "speaker", "Jane Roe"), "n_words"] == 3
    assert voice.loc[("A", "speaker", "Jane Roe"), "verbs"] == "added (1), said (1)"
    assert voice.loc[("B", "side", "government"), "share"] == 1.0


def test_quote_sentences_are_those_mostly_inside_full_quotes():
    article = _article(
        '"We will not give in to pressure from anyone," Jane Roe said.',
        'Jane Roe said the long and difficult process had been "unfair."',
    )
    marked = mark_quote_sentences(article, find_quotes(article))
    assert marked.tolist() == [True, False]


def test_evaluate_quotes_command_prints_the_scores(seeds, capsys):
    assert main(["evaluate-quotes", str(seeds), *map(str, SEED_GOLD)]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and "speaker_accuracy" in printed
    assert all(path.name in printed for path in SEED_GOLD)


def test_evaluate_quotes_refuses_a_gold_file_without_speakers(seeds, tmp_path, capsys):
    gold = tmp_path / "gold.csv"
    gold.write_text("doc_id,quote\na,b\n", encoding="utf-8")
    assert main(["evaluate-quotes", str(seeds), str(gold)]) == 2
    error = capsys.readouterr().err
    assert str(gold) in error and "speaker" in error and error.count("\n") == 1


def test_speaker_verbs_and_voice_matrix_count_what_the_quotes_table_holds(seeds):
    from framing.quotes import speaker_verbs, voice_matrix

    quotes = analyze(seeds)["quotes"]
    verbs = speaker_verbs(quotes)
    assert verbs["total"].sum() == len(quotes)
    assert verbs.drop(columns="total").sum(axis=1).equals(verbs["total"])
    voice = voice_matrix(share_of_voice(quotes), "side")
    assert voice.sum().round(6).tolist() == [1.0] * voice.shape[1]  # shares of each outlet
