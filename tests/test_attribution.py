"""Speaker attribution on the error families of real news, with texts written for the tests."""

from __future__ import annotations

import pytest
from articles import article_sentences

from framing.actors import person_mentions
from framing.quotes import find_quotes
from framing.quotes.gender import genders, pronoun_gender
from framing.tokenize import split_sentences


def _speakers(*paragraphs: str) -> list[tuple[str, str]]:
    found = find_quotes(article_sentences(*paragraphs))
    return list(zip(found["quote"], found["speaker"], strict=True))


def test_she_is_the_latest_woman_when_the_person_in_focus_is_a_man():
    found = _speakers(
        "Nora Quill, who runs the clinic, said she had expected the cuts.",
        "Mr. Pike, the county manager, defended the budget on Tuesday.",
        '"We were never consulted," she said.',
    )
    assert found == [("We were never consulted", "Nora Quill")]


def test_gender_comes_from_honorifics_and_the_first_pronoun_after_a_name():
    texts = ["Ms. Vale spoke first.", "Tom Birch said he would stay.", "Ann Rook met Tom Birch."]
    mentions = person_mentions(texts)
    ends = [[len(text)] for text in texts]
    known = genders(texts, ends, mentions)
    assert known.get("Vale") == "f"
    assert known.get("Tom Birch") == "m"
    assert "Ann Rook" not in known  # no pronoun follows her name
    assert pronoun_gender("Her") == "f" and pronoun_gender("they") == ""


def test_a_possessive_is_not_the_subject_of_the_attribution():
    found = _speakers('Pike\u2019s "excesses" are shameful, Lena Dorn said Tuesday in Lyon.')
    assert found == [("excesses", "Lena Dorn")]


def test_the_person_opening_a_relative_clause_speaks_not_the_name_inside_it():
    found = _speakers(
        'Sen. Ann Poe (D-Ore.), who has endorsed Gus Hale, said the plan was "a mistake."'
    )
    assert found == [("a mistake.", "Ann Poe")]


def test_a_party_state_label_keeps_its_sentence_whole():
    assert split_sentences("Sen. Ann Poe (D-Mo.), who chairs the panel, said so. It passed.") == [
        "Sen. Ann Poe (D-Mo.), who chairs the panel, said so.",
        "It passed.",
    ]


def test_a_name_in_apposition_to_a_description_is_the_speaker():
    found = _speakers('"We will grow," the firm\'s chief executive, Mark Lane, said on Monday.')
    assert found == [("We will grow", "Mark Lane")]


def test_a_name_and_a_colon_label_the_quotation_after_them():
    found = _speakers(
        'EARLY POLLS MISSED THE SHIFT - Kay Hart: "The polls simply closed too early."',
        'Gus Hale sent a blunt message to Pike: "Stop attacking your rivals now."',
    )
    assert found[0] == ("The polls simply closed too early.", "Kay Hart")
    assert found[1][1] == "Gus Hale"


def test_the_asker_of_a_passive_question_is_the_speaker():
    found = _speakers(
        'Dana Pike was asked by moderator Tim Bale whether cuts would "hurt working families."'
    )
    assert found == [("hurt working families.", "Tim Bale")]


def test_an_attribution_opening_the_sentence_after_a_quoted_question():
    found = _speakers(
        "\u201cWhat does that mean, the roads are safe?\u201d Mr. Grant asked, repeating a "
        "claim that he first made at a rally in the spring of last year."
    )
    assert found == [("What does that mean, the roads are safe?", "Grant")]


def test_a_role_written_before_a_name_resolves_the_role_later():
    found = _speakers(
        '"The plan is late," columnist Lena Fox wrote in the Evening Star.',
        'But the plan has one merit, the columnist suggested: "It is honest."',
    )
    assert [speaker for _, speaker in found] == ["Lena Fox", "Lena Fox"]


def test_the_company_is_the_organisation_that_opened_a_sentence_before():
    found = _speakers(
        "Metro Daily News also commented on the deal, which it called overdue.",
        '"We wish both sides well," the company said in a statement.',
    )
    assert found == [("We wish both sides well", "Metro Daily News")]


def test_a_naming_verb_gives_no_speaker_of_its_own():
    found = _speakers(
        "Later on Sunday, Dana Cole shared a syllabus for a class called \u201cPerception\u201d "
        "on her page, writing \u201cHere is the class you claim never existed.\u201d"
    )
    assert [speaker for _, speaker in found] == ["Dana Cole", "Dana Cole"]


def test_a_phrase_that_names_nobody_is_no_speaker():
    found = _speakers(
        'Gus Hale summed up Pike as "terrible," denounced her record and said she should quit.'
    )
    assert found[0][1] in {"Gus Hale", ""}


def test_a_given_name_that_is_also_a_common_word_after_a_title():
    found = _speakers(
        "Former President Bill Hale agreed with the analysis.",
        '"It was a long night for all of us," he said.',
    )
    assert found == [("It was a long night for all of us", "Bill Hale")]


def test_joint_speakers_across_an_age():
    found = _speakers(
        'Lea Marsh and 24-year-old Tom Hill, two volunteers, explained how "it all works."'
    )
    assert found == [("it all works.", "Lea Marsh and Tom Hill")]


@pytest.mark.parametrize("verb", ["shot back", "put it"])
def test_phrasal_reporting_verbs(verb):
    found = _speakers(f'As Tom Ridge {verb}: "The gates are open now."')
    assert found == [("The gates are open now.", "Tom Ridge")]


def test_a_signature_line_after_a_quotation_names_its_speaker():
    from framing.clean import label_lines

    text = (
        "Claims checked.\n\n"
        "The two rivals sparred for an hour on Friday night in the county hall.\n\n"
        '"Our rents have doubled in five years."\n\n'
        "- Lena Dorn.\n\n"
        "The figure holds for the city centre but not for its suburbs, the data show.\n"
    )
    labels = label_lines(text, title="Claims checked.")
    assert labels.set_index("text").loc["- Lena Dorn.", "label"] == "body"
    found = _speakers(
        "The two rivals sparred for an hour on Friday night.",
        '"Our rents have doubled in five years."',
        "- Lena Dorn.",
    )
    assert found == [("Our rents have doubled in five years.", "Lena Dorn")]


def test_a_dash_or_a_leading_conjunction_does_not_hide_the_subject():
    found = _speakers(
        'LYON \u2014 Sen. Ann Poe on Monday backed the bill and called it "long overdue."',
        'And Gus Hale, after a long silence, praised the "quiet courage" of the nurses.',
    )
    assert found == [("long overdue.", "Ann Poe"), ("quiet courage", "Gus Hale")]


def test_who_before_the_speech_verb_is_the_name_it_follows():
    found = _speakers(
        "The mayor thanked Tom Birch, who, after a week of talks with Gus Hale, said the deal "
        'was "fair to everyone."',
        "Lena Dorn praised Ann Poe, who has publicly vowed to fight the \u201creckless cuts.\u201d",
    )
    assert found == [("fair to everyone.", "Tom Birch"), ("reckless cuts.", "Ann Poe")]


def test_kept_asking_leaves_the_named_subject_as_speaker():
    found = _speakers('Sen. Ann Poe (D-Ore.) kept asking why the plan was "rushed."')
    assert found == [("rushed.", "Ann Poe")]


def test_a_sentence_without_quotations_keeps_its_subject_in_focus():
    found = _speakers(
        "Lena Dorn criticized Gus Hale for accusing the union of lying.",
        '"That is simply false," she said.',
    )
    assert found == [("That is simply false", "Lena Dorn")]
    trailing = _speakers(
        "Gus Hale electrified the crowd on Friday, Tom Birch said.",
        '"He was very good," he said.',
    )
    assert trailing == [("He was very good", "Tom Birch")]


def test_an_organisation_opening_the_sentence_is_the_subject_a_participle_shares():
    found = _speakers(
        'The Harbour Trust released a statement on Monday, saying the cuts were "reckless."',
        "The Poe campaign issued a reply.",
        '"We stand by every word," the campaign said.',
    )
    assert found == [
        ("reckless.", "Harbour Trust"),
        ("We stand by every word", "Poe campaign"),
    ]


def test_the_role_after_a_quotation_of_the_subject_is_the_subject():
    found = _speakers(
        "Sen. Tom Birch opened the hearing.",
        "Ann Poe, the Senate's newest member, went on the radio: "
        '"We will win this," the senator says.',
    )
    assert found[-1] == ("We will win this", "Ann Poe")


def test_a_lone_name_seen_speaking_is_a_person_throughout_and_particles_keep_the_given_name():
    mentions = person_mentions(
        ["Quill also addressed the crowd.", "Quill said it was late.", "Mayor Bill de Rook left."]
    )
    assert [m.name for m in mentions[0]] == ["Quill"]
    assert [m.name for m in mentions[2]] == ["Bill de Rook"]


def test_a_spaced_dash_ends_the_noun_phrase_and_according_to_names_a_source():
    found = _speakers(
        "In May - months after Gus Hale left - the Harbour Trust told reporters that "
        '"no records were found."'
    )
    assert found == [("no records were found.", "Harbour Trust")]
    mentions = person_mentions(["According to Phil Kerpen, it was late."])
    assert [m.name for m in mentions[0]] == ["Phil Kerpen"]


def test_a_speech_verb_opening_the_sentence_names_who_follows_it():
    found = _speakers(
        "Gus Hale left early.", "Added Lena Dorn:", '"The vote was rigged from day one."'
    )
    assert found == [("The vote was rigged from day one.", "Lena Dorn")]
