"""Separating the article from page furniture (framing.clean), on the seeds and on captures
written in other outlets' styles. Gold labels are hand annotations of each capture."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.clean import LABELS, label_lines

FIXTURES = Path(__file__).parent / "fixtures" / "three_outlets"

# Hand annotation: line numbers of the article text (body and subheads) in each capture.
GOLD_ARTICLE_LINES = {
    "seeds/000_584bd00a16c8ebd5.txt": {
        19,
        21,
        23,
        25,
        27,
        29,
        31,
        36,
        38,
        40,
        42,
        44,
        46,
        48,
        50,
        52,
        54,
        56,
    },
    "seeds/002_321a6c5586adf6a2.txt": {
        9,
        14,
        16,
        18,
        23,
        25,
        27,
        29,
        31,
        35,
        37,
        39,
        41,
        43,
        45,
        47,
        49,
        54,
        56,
        58,
    },
    "harbor_times_0604.txt": {13, 15, 17, 19, 23, 28, 32, 34, 36, 38},
    "northern_wire_0604.txt": {12, 14, 16, 18, 23, 25, 27},
    "radio_meridian_0605.txt": {12, 14, 16, 18, 22, 27, 29},
}
GOLD_FURNITURE = {
    "seeds/000_584bd00a16c8ebd5.txt": {
        1: "boilerplate",
        10: "related",
        15: "boilerplate",
        17: "related",
        33: "caption",
        34: "caption",
        58: "boilerplate",
        62: "boilerplate",
        64: "boilerplate",
    },
    "seeds/002_321a6c5586adf6a2.txt": {
        1: "boilerplate",
        5: "title",
        7: "date",
        11: "caption",
        12: "caption",
        20: "caption",
        21: "caption",
        33: "related",
        51: "caption",
        52: "caption",
        60: "credit",
    },
    "harbor_times_0604.txt": {
        6: "title",
        8: "credit",
        9: "date",
        30: "caption",
        40: "boilerplate",
        44: "boilerplate",
    },
    "northern_wire_0604.txt": {
        6: "title",
        8: "date",
        20: "related",
        21: "related",
        29: "credit",
        30: "boilerplate",
    },
    "radio_meridian_0605.txt": {
        5: "title",
        7: "date",
        9: "credit",
        10: "caption",
        20: "related",
        25: "credit",
        35: "related",
        36: "related",
    },
}
OUTLETS = {
    "harbor_times_0604.txt": "Harbor Times",
    "northern_wire_0604.txt": "Northern Wire",
    "radio_meridian_0605.txt": "Radio Meridian",
    "seeds/000_584bd00a16c8ebd5.txt": "VOA",
    "seeds/002_321a6c5586adf6a2.txt": "DW",
}


def _capture(name: str, seeds: Path) -> str:
    path = seeds.parent / name if name.startswith("seeds/") else FIXTURES / name
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(GOLD_ARTICLE_LINES))
def test_article_lines_match_the_hand_annotation(name, seeds):
    labels = label_lines(_capture(name, seeds), outlet=OUTLETS[name])
    article = set(labels.loc[labels["label"].isin(["body", "subhead"]), "line_no"])
    assert article == GOLD_ARTICLE_LINES[name]


@pytest.mark.parametrize("name", sorted(GOLD_FURNITURE))
def test_furniture_gets_its_label_and_a_reason(name, seeds):
    labels = label_lines(_capture(name, seeds), outlet=OUTLETS[name]).set_index("line_no")
    for line_no, label in GOLD_FURNITURE[name].items():
        assert labels.loc[line_no, "label"] == label, (line_no, labels.loc[line_no, "text"])
    assert (labels["reason"].str.len() > 0).all()
    assert set(labels["label"]) <= set(LABELS)


def test_every_non_blank_line_is_labelled_once(seeds):
    text = _capture("seeds/002_321a6c5586adf6a2.txt", seeds)
    labels = label_lines(text)
    non_blank = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    assert labels["line_no"].tolist() == non_blank


def test_title_from_manifest_wins_over_guess():
    text = "Menu\n\nA Long Headline About Many Things Here\n\nReal headline of the story\n\n" + (
        "The minister said the talks went well and would continue next week.\n"
    )
    labels = label_lines(text, title="Real headline of the story").set_index("line_no")
    assert labels.loc[5, "label"] == "title"
    assert labels.loc[3, "label"] == "boilerplate"


def test_duplicated_body_paragraph_is_kept_once():
    paragraph = "The minister said the talks had gone better than anyone expected this week."
    text = f"Ministers meet for trade talks in the capital\n\n{paragraph}\n\n{paragraph}\n"
    labels = label_lines(text).set_index("line_no")
    assert labels.loc[3, "label"] == "body"
    assert labels.loc[5, "label"] == "boilerplate"
    assert "repeats line 3" in labels.loc[5, "reason"]


def test_outlet_closing_note_is_furniture_only_when_outlet_is_known():
    text = (FIXTURES / "harbor_times_0604.txt").read_text(encoding="utf-8")
    assert label_lines(text).set_index("line_no").loc[40, "label"] == "body"
    assert label_lines(text, outlet="Harbor Times").set_index("line_no").loc[40, "label"] != "body"


@given(st.text(max_size=600))
def test_cleaning_never_crashes_and_never_invents_text(text):
    labels = label_lines(text)
    input_lines = text.split("\n")
    for row in labels.itertuples():
        assert input_lines[row.line_no - 1] == row.text
    assert set(labels["label"]) <= set(LABELS)


@given(
    st.lists(
        st.sampled_from(
            [
                "Home",
                "Share this article",
                "By Ann Lee",
                "June 4, 2025",
                "0:00 1:20",
                "The council voted on Tuesday to close the old bridge to all traffic.",
                '"It is not safe," the mayor said.',
                "What happens next",
                "Image: Photo Desk/AP",
            ]
        ),
        max_size=25,
    )
)
def test_arbitrary_line_mixes_keep_labels_in_vocabulary(lines):
    labels = label_lines("\n".join(lines))
    assert len(labels) == sum(1 for line in lines if line.strip())
    assert set(labels["label"]) <= set(LABELS)


def _paragraphs(topic: str, n: int) -> list[str]:
    """`n` distinct sentence-shaped paragraphs about `topic`."""
    return [
        f"Paragraph {i} on {topic} says the council met again and weighed the plan in detail."
        for i in range(1, n + 1)
    ]


def _article_lines(text: str, title: str) -> list[str]:
    labels = label_lines(text, title=title)
    return labels.loc[labels["label"].isin(["body", "subhead"]), "text"].tolist()


def test_article_goes_on_after_a_box_set_inside_it():
    first = _paragraphs("the bridge", 6)
    second = [f"Part {i} of the tunnel story is shorter." for i in range(6)]
    box = ["Most read", "Local team wins the cup again.", "Sport"]
    box += [f"Local team wins cup number {i} at home" for i in range(8)]
    text = "\n\n".join(["Council weighs the bridge plan", *first, *box, *second])
    kept = _article_lines(text, "Council weighs the bridge plan")
    assert set(first + second) <= set(kept)  # (the box between may be a list in the article)


def test_comments_after_the_article_are_not_its_continuation():
    body = _paragraphs("the bridge", 6)
    comments = []
    for i in range(6):
        comments += [f"reader{i}", "2 hours ago", f"Comment {i}: I think the plan will fail again."]
    text = "\n\n".join(["Council weighs the bridge plan", *body, "Comments", *comments])
    kept = _article_lines(text, "Council weighs the bridge plan")
    assert kept == body


def test_teaser_list_at_the_end_of_the_article_is_furniture():
    body = _paragraphs("the bridge", 6)
    teasers = []
    for i in range(4):
        teasers += [
            f"Another story headline {i}",
            f"site{i}.example Politics",
            f"Teaser {i} tells readers what happened in the other town this week.",
        ]
    text = "\n\n".join(["Council weighs the bridge plan", *body, *teasers])
    labels = label_lines(text, title="Council weighs the bridge plan")
    kept = labels.loc[labels["label"].isin(["body", "subhead"]), "text"].tolist()
    assert kept == body
    teaser_rows = labels[labels["text"].str.startswith("Teaser")]
    assert teaser_rows["reason"].str.startswith("teaser list").all()


def test_paragraphs_with_one_subhead_each_are_not_a_teaser_list():
    body = _paragraphs("the bridge", 5)
    sections = []
    for i, paragraph in enumerate(_paragraphs("the tunnel", 4)):
        sections += [f"Section {i} heading", paragraph]
    text = "\n\n".join(["Council weighs the bridge plan", *body, *sections])
    kept = _article_lines(text, "Council weighs the bridge plan")
    assert kept == body + sections


def test_table_inside_the_article_is_kept():
    body = _paragraphs("the league", 4)
    table = ["Pos.\tTeam\tPoints", "1\tRovers\t40", "2\tCity\t38", "3\tUnited\t31"]
    text = "\n".join(["League table after round ten", "", *body[:2], *table, *body[2:]])
    assert _article_lines(text, "League table after round ten") == body[:2] + table + body[2:]


def test_numbered_list_right_after_the_headline_opens_the_article():
    items = [f"{i}. Round {i}: March {i + 3} at the north circuit" for i in range(1, 7)]
    footer = "Comments that insult other readers will not be approved by the editors here."
    after = ["Share", "Tags", "season", "calendar", "circuit", "Follow us", "Newsletter"]
    text = "\n\n".join(["Race calendar for next season", "Share", *items, *after, footer])
    kept = _article_lines(text, "Race calendar for next season")
    assert kept == items


def test_teaser_headlines_after_the_headline_are_not_the_article():
    teasers = [f"Mayor opens the new market hall in town {i}" for i in range(5)]
    body = _paragraphs("the bridge", 5)
    text = "\n\n".join(["Council weighs the bridge plan", *teasers, *body])
    assert _article_lines(text, "Council weighs the bridge plan") == body


def test_invisible_lines_do_not_part_the_article():
    parts = _paragraphs("the festival", 8)
    text = "Festival day in the park\n\n" + "\n\n\u200b\n\n".join(
        paragraph + "\n\u200b" * 6 for paragraph in parts
    )
    assert _article_lines(text, "Festival day in the park") == parts


@pytest.mark.parametrize(
    "heading",
    [
        "Why The Bridge Plan Is Late Again",
        "READ: COUNCIL VOTES ON THE TUNNEL",
        "Votes: Rovers, City, United, Town",
    ],
)
def test_headings_are_not_alt_text_so_the_next_paragraph_is_kept(heading):
    body = _paragraphs("the bridge", 6)
    text = "\n\n".join(["Council weighs the bridge plan", *body[:3], heading, *body[3:]])
    kept = _article_lines(text, "Council weighs the bridge plan")
    assert set(body) <= set(kept)


def test_names_without_final_stop_are_alt_text_and_the_next_line_its_caption():
    body = _paragraphs("the bridge", 6)
    picture = ["Mayor Ann Lee and Minister Tom Berg", "The two met at the bridge on Monday."]
    text = "\n\n".join(["Council weighs the bridge plan", *body[:3], *picture, *body[3:]])
    labels = label_lines(text, title="Council weighs the bridge plan").set_index("text")
    assert labels.loc[picture, "label"].tolist() == ["caption", "caption"]


def test_long_line_in_capitals_inside_the_article_is_a_promoted_link():
    body = _paragraphs("the bridge", 6)
    link = "MAYOR SAYS THE OLD FERRY WILL RUN AGAIN NEXT SUMMER"
    subhead = "WHAT COMES NEXT"
    text = "\n\n".join(
        ["Council weighs the bridge plan", *body[:2], link, *body[2:4], subhead, *body[4:]]
    )
    labels = label_lines(text, title="Council weighs the bridge plan").set_index("text")
    assert labels.loc[link, "label"] == "related"
    assert labels.loc[subhead, "label"] == "subhead"
