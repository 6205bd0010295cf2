"""Corpora of many events: automatic grouping, alignment within an event, coverage, blindspots."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.preprocessing import normalize

from framing import events
from framing.paraphrase import SHARED_RELATIONS
from framing.pipeline import analyze

#: Three stories, told by three outlets; Gamma Daily did not cover the strike.
STORIES = {
    "bridge": (
        "2024-03-01",
        [
            "Engineers closed the old Kelmar river bridge in Ostvale on Friday after inspectors "
            "found deep cracks in two of its steel supports.",
            "The town council said the bridge would stay shut for at least six months while "
            "repairs are planned.",
            "Commuters now face a detour of twelve kilometres through the northern ring road.",
            "Shop owners near the bridge warned that the closure would cost them customers.",
            '"We cannot take any risks with the safety of drivers," the mayor said.',
        ],
    ),
    "rates": (
        "2024-03-12",
        [
            "The central bank raised its main interest rate by half a point to 4.5 percent on "
            "Tuesday, its third increase this year.",
            "The governor said inflation remained too high and that borrowing costs could rise "
            "again before the summer.",
            "Mortgage lenders are expected to pass the higher rate on to homeowners within weeks.",
            "Economists had predicted a smaller increase of a quarter point.",
            '"Prices are still rising far too quickly for families," the governor said.',
        ],
    ),
    "strike": (
        "2024-03-25",
        [
            "Dock workers at the port of Marrow walked off the job on Monday, halting the "
            "loading of container ships.",
            "The dockers union demands a wage rise of eight percent and shorter night shifts.",
            "Freight companies said hundreds of containers of fruit were stuck on the quays.",
            "The port authority called the walkout illegal and asked a court to end it.",
            '"We will stay out until the port listens to us," a union leader said.',
        ],
    ),
}
#: How each outlet retells a story: its own opening words, then the facts in its order.
OUTLETS = {
    "Alpha Post": ("Reporting from the scene, our correspondent writes.", False),
    "Beta News": ("Here is what we know so far.", True),
    "Gamma Daily": ("The latest, in brief.", False),
}


def _write_corpus(folder: Path, with_event: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for outlet, (opening, reverse) in OUTLETS.items():
        for story, (date, facts) in STORIES.items():
            if outlet == "Gamma Daily" and story == "strike":
                continue
            day = pd.Timestamp(date) + pd.Timedelta(days=len(rows) % 2)
            body = list(reversed(facts)) if reverse else facts
            name = f"{outlet.split()[0].lower()}_{story}.txt"
            title = f"{outlet}: {facts[0].split(' on ')[0]}"
            (folder / name).write_text("\n\n".join([title, opening, *body]) + "\n", "utf-8")
            row = {"file": name, "outlet": outlet, "title": title, "published": str(day.date())}
            rows.append({**row, **({"event": story} if with_event else {})})
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _story(doc_id: str) -> str:
    return doc_id.split("_")[1]


@pytest.fixture(scope="module")
def automatic(tmp_path_factory):
    return analyze(_write_corpus(tmp_path_factory.mktemp("many") / "corpus", with_event=False))


@pytest.fixture(scope="module")
def named(tmp_path_factory):
    return analyze(_write_corpus(tmp_path_factory.mktemp("named") / "corpus", with_event=True))


def test_articles_are_grouped_into_their_stories_without_an_event_column(automatic):
    table = automatic["events"]
    assert set(table["source"]) == {"automatic"}
    groups = table.groupby("event")["doc_id"].apply(lambda ids: sorted(map(_story, ids)))
    assert sorted(map(tuple, groups)) == [("bridge",) * 3, ("rates",) * 3, ("strike",) * 2]
    documents = automatic["documents"].set_index("doc_id")["event"]
    assert (documents.loc[table["doc_id"]].to_numpy() == table["event"].to_numpy()).all()


def test_grouping_is_deterministic(automatic, tmp_path):
    again = analyze(_write_corpus(tmp_path / "corpus", with_event=False))
    pd.testing.assert_frame_equal(again["events"], automatic["events"])


def test_a_manifest_event_column_names_the_events(named):
    table = named["events"]
    assert set(table["source"]) == {"manifest"}
    assert (table["event"] == table["doc_id"].map(_story)).all()


@pytest.mark.parametrize("tables", ["automatic", "named"])
def test_alignment_pairs_sentences_of_one_event_only(tables, request):
    alignment = request.getfixturevalue(tables)["alignment"]
    shared = alignment[alignment["relation"].isin(SHARED_RELATIONS)]
    assert not shared.empty
    assert (shared["doc_a"].map(_story) == shared["doc_b"].map(_story)).all()
    # a sentence is compared only with the outlets that covered its event
    strike = alignment[alignment["doc_a"].map(_story) == "strike"]
    assert "Gamma Daily" not in set(strike["outlet_b"])


def test_the_same_fact_in_each_outlet_is_shared(named):
    alignment = named["alignment"]
    sentences = named["sentences"].set_index(["doc_id", "sent_id"])["text"]
    shared = alignment[alignment["relation"].isin(SHARED_RELATIONS)]
    texts = {
        sentences[(doc, sent)] for doc, sent in zip(shared["doc_a"], shared["sent_a"], strict=True)
    }
    assert any(text.startswith("The dockers union demands") for text in texts)
    openings = {opening for opening, _ in OUTLETS.values()}
    assert not texts & openings


def test_coverage_and_blindspots(named):
    coverage = named["event_coverage"].set_index(["event", "outlet"])
    assert coverage.loc[("strike", "Gamma Daily"), "n_articles"] == 0
    assert not coverage.loc[("strike", "Gamma Daily"), "covered"]
    assert coverage.loc[("rates", "Beta News"), "n_words"] > 0
    shares = named["event_coverage"].groupby("event")["share_of_words"].sum()
    assert shares.round(6).eq(1.0).all()
    blind = named["blindspots"]
    assert blind[["outlet", "event"]].values.tolist() == [["Gamma Daily", "strike"]]
    assert blind["n_outlets_covering"].tolist() == [2]


def test_the_summary_names_the_blindspot(named):
    found = named["findings"]
    gamma = found[(found["outlet"] == "Gamma Daily") & (found["aspect"] == "events")]
    assert gamma["finding"].str.contains("blindspot").any()
    assert gamma["finding"].str.contains("covered 2 of the corpus's 3 events").any()
    alpha = found[(found["outlet"] == "Alpha Post") & (found["aspect"] == "events")]
    assert not alpha["finding"].str.contains("blindspot").any()


def test_blindspots_need_most_other_outlets():
    coverage = pd.DataFrame(
        {
            "event": ["e1"] * 4 + ["e2"] * 4,
            "outlet": ["A", "B", "C", "D"] * 2,
            "n_articles": [1, 1, 1, 0, 1, 0, 0, 0],
        }
    ).assign(covered=lambda t: t["n_articles"] > 0)
    table = events.blindspots(coverage, pd.DataFrame(columns=events.EVENT_COLUMNS))
    assert table[["outlet", "event"]].values.tolist() == [["D", "e1"]]


def _grouped_by_pairs(vectors: np.ndarray, dates: list[str]) -> list[int]:
    """Greedy average linkage as the module docstring states it, one pair of articles at a
    time (the reference for `group_articles`)."""
    order = sorted(range(len(dates)), key=lambda i: (dates[i] or "~", i))
    day = {i: pd.Timestamp(dates[i]).value / 86_400e9 if dates[i] else None for i in order}
    members: list[list[int]] = []
    latest: list[float | None] = []
    found = [0] * len(dates)
    for i in order:
        best, best_score = -1, -np.inf
        for event, articles in enumerate(members):
            near = day[i] is None or latest[event] is None or abs(latest[event] - day[i]) <= 7
            score = np.mean([vectors[i] @ vectors[j] for j in articles]) if near else -1.0
            if score > best_score:
                best, best_score = event, score
        if best < 0 or best_score < events.EVENT_SIMILARITY:
            best = len(members)
            members.append([])
            latest.append(day[i])
        members[best].append(i)
        if day[i] is not None and (latest[best] is None or latest[best] < day[i]):
            latest[best] = day[i]
        found[i] = best
    return found


def test_grouping_in_chunks_is_average_linkage_over_pairs(monkeypatch):
    monkeypatch.setattr(events, "GROUPING_CHUNK", 7)  # many chunks, events across them
    rng = np.random.default_rng(5)
    topics = np.kron(np.eye(6), np.ones(5))  # six stories, five words each
    noise = rng.random((60, 30)) * (rng.random((60, 30)) < 0.1)
    vectors = topics[rng.integers(0, 6, 60)] * rng.random((60, 30)) + noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    dates = ["" if k % 9 == 0 else f"2025-03-{1 + k % 25:02d}" for k in range(60)]
    found = events.group_articles(sparse.csr_matrix(vectors), dates)
    assert found == _grouped_by_pairs(vectors, dates)
    assert 1 < len(set(found)) < 60


def test_event_sums_added_chunk_by_chunk_equal_each_event_summed_at_once():
    rng = np.random.default_rng(1)
    vectors = normalize(sparse.random(700, 400, density=0.03, format="csr", random_state=2))
    labels = np.minimum(np.arange(700) // 9, rng.integers(0, 80, 700))  # numbered in order
    sums = sparse.csr_matrix((0, 400))
    for start in range(0, 700, 128):
        stop = min(700, start + 128)
        n_events = int(labels[:stop].max()) + 1
        sums = events._added(sums, vectors[start:stop], labels[start:stop], n_events)
        members = sparse.csr_matrix(
            (np.ones(stop), (labels[:stop], np.arange(stop))), shape=(n_events, stop)
        )
        assert np.array_equal(sums.toarray(), (members @ vectors[:stop]).toarray())
