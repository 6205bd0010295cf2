"""Quotes and speakers, measured against hand-annotated articles, and share of voice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from articles import article_sentences

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


def _quotes(*paragraphs: str) -> list[tuple[str, str, str, str]]:
    found = find_quotes(article_sentences(*paragraphs))
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
    article = article_sentences(
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


# Speakers on real-news shapes, one test per error family (texts written for these tests).


def _speakers(*paragraphs: str) -> list[str]:
    return find_quotes(article_sentences(*paragraphs))["speaker"].tolist()


def test_titles_and_party_state_labels_stay_out_of_names_and_initials_stay_in():
    assert _speakers('"We will fund the port," said Rep. Mara L. Quill (D-Ore.) on Tuesday.') == [
        "Mara L Quill"
    ]
    assert _speakers('"The figures are wrong," said Mr. Tobin.') == ["Tobin"]
    assert _speakers('Harold R. Fenwick said "nobody asked the tenants."') == ["Harold R Fenwick"]
    assert _speakers('"It is a start," said Sen. Ivo Brandt, a Republican.') == ["Ivo Brandt"]


def test_a_role_resolves_to_the_person_introduced_with_it():
    assert _speakers(
        "Mayor Ann Lee opened the bridge on Monday.",
        '"It took ten years," the mayor said.',
    ) == ["Ann Lee"]
    assert _speakers(
        "Sen. Olga Verne voted against the bill.",
        '"It is a gift to the insurers," the senator said.',
    ) == ["Olga Verne"]


def test_an_unresolved_description_is_kept_and_marked_not_a_name():
    found = resolve_speakers(
        find_quotes(
            article_sentences('"We are looking into it," a spokeswoman for the port said.')
        ),
        pd.DataFrame(columns=["name", "aliases", "side"]),
    )
    assert found[["speaker", "speaker_kind"]].values.tolist() == [
        ["spokeswoman for the port", "description"]
    ]


def test_a_name_inside_the_quotation_is_never_its_speaker():
    assert _speakers(
        "Governor Sam Ortiz toured the new laboratory on Friday.",
        '"My chief engineer, Lena Park, built this from nothing," he said.',
    ) == ["Sam Ortiz"]
    assert _speakers(
        'Tomas Reyes praised the plan. "I think Lena Park is the right person," Reyes said.'
    ) == ["Tomas Reyes"]


def test_transcript_turns_and_colon_introduced_quotes_have_their_speaker():
    assert _speakers(
        'HOLLIS: Last week you called it "a disaster for the valley".',
        'BAXTER: I said "a risk for the valley".',
    ) == ["Hollis", "Baxter"]
    assert _speakers(
        "Ines Calloway took the stage after the vote.",
        "She said:",
        '"We will not wait for the courts."',
    ) == ["Ines Calloway"]


def test_the_verb_of_the_quotes_own_sentence_wins_over_a_carried_speaker():
    assert _speakers(
        '"We are ready for the inspection," said Nora Vance.',
        'Peter Lund condemned what he called a "reckless gamble" by the board.',
    ) == ["Nora Vance", "Peter Lund"]
    assert _speakers(
        '"The books are open," said Nora Vance. Critics were unconvinced.',
        'Voters were, in the words of the report, "tired of promises", said Pia Holm, an analyst.',
    ) == ["Nora Vance", "Pia Holm"]


def test_a_quoted_question_keeps_its_attribution():
    assert _speakers('"Who signed this?" the councilwoman demanded. Nobody answered.') == [
        "councilwoman"
    ]
    assert _speakers(
        "Dana Whitlock chaired the hearing.",
        '"Why did nobody check the valves?" Whitlock asked.',
    ) == ["Dana Whitlock"]


def test_fragments_are_no_speakers_and_titles_are_no_quotes():
    from framing.quotes.kinds import speaker_kind

    assert speaker_kind("percent of voters") == ""
    assert speaker_kind("its analysis") == ""
    assert speaker_kind("the statement") == ""
    assert speaker_kind("officials") == "group"
    assert speaker_kind("the union") == "group"
    assert speaker_kind("Harbour Board") == "group"
    assert speaker_kind("a spokeswoman") == "description"
    assert speaker_kind("Jane Q. Roe") == "name"
    assert speaker_kind("Jane Roe and Tom Poe") == "name"
    assert _quotes('She told "Morning Harbor Live" on Sunday that the pier was safe.') == []
    assert [q for q, *_ in _quotes('The host of "The Late Tide" asked, "Is the pier safe?"')] == [
        "Is the pier safe?"
    ]
    assert _quotes('Marchers chanted "Save Our Ferry" on Main Street.') == []  # a slogan
    assert [q for q, *_ in _quotes('Marchers chanted "save our ferry" on Main Street.')] == [
        "save our ferry"
    ]


def test_one_person_one_name_across_the_corpus():
    from framing.actors import canonical_names

    names = canonical_names(
        ["Jane Q. Roe", "Jane Roe", "Jane Roe", "Ms. Roe", "Roe", "Tom Vale", "Ann Vale", "Vale"]
    )
    assert {names[n] for n in ("Jane Q. Roe", "Jane Roe", "Ms. Roe", "Roe")} == {"Jane Roe"}
    assert names["Vale"] == "Vale"  # two people of that surname: left as written
    assert names["Tom Vale"] == "Tom Vale" and names["Ann Vale"] == "Ann Vale"
    found = resolve_speakers(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c"],
                "outlet": ["A", "B", "B"],
                "line_no": [1, 1, 2],
                "sent_id": [1, 1, 2],
                "quote": ["one", "two", "three"],
                "speaker": ["Jane Q. Roe", "Roe", "Jane Roe"],
                "verb": ["said"] * 3,
                "kind": ["full"] * 3,
                "n_words": [1, 1, 1],
            }
        ),
        pd.DataFrame({"name": ["Roe, J."], "aliases": [("Jane Q. Roe",)], "side": ["blue"]}),
    )
    # actors.csv wins for the alias it lists; the other forms share one corpus name
    assert found["speaker"].tolist() == ["Roe, J.", "Jane Roe", "Jane Roe"]


def test_evaluate_quotes_reports_speakers_per_outlet(capsys):
    corpus, gold = UNSEEN[0]
    assert main(["evaluate-quotes", str(corpus), *map(str, gold)]) == 0
    out = capsys.readouterr().out
    assert "speaker accuracy per outlet" in out
    assert "Atlas Wire" in out.split("speaker accuracy per outlet")[1]


def test_a_generational_suffix_tells_two_people_apart():
    from framing.actors import canonical_names

    names = canonical_names(["Tom Vale Jr.", "Tom Vale Jr.", "Tom Vale", "Vale", "Ann Roe Jr."])
    assert names["Tom Vale"] == "Tom Vale" and names["Tom Vale Jr."] == "Tom Vale Jr."
    assert names["Vale"] == "Vale"  # two people of that surname
    assert canonical_names(["Ann Roe Jr.", "Roe"])["Roe"] == "Roe"  # a surname is not the son
