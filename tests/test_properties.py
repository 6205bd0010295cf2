"""Property-based checks on arbitrary Unicode text: no stage crashes, and nothing is invented."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import frames, overlap, quotes, sentiment, terms
from framing.clean import label_lines
from framing.load import Article
from framing.pipeline import article_sentences

WORDS = st.sampled_from(
    [
        "the",
        "minister",
        "said",
        "talks",
        "“",
        "”",
        '"',
        "'",
        "he",
        "added",
        "China’s",
        "U.S.",
        "Mr.",
        ",",
        ".",
        "!",
        "?",
        "—",
        "<b>",
        "$",
        "**",
        "é",
        "中",
        "\u200b",
        "\n",
        "Jane",
        "Roe",
        "according",
        "to",
        "«",
        "»",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))
RELAXED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sentences(text: str) -> pd.DataFrame:
    article = Article(doc_id="d", file="d.txt", outlet="O", text=text)
    labels = label_lines(text)
    labels = labels.assign(label="body")  # treat every line as article text
    return article_sentences(article, labels)


@RELAXED
@given(TEXTS)
def test_sentences_come_only_from_input_lines(text):
    sentences = _sentences(text)
    lines = text.split("\n")
    for row in sentences.itertuples():
        assert row.text in lines[row.line_no - 1]


@RELAXED
@given(st.lists(TEXTS, max_size=8))
def test_scoring_never_crashes_and_stays_in_range(texts):
    scores = sentiment.score_sentences(texts)
    assert len(scores) == len(texts)
    assert scores["compound"].between(-1, 1).all()


@RELAXED
@given(TEXTS)
def test_term_counts_and_frame_hits_never_crash(text):
    sentences = _sentences(text)
    counts = terms.count_terms(sentences)
    assert (counts["count"] > 0).all()
    hits = frames.sentence_frames(sentences.assign(is_quote=False), frames.load_lexicon())
    assert set(hits["sent_id"]) <= set(sentences["sent_id"])


@RELAXED
@given(TEXTS)
def test_quote_finding_never_crashes_and_quotes_come_from_the_text(text):
    sentences = _sentences(text)
    found = quotes.find_quotes(sentences)
    folded = " ".join(sentences["text"])
    for quote in found["quote"]:
        assert all(word in folded for word in quote.split())
    marked = quotes.mark_quote_sentences(sentences, found)
    assert len(marked) == len(sentences)
    no_actors = pd.DataFrame({"name": [], "aliases": [], "side": []})
    resolved = quotes.resolve_speakers(found, no_actors)
    assert len(resolved) == len(found)


@RELAXED
@given(st.lists(TEXTS, min_size=2, max_size=6))
def test_alignment_never_crashes_and_lists_every_sentence(texts):
    parts = [
        _sentences(text).assign(doc_id=f"d{i}", outlet=f"O{i % 2}") for i, text in enumerate(texts)
    ]
    sentences = pd.concat(parts, ignore_index=True)
    table = overlap.align_sentences(sentences)
    # two outlets: every sentence has its other outlet's counterparts, one row at least (the
    # near miss) and at most SHARED_PER_OUTLET (the sentences sharing a fact with it)
    rows = table.groupby(["doc_a", "sent_a"]).size()
    assert len(rows) == (len(sentences) if sentences["outlet"].nunique() == 2 else 0)
    assert rows.between(1, overlap.SHARED_PER_OUTLET).all()
    assert (table["outlet_a"] != table["outlet_b"]).all()
    assert table["similarity"].between(0, 1.0001).all()
