"""The packaged frame lexicon against the sense errors measured on real coverage.

Each test writes sentences in which a lexicon word is used in another sense (a party, a
name, page furniture, a job title, an idiom) and checks the frame is not counted, next to a
sentence where the same word does carry the frame.
"""

from __future__ import annotations

import pandas as pd
import pytest

from framing.frames import MIN_HITS, frame_table, load_lexicon, sentence_frames


@pytest.fixture(scope="module")
def lexicon() -> pd.DataFrame:
    return load_lexicon()


def frames_of(text: str, lexicon: pd.DataFrame) -> dict[str, str]:
    sentences = pd.DataFrame(
        {"doc_id": "d", "outlet": "Wire", "sent_id": [1], "line_no": [1], "text": [text]}
    )
    found = sentence_frames(sentences, lexicon)
    return dict(zip(found["frame"], found["matched"], strict=True))


def test_the_party_is_not_democracy(lexicon):
    assert "human_rights" not in frames_of(
        "Democrats in the state senate backed the bill.", lexicon
    )
    assert "human_rights" not in frames_of("The Democratic candidate spoke in Ohio.", lexicon)
    assert "human_rights" in frames_of("Protesters marched to defend democracy.", lexicon)


def test_freedom_in_a_name_is_not_a_value(lexicon):
    assert "human_rights" not in frames_of("The Liberty Freedom Center hosted a dinner.", lexicon)
    assert "human_rights" in frames_of("They fought for freedom of assembly.", lexicon)


def test_site_forms_and_privacy_policy_are_furniture(lexicon):
    form = "Completing this poll grants you access to breaking news updates."
    found = frames_of(form, lexicon)
    assert not {"public_opinion", "quality_of_life"} & set(found)
    assert "policy" not in frames_of("Read our privacy policy before you sign up.", lexicon)
    assert "public_opinion" in frames_of("A new poll shows voters are split.", lexicon)


def test_death_threat_is_not_health(lexicon):
    assert "health" not in frames_of("The judge received a death threat by mail.", lexicon)
    assert "health" in frames_of("The death of two workers shocked the town.", lexicon)


def test_good_job_is_not_the_economy(lexicon):
    assert "economic" not in frames_of("The coach said she did a good job.", lexicon)
    assert "economic" not in frames_of("He kept his job after the vote.", lexicon)
    assert "economic" in frames_of("The plant closure cost 300 jobs.", lexicon)


def test_plea_deal_and_deal_with_are_not_cooperation(lexicon):
    assert "cooperation" not in frames_of("He took a plea deal last week.", lexicon)
    assert "cooperation" not in frames_of("Cities must deal with the heat.", lexicon)
    assert "cooperation" in frames_of("The two sides reached a deal on fishing.", lexicon)


def test_a_picture_is_not_an_image_abroad(lexicon):
    assert "reputation" not in frames_of("An image posted online showed the flood.", lexicon)
    assert "reputation" in frames_of("The scandal hurt the country's image abroad.", lexicon)


def test_national_security_in_a_title_is_not_security(lexicon):
    title = "The deputy national security adviser flew home."
    assert "security" not in frames_of(title, lexicon)
    council = "She briefed the National Security Council on Monday."
    assert "security" not in frames_of(council, lexicon)
    assert "security" in frames_of(
        "Officials called the cables a risk to national security.", lexicon
    )


def test_religion_is_coded_as_morality(lexicon):
    found = frames_of("Church leaders called the decision a matter of faith.", lexicon)
    assert "morality" in found and "identity" not in found


def test_common_conflict_words_are_counted(lexicon):
    for text in (
        "Critics say the rule goes too far.",
        "Farmers oppose the new levy.",
        "The mayor vowed to fight the plan.",
        "The senator slammed the ruling.",
    ):
        assert "conflict" in frames_of(text, lexicon), text


def test_an_article_carries_a_frame_from_min_hits_weighted_signals(lexicon):
    texts = [
        "Critics slammed the levy. Farmers oppose it and vowed to fight it in court.",
        "The levy passed on Tuesday. Critics were quiet.",
    ]
    rows = [
        ("a" if i == 0 else "b", "Wire", s, 1, sentence)
        for i, text in enumerate(texts)
        for s, sentence in enumerate(text.split(". "), start=1)
    ]
    sentences = pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "line_no", "text"])
    table = frame_table(sentence_frames(sentences, lexicon), sentences).set_index(
        ["doc_id", "frame"]
    )
    assert table.loc[("a", "conflict"), "score"] >= MIN_HITS
    assert table.loc[("a", "conflict"), "present"]
    assert not table.loc[("b", "conflict"), "present"]
    outlet = table.loc[("*", "conflict")]
    assert outlet["present"] and outlet["score"] == 0.5
