"""The evidence explorer: what its widgets and its HTML page show, driven without a browser."""

from __future__ import annotations

import html
import importlib.util
import json
import random
import re
import sys
from datetime import date
from itertools import pairwise

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing import explore
from framing.explore import (
    Explorer,
    evidence_for,
    explorer_data,
    highlight,
    ranked_values,
    term_spans,
    write_explorer,
)
from framing.pipeline import analyze
from framing.tokenize import token_spans, tokenize

HOSTILE = 'The envoy called it <script>alert("pwned")</script> a defensive response & more.'


@pytest.fixture(scope="module")
def seed_tables():
    from conftest import SEEDS

    return analyze(SEEDS)


@pytest.fixture(scope="module")
def three_tables():
    from conftest import THREE_OUTLETS

    return analyze(THREE_OUTLETS)


def page_data(page: str) -> dict:
    """The JSON data block of an explorer page, parsed as the page's script parses it."""
    block = re.search(
        r'<script type="application/json" id="explorer-data">(.*?)</script>', page, re.DOTALL
    )
    return json.loads(block.group(1))


# --- finding terms in sentences -------------------------------------------------------------


def test_token_spans_point_at_the_words_of_each_token():
    text = "The U.S. envoy met China’s “top diplomat” in US-China talks, 2 days later."
    found = {token: text[start:end] for token, start, end in token_spans(text)}
    assert found["u.s."] == "U.S."
    assert found["china"] == "China’s"
    assert found["top"] == "top"
    assert found["diplomat"] == "diplomat"
    assert found["us-china"] == "US-China"
    assert found["talks"] == "talks"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_token_spans_give_exactly_the_tokenizer_tokens(text):
    assert [token for token, _, _ in token_spans(text)] == tokenize(text)


def test_term_spans_find_unigrams_and_bigrams_with_their_original_characters():
    text = "Human rights groups said “human rights” and rights of humans were ignored."
    spans = term_spans(text, "human rights")
    assert [text[start:end] for start, end in spans] == ["Human rights", "human rights"]
    assert [text[a:b] for a, b in term_spans(text, "rights")] == ["rights", "rights", "rights"]
    assert term_spans(text, "rights groups said") == [(6, 24)]
    assert term_spans(text, "humans rights") == []


def test_highlight_escapes_article_text_before_marking_it():
    text = '<b>Talks</b> & "talks"'
    assert highlight(text, term_spans(text, "talks")) == (
        "&lt;b&gt;<mark>Talks</mark>&lt;/b&gt; &amp; &quot;<mark>talks</mark>&quot;"
    )


# --- what the widgets show ------------------------------------------------------------------


def test_ranked_terms_on_all_outlets_are_the_analysis_terms(seed_tables):
    outlets = sorted(seed_tables["documents"]["outlet"].unique())
    ranked = ranked_values(seed_tables, "term", outlets)
    terms = seed_tables["terms"]
    row = ranked.iloc[0]
    source = terms[(terms["term"] == row["value"]) & (terms["outlet"] == row["outlet"])]
    assert row["statistic"] == pytest.approx(source["z"].iloc[0])
    assert row["count"] == source["count"].iloc[0]
    best = ranked.groupby("value")["statistic"].max()
    assert best.loc[ranked["value"].iloc[0]] == pytest.approx(best.max())
    assert list(ranked["rank"]) == sorted(ranked["rank"])


def test_a_subset_of_outlets_recomputes_z_one_versus_rest(three_tables):
    outlets = sorted(three_tables["documents"]["outlet"].unique())
    pair = outlets[:2]
    ranked = ranked_values(three_tables, "term", pair)
    assert set(ranked["outlet"]) == set(pair)
    both = ranked.pivot(index="value", columns="outlet", values="statistic").dropna()
    # With two outlets, "one versus the rest" is the pair: each z is the other's negative.
    assert (both[pair[0]] + both[pair[1]]).abs().max() < 1e-9
    full = three_tables["terms"].set_index(["term", "outlet"])["z"]
    shared = [(term, pair[0]) for term in both.index if (term, pair[0]) in full.index]
    assert any(abs(both.at[term, outlet] - full[(term, outlet)]) > 1e-6 for term, outlet in shared)
    counts = ranked[ranked["count"] > 0].set_index(["value", "outlet"])["count"]
    full_counts = three_tables["terms"].set_index(["term", "outlet"])["count"]
    assert all(counts[key] == full_counts[key] for key in counts.index[:50])


def test_term_evidence_lists_each_outlets_sentences_with_the_term_marked(seed_tables):
    outlets = sorted(seed_tables["documents"]["outlet"].unique())
    evidence = evidence_for(seed_tables, "term", "defensive response", outlets)
    assert set(evidence["outlet"]) == set(outlets)
    for row in evidence.itertuples():
        assert [row.text[a:b].lower() for a, b in row.spans] == ["defensive response"]
        assert row.title and row.line_no >= 1
    sentences = seed_tables["sentences"]
    using = sentences[sentences["text"].str.contains("defensive response")]
    assert len(evidence) == len(using)


def test_frame_evidence_marks_the_words_that_signal_the_frame(seed_tables):
    outlets = sorted(seed_tables["documents"]["outlet"].unique())
    ranked = ranked_values(seed_tables, "frame", outlets)
    frame = ranked["value"].iloc[0]
    evidence = evidence_for(seed_tables, "frame", frame, outlets)
    hits = seed_tables["sentence_frames"]
    assert len(evidence) == (hits["frame"] == frame).sum()
    assert all(row.spans for row in evidence.itertuples())
    outlet_rows = seed_tables["frames"][seed_tables["frames"]["doc_id"] == "*"]
    for row in ranked[ranked["value"] == frame].itertuples():
        source = outlet_rows[
            (outlet_rows["outlet"] == row.outlet) & (outlet_rows["frame"] == frame)
        ]
        assert row.statistic == pytest.approx(source["per_1000_words"].iloc[0])


def choose(explorer: Explorer, kind: str, value: str) -> None:
    explorer.kind.value = kind
    explorer.search.value = value
    explorer.value.value = value


def test_explorer_widget_shows_a_terms_sentences_in_every_outlet(seed_tables):
    explorer = Explorer(seed_tables)
    outlets = explorer.chosen()
    assert len(outlets) == 2 and explorer.value.options
    choose(explorer, "term", "defensive response")
    shown = explorer.evidence.value
    assert shown.count("<mark>defensive response</mark>") == 3
    for outlet in outlets:
        assert f'class="sentence" data-outlet="{outlet}"' in shown
        assert explorer.colors[outlet] in shown
    assert "line 23" in shown
    for title in seed_tables["documents"]["title"]:
        assert title.replace("'", "&#x27;") in shown
    table = explorer.ranking.value
    assert "<th>z</th>" in table and all(outlet in table for outlet in outlets)


def test_changing_the_outlets_recomputes_what_the_widget_shows(three_tables):
    explorer = Explorer(three_tables)
    outlets = explorer.chosen()
    assert len(outlets) == 3
    before = explorer.value.options
    explorer.outlets.value = outlets[1:]
    assert explorer.value.options != before
    term = explorer.value.value
    expected = ranked_values(three_tables, "term", outlets[1:])
    z = expected[expected["value"] == term]["statistic"]
    assert all(f"{value:.2f}" in explorer.ranking.value for value in z)
    assert outlets[0] not in explorer.ranking.value + explorer.evidence.value
    explorer.outlets.value = outlets[:1]
    assert "two or more outlets" in explorer.status.value
    assert explorer.evidence.value == "" and explorer.value.options == ()


def test_explorer_browses_frames_on_a_corpus_without_actors_or_topics(three_tables):
    explorer = Explorer(three_tables)
    explorer.kind.value = "frame"
    assert explorer.value.value is not None
    assert 'class="sentence"' in explorer.evidence.value
    assert "per 1,000 words" in explorer.ranking.value


def test_explorer_browses_speakers_with_their_quotes_marked(seed_tables):
    explorer = Explorer(seed_tables)
    explorer.kind.value = "speaker"
    voice = seed_tables["voice"]
    top = voice[voice["level"] == "speaker"].sort_values("share", ascending=False)
    assert explorer.value.value == top["name"].iloc[0]
    quotes = seed_tables["quotes"]
    own = quotes[quotes["speaker"] == explorer.value.value]
    shown = explorer.evidence.value
    assert shown.count('class="sentence"') == own[["doc_id", "sent_id"]].drop_duplicates().shape[0]
    assert "<mark>" + html.escape(own["quote"].iloc[0].rstrip(",.")) in shown
    assert "share of voice" in explorer.ranking.value


@pytest.mark.parametrize("kind", ["topic", "actor"])
def test_explorer_browses_topics_and_actors_on_corpora_with_and_without_files(
    kind, seed_tables, three_tables
):
    for tables in (seed_tables, three_tables):
        explorer = Explorer(tables)
        explorer.kind.value = kind
        value = explorer.value.value
        assert value is not None, kind
        evidence = evidence_for(tables, kind, value, explorer.chosen())
        assert not evidence.empty
        assert all(spans for spans in evidence["spans"]) or kind == "actor"
        assert explorer.evidence.value.count('class="sentence"') == len(evidence)


def test_hostile_article_text_is_escaped_in_the_widgets(seed_tables):
    tables = dict(seed_tables)
    sentences = seed_tables["sentences"]
    hostile = sentences.iloc[[0]].assign(text=HOSTILE, sent_id=999)
    tables["sentences"] = pd.concat([sentences, hostile], ignore_index=True)
    explorer = Explorer(tables)
    choose(explorer, "term", "defensive response")
    shown = explorer.evidence.value
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in shown
    assert "<script" not in shown
    assert "&amp; more" in shown


# --- the kernel-free page -------------------------------------------------------------------


def test_page_data_lists_each_kept_terms_sentences_with_offsets(three_tables):
    data = explorer_data(three_tables)
    outlets = [outlet["name"] for outlet in data["outlets"]]
    assert outlets == sorted(three_tables["documents"]["outlet"].unique())
    assert len({outlet["color"] for outlet in data["outlets"]}) == 3
    for entry in data["terms"]:
        for index, rows in enumerate(entry["s"]):
            assert len(rows) == min(entry["n"][index], explore.MAX_SENTENCES)
            for sentence, offsets in rows:
                doc, line, text = data["sentences"][sentence]
                assert data["docs"][doc][0] == index and line >= 1
                marked = [text[a:b] for a, b in zip(offsets[::2], offsets[1::2], strict=True)]
                assert marked and all(tokenize(m) for m in marked)
            if entry["c"][index] == 0:
                assert rows == []
    assert data["kept"]["sentences"] == len(data["sentences"])
    assert data["kept"]["sentences_total"] == len(three_tables["sentences"])


def test_page_offsets_count_utf16_units_like_the_pages_script(seed_tables):
    tables = dict(seed_tables)
    sentences = seed_tables["sentences"]
    emoji = sentences.iloc[[0]].assign(text="Crowds 🎉🎉 greeted the defensive response.")
    tables["sentences"] = pd.concat([emoji, sentences], ignore_index=True)
    data = explorer_data(tables)
    entry = next(e for e in data["terms"] if e["t"] == "defensive response")
    first = next(
        rows[0] for rows in entry["s"] if rows and "🎉" in data["sentences"][rows[0][0]][2]
    )
    text = data["sentences"][first[0]][2].encode("utf-16-le")
    start, end = first[1][:2]
    assert text[2 * start : 2 * end].decode("utf-16-le") == "defensive response"


def test_page_is_self_contained_and_article_text_stays_data(seed_tables, tmp_path):
    tables = dict(seed_tables)
    sentences = seed_tables["sentences"]
    hostile = sentences.iloc[[0]].assign(text=HOSTILE + " </script><!-- ", sent_id=999)
    tables["sentences"] = pd.concat([sentences, hostile], ignore_index=True)
    page = write_explorer(tables, tmp_path / "explorer.html").read_text(encoding="utf-8")
    assert page.count("</script>") == 2 and "<!--" not in page
    assert 'alert("pwned")' not in page and "<script src" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "innerHTML" not in page and "textContent" in page
    data = page_data(page)
    assert any(HOSTILE in text for _, _, text in data["sentences"])
    for element in ('id="search"', 'id="outlet"', 'id="sentences"', 'id="scatter"'):
        assert element in page
    kept = data["kept"]
    assert f"{kept['terms']:,} of the corpus's {kept['terms_total']:,} terms" in page


def test_page_is_the_same_byte_for_byte_on_every_run(three_tables, tmp_path):
    first = write_explorer(three_tables, tmp_path / "a.html").read_bytes()
    second = write_explorer(three_tables, tmp_path / "b.html").read_bytes()
    assert first == second


def _generator():
    from conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large_tables() -> dict[str, pd.DataFrame]:
    """Tables of the shape `analyze` gives on 10,000 generated articles from 5 outlets.

    The article texts come from the benchmark's corpus generator (seed 7); sentences are its
    body paragraphs split with the suite's splitter. Term counts come from a sample of those
    sentences; z is drawn at random (seed 11), as the page only ranks by it.
    """
    generator = _generator()
    rng = random.Random(7)
    outlets = [f"Outlet {letter}" for letter in "ABCDE"]
    documents, rows = [], []
    for index in range(10_000):
        outlet, doc_id = outlets[index % 5], f"a{index:06d}"
        text = generator.article_text(rng, outlet, date(2025, 1, 1 + index % 28))
        lines = text.split("\n")
        documents.append({"doc_id": doc_id, "outlet": outlet, "title": lines[5]})
        for line_no, line in enumerate(lines, start=1):
            if len(line.split()) > 8 and not line.startswith(("Image", "Read more")):
                for sent_id, sentence in enumerate(re.split(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])", line)):
                    rows.append((doc_id, outlet, sent_id + 1, line_no, sentence))
    sentences = pd.DataFrame(rows, columns=["doc_id", "outlet", "sent_id", "line_no", "text"])
    counts: dict[tuple[str, str], int] = {}
    sample = sentences.sample(n=20_000, random_state=11)
    for outlet, text in zip(sample["outlet"], sample["text"], strict=True):
        tokens = tokenize(text)
        for term in set(tokens) | {f"{a} {b}" for a, b in pairwise(tokens)}:
            counts[(outlet, term)] = counts.get((outlet, term), 0) + 1
    terms = pd.DataFrame(
        [(outlet, term, len(term.split()), 12 * n) for (outlet, term), n in sorted(counts.items())],
        columns=["outlet", "term", "n", "count"],
    )
    terms["z"] = random.Random(11).choices(range(-800, 800), k=len(terms))
    terms["z"] = terms["z"] / 100
    return {"documents": pd.DataFrame(documents), "sentences": sentences, "terms": terms}


def test_page_stays_small_on_ten_thousand_articles(large_tables, tmp_path):
    sentences = large_tables["sentences"]
    assert len(large_tables["documents"]) == 10_000 and len(sentences) > 200_000
    assert len(large_tables["terms"]) > 5_000
    path = write_explorer(large_tables, tmp_path / "explorer.html")
    size = path.stat().st_size
    assert size < 10 * 2**20
    data = page_data(path.read_text(encoding="utf-8"))
    kept = data["kept"]
    assert kept["terms"] <= 2 * 5 * explore.MAX_TERMS
    assert kept["terms_total"] == large_tables["terms"]["term"].nunique() > kept["terms"]
    assert kept["sentences"] <= kept["terms"] * 5 * explore.MAX_SENTENCES
    assert kept["sentences_total"] == len(sentences) > 10 * kept["sentences"]
    assert all(len(rows) <= explore.MAX_SENTENCES for e in data["terms"] for rows in e["s"])
    assert max(max(e["n"]) for e in data["terms"]) > explore.MAX_SENTENCES
