"""The alignment table's shape on many outlets: shared pairs, each sentence's nearest miss and
per-outlet counts, never the sentences x outlets grid; its consumers answer as the full grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import loaded, overlap, summary
from framing.paraphrase import SHARED_RELATIONS
from framing.pipeline import analyze

#: Six outlets on a ferry strike (each in its own words, some facts shared, some not), two of
#: them also on a school opening: an event the others did not cover.
STRIKE = {
    "Bay Herald": "Ferry crews walked off the job on Tuesday over unpaid overtime. "
    "The harbour authority cancelled every crossing to the islands. "
    "Island shops ran short of fresh milk by the evening.",
    "Coast Weekly": "Every crossing to the islands was cancelled by the harbour authority. "
    "Ferry crews stopped work on Tuesday in a dispute over unpaid overtime. "
    "A local choir sang on the quay to cheer the stranded travellers.",
    "Delta Radio": "Ferry crews walked off the job on Tuesday over unpaid overtime. "
    "Talks between the union and the operator will resume on Friday.",
    "Echo News": "Stranded travellers slept in the terminal after the crossings were cancelled. "
    "The operator said the overtime claims were exaggerated.",
    "Fjord Times": "The union said talks with the operator would resume on Friday. "
    "Island shops ran short of fresh milk by the evening.",
    "Gulf Post": "A new lighthouse museum opened on the northern cape last spring. "
    "Ferry crews walked off the job on Tuesday over unpaid overtime.",
}
SCHOOL = {
    "Bay Herald": "The new village school opened its doors to ninety pupils on Monday. "
    "Parents had campaigned for the school for a decade.",
    "Coast Weekly": "Ninety pupils started classes at the new village school on Monday. "
    "The building has a solar roof.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("six_outlets")
    rows = ["file,outlet,event"]
    for event, texts in (("strike", STRIKE), ("school", SCHOOL)):
        for index, (outlet, text) in enumerate(texts.items()):
            name = f"{event}{index}.txt"
            (folder / name).write_text(f"{event.title()} news\n\n{text}\n", encoding="utf-8")
            rows.append(f"{name},{outlet},{event}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def analysed(corpus):
    """The tables, and the full grid the alignment used to be: every sentence's best
    counterpart in every other outlet of its event, an empty row where it has none."""
    captured = {}
    real = overlap._kept_pairs

    def spy(frame, codes, outlets, events, matched):
        captured.update(
            frame=frame, events=events, matched=_candidates(frame, codes, outlets, matched)
        )
        return real(frame, codes, outlets, events, matched)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(overlap, "_kept_pairs", spy)
        tables = analyze(corpus)
    return tables, _full_grid(**captured)


def _candidates(
    frame: pd.DataFrame, codes: np.ndarray, outlets: list[str], matched: dict[str, np.ndarray]
) -> pd.DataFrame:
    """The candidate counterparts as a table of the alignment's columns, keyed by row."""
    cols = matched["col"]
    return pd.DataFrame(
        {
            "row": matched["row"],
            "outlet_b": np.asarray(outlets, dtype=object)[codes[cols]],
            "doc_b": frame["doc_id"].to_numpy()[cols],
            "sent_b": frame["sent_id"].to_numpy()[cols],
            "similarity": np.round(matched["similarity"].astype(float), 4),
            "same_fact": np.round(matched["same_fact"].astype(float), 4),
            "relation": matched["relation"],
        }
    )


def _full_grid(frame: pd.DataFrame, events: np.ndarray, matched: pd.DataFrame) -> pd.DataFrame:
    covering = pd.DataFrame({"event": events, "outlet": frame["outlet"]}).drop_duplicates()
    grid = (
        pd.DataFrame({"row": np.arange(len(frame)), "event": events, "outlet_a": frame["outlet"]})
        .merge(covering.rename(columns={"outlet": "outlet_b"}), on="event")
        .query("outlet_a != outlet_b")[["row", "outlet_b"]]
    )
    table = grid.merge(matched, on=["row", "outlet_b"], how="left").fillna(
        {"doc_b": "", "sent_b": 0, "similarity": 0.0, "same_fact": 0.0, "relation": "unique"}
    )
    table["doc_a"] = frame["doc_id"].to_numpy()[table["row"]]
    table["outlet_a"] = frame["outlet"].to_numpy()[table["row"]]
    table["sent_a"] = frame["sent_id"].to_numpy()[table["row"]]
    table["event"] = events[table["row"]]
    table["sent_b"] = table["sent_b"].astype("int64")
    return table.sort_values(["doc_a", "sent_a", "outlet_b"], ignore_index=True)[
        [*overlap.ALIGNMENT_COLUMNS, "event", "same_fact"]
    ]


def test_alignment_keeps_shared_pairs_and_one_nearest_miss_per_sentence(analysed):
    tables, grid = analysed
    alignment = tables["alignment"]
    per_outlet = tables["sentences"].merge(tables["documents"][["doc_id", "event"]], on="doc_id")
    per_outlet = per_outlet.groupby("event")["outlet"].value_counts()
    assert len(grid) == 5 * per_outlet["strike"].sum() + 1 * per_outlet["school"].sum()
    shared = alignment[alignment["relation"].isin(SHARED_RELATIONS)]
    grid_shared = grid[grid["relation"].isin(SHARED_RELATIONS)]
    pd.testing.assert_frame_equal(shared.reset_index(drop=True), grid_shared.reset_index(drop=True))
    assert not shared.empty
    unique = alignment[alignment["relation"] == "unique"]
    assert not unique.duplicated(["doc_a", "sent_a"]).any()
    assert len(alignment) <= len(shared) + len(tables["sentences"]) < len(grid)
    # the nearest miss is the most similar of the sentence's unique counterparts
    nearest = grid[grid["relation"] == "unique"].groupby(["doc_a", "sent_a"])["similarity"].max()
    kept = unique.set_index(["doc_a", "sent_a"])["similarity"]
    assert (kept == nearest.reindex(kept.index)).all()
    # every sentence of an event another outlet covered has a row; of no other event's
    listed = set(zip(alignment["doc_a"], alignment["sent_a"], strict=True))
    assert listed == set(zip(grid["doc_a"], grid["sent_a"], strict=True))
    assert (alignment["outlet_a"] != alignment["outlet_b"]).all()


def test_reworded_and_copied_facts_are_shared_across_outlets(analysed):
    tables, _ = analysed
    alignment, sentences = tables["alignment"], tables["sentences"]
    text = sentences.set_index(["doc_id", "sent_id"])["text"]
    shared = alignment[alignment["relation"].isin(SHARED_RELATIONS)]
    pairs = {
        (text[(a, i)], text[(b, j)])
        for a, i, b, j in shared[["doc_a", "sent_a", "doc_b", "sent_b"]].itertuples(index=False)
    }
    walked = "Ferry crews walked off the job on Tuesday over unpaid overtime."
    assert (walked, walked) in pairs  # copied verbatim by three outlets
    copied = shared[shared["relation"] == "same"]
    assert copied.groupby(["doc_a", "sent_a"])["outlet_b"].nunique().max() >= 2


def test_alignment_counts_are_the_grid_counted_per_pair_of_outlets(analysed):
    tables, grid = analysed
    counts = tables["alignment_counts"].set_index(["outlet_a", "outlet_b"])
    expected = pd.crosstab([grid["outlet_a"], grid["outlet_b"]], grid["relation"])
    expected = expected.reindex(columns=["same", "partial", "unique"], fill_value=0)
    assert (counts[["same", "partial", "unique"]] == expected.reindex(counts.index)).all().all()
    assert set(counts.index) == set(expected.index)
    assert counts.loc[("Bay Herald", "Coast Weekly"), "sentences"] == 3 + 2
    assert counts.loc[("Bay Herald", "Delta Radio"), "sentences"] == 3
    share = grid.assign(shared=grid["relation"].isin(SHARED_RELATIONS)).pivot_table(
        index="outlet_a", columns="outlet_b", values="shared", aggfunc="mean"
    )
    pivot = tables["alignment_counts"].pivot_table(
        index="outlet_a", columns="outlet_b", values="share_shared"
    )
    pd.testing.assert_frame_equal(pivot, share, check_names=False)


def test_consumers_answer_as_on_the_full_grid(analysed):
    tables, grid = analysed
    alignment, sentences = tables["alignment"], tables["sentences"]
    pd.testing.assert_frame_equal(
        overlap.coverage_summary(alignment, sentences), overlap.coverage_summary(grid, sentences)
    )
    for outlet in STRIKE:
        pd.testing.assert_frame_equal(
            overlap.only_in(alignment, sentences, outlet), overlap.only_in(grid, sentences, outlet)
        )
    pd.testing.assert_frame_equal(
        overlap.aligned_pairs(alignment, sentences), overlap.aligned_pairs(grid, sentences)
    )
    assert not overlap.only_in(alignment, sentences, "Echo News").empty
    pd.testing.assert_frame_equal(
        loaded.loaded_terms(sentences, alignment, tables["documents"]),
        loaded.loaded_terms(sentences, grid, tables["documents"]),
    )
    found, evidence = summary.findings(tables)
    before, before_evidence = summary.findings({**tables, "alignment": grid})
    pd.testing.assert_frame_equal(found, before)
    pd.testing.assert_frame_equal(evidence, before_evidence)
