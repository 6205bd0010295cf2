"""The one-page comparison: findings computed from the analyses, each traced to its sentences."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.pipeline import analyze
from framing.summary import ASPECTS, findings, findings_with_evidence, noise_label


@pytest.fixture(scope="module", params=["seeds", "three_outlets"])
def tables(request):
    from conftest import SEEDS, THREE_OUTLETS

    return analyze({"seeds": SEEDS, "three_outlets": THREE_OUTLETS}[request.param])


def test_every_outlet_gets_every_aspect(tables):
    found = tables["findings"]
    outlets = set(tables["documents"]["outlet"])
    assert set(found["outlet"]) == outlets
    for outlet in outlets:
        aspects = set(found.loc[found["outlet"] == outlet, "aspect"])
        assert {"frames", "terms", "tone", "coverage"} <= aspects
    assert len(ASPECTS) == 7  # frames, terms, loaded, tone, voice, coverage, events


def test_every_finding_rests_on_sentences_of_its_own_outlet(tables):
    found, evidence = tables["findings"], tables["finding_evidence"]
    joined = evidence.merge(found[["finding_id", "outlet"]], on="finding_id")
    sentences = tables["sentences"].set_index(["doc_id", "sent_id"])
    assert set(found["finding_id"]) == set(evidence["finding_id"])
    for row in joined.itertuples():
        source = sentences.loc[(row.doc_id, row.sent_id)]
        assert source["outlet"] == row.outlet and source["text"] == row.text


def test_findings_repeat_the_numbers_of_the_analyses(tables):
    found = tables["findings"]
    tone = found[found["aspect"] == "tone"].set_index("outlet")
    differences = tables["tone_differences"].set_index("outlet")
    for outlet, row in tone.iterrows():
        assert row["value"] == differences.loc[outlet, "difference"]
        assert row["within_noise"] == differences.loc[outlet, "within_noise"]
    terms = found[found["aspect"] == "terms"]
    z = tables["terms"].set_index(["outlet", "term"])["z"]
    for row in terms.itertuples():
        term = row.finding.split("\u201d")[0].lstrip("\u201c")
        assert row.value == pytest.approx(z[(row.outlet, term)])
        assert row.within_noise == (abs(row.value) < 1.96)
    compared = found.dropna(subset=["ci_low"])
    assert (
        compared["within_noise"] == ((compared["ci_low"] <= 0) & (compared["ci_high"] >= 0))
    ).all()


def test_a_clear_frame_difference_is_beyond_noise():
    n = 40
    sentences = pd.DataFrame(
        {
            "doc_id": ["a"] * n + ["b"] * n,
            "outlet": ["A"] * n + ["B"] * n,
            "sent_id": list(range(1, n + 1)) * 2,
            "line_no": list(range(1, n + 1)) * 2,
            "text": [f"sentence {i}" for i in range(2 * n)],
            "compound": [0.0] * (2 * n),
            "is_quote": [False] * (2 * n),
        }
    )
    hits = pd.DataFrame(
        {
            "doc_id": ["a"] * 30 + ["b"] * 2,
            "outlet": ["A"] * 30 + ["B"] * 2,
            "sent_id": [*range(1, 31), 1, 2],
            "frame": "conflict",
            "hits": 1.0,
            "matched": "clash",
            "is_quote": False,
        }
    )
    from framing import frames, sentiment

    tables = {
        "documents": pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["A", "B"]}),
        "sentences": sentences,
        "sentence_frames": hits,
        "frames": frames.frame_table(hits, sentences.assign(n_words=3)),
        "terms": pd.DataFrame(columns=["outlet", "term", "count", "count_rest", "z"]),
        "tone_differences": sentiment.tone_differences(sentences),
        "tone": sentiment.tone_table(
            sentences, pd.DataFrame(columns=["doc_id", "sent_id", "actor", "side"])
        ),
        "quotes": pd.DataFrame(columns=["doc_id", "outlet", "sent_id", "speaker", "side"]),
        "alignment": pd.DataFrame(
            columns=["doc_a", "outlet_a", "sent_a", "similarity", "relation"]
        ),
    }
    found, evidence = findings(tables)
    conflict = found[(found["aspect"] == "frames") & (found["outlet"] == "A")].iloc[0]
    assert conflict["finding"].startswith("conflict: 75% of its sentences")
    assert noise_label(conflict["within_noise"]) == "beyond noise"
    readable = findings_with_evidence(found, evidence)
    assert (readable.loc[readable["aspect"] == "frames", "text"] != "").all()


def test_voice_findings_name_people_or_groups_never_descriptions(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,Coast Daily\nb.txt,Valley Post\n")
    (tmp_path / "a.txt").write_text(
        "Ferry fares rise\n\n"
        '"Fares must rise to keep the ferry running," a spokeswoman said on Monday.\n\n'
        '"We looked at every other option first," a spokeswoman said.\n\n'
        '"Nobody wants to pay more for the crossing," a spokeswoman added.\n\n'
        '"I will take the bus instead," said Maria Lopez, a commuter.\n'
    )
    (tmp_path / "b.txt").write_text(
        "Ferry fares go up in May\n\n"
        '"The rise is modest compared with other routes," said Tom Reyes, the harbour master.\n\n'
        "Fares for the crossing will rise by a tenth from May, the operator said.\n"
    )
    tables = analyze(tmp_path)
    kinds = dict(zip(tables["quotes"]["speaker"], tables["quotes"]["speaker_kind"], strict=True))
    assert "description" in kinds.values()
    voice = tables["findings"][tables["findings"]["aspect"] == "voice"]
    named = voice["finding"].str.extract(r"^speaker (.+?):")[0].dropna()
    assert not named.empty
    assert all(kinds[name] in ("name", "group") for name in named)
