"""How each outlet framed the event: the findings of every analysis, with the sentences behind them.

Each finding is computed from the other tables, never typed in: an outlet's leading frames,
its most distinctive terms, its tone against the other outlets, whom it lets speak, and what
it alone reports. Where a finding compares the outlet with the others, it carries the
difference's 95% bootstrap interval (over sentences or quotes, fixed seed) or, for terms, the
log-odds z-score, and `within_noise` says when chance could explain it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd

from framing import frames, sentiment
from framing.loaded import ALL_EVENTS
from framing.paraphrase import SHARED_RELATIONS
from framing.quotes import UNKNOWN
from framing.terms import keyword_in_context, searchable_text

T = TypeVar("T")
#: Findings per outlet and aspect: leading frames, distinctive terms, most quoted voices.
TOP_FRAMES = 3
TOP_TERMS = 5
TOP_VOICES = 3
#: Loaded words per outlet in the findings.
TOP_LOADED = 3
#: Evidence sentences kept per finding.
EVIDENCE_PER_FINDING = 3
#: |z| below this is within noise at the 5% level (two-sided).
Z_CRITICAL = 1.96
FINDING_COLUMNS = [
    "finding_id",
    "outlet",
    "aspect",
    "finding",
    "value",
    "ci_low",
    "ci_high",
    "within_noise",
]
EVIDENCE_COLUMNS = ["finding_id", "doc_id", "sent_id", "line_no", "text"]


class _Findings:
    """Collects findings and their evidence rows, numbering findings in order."""

    def __init__(self, sentences: pd.DataFrame) -> None:
        self.rows: list[dict[str, object]] = []
        self.evidence: list[tuple[int, str, int]] = []
        self.sentences = sentences
        self.shared: dict[object, object] = {}

    def once(self, key: object, compute: Callable[..., T], *args: object) -> T:
        """`compute(*args)`, kept under `key`: what every outlet's findings read (a frame's
        sentences, the alignment by outlet) is computed for the first outlet only, so the
        cost grows with the corpus, not with the outlets times the corpus."""
        if key not in self.shared:
            self.shared[key] = compute(*args)
        return self.shared[key]  # type: ignore[return-value]

    def add(
        self,
        outlet: str,
        aspect: str,
        finding: str,
        value: float,
        interval: tuple[float, float] | None,
        within_noise: bool | None,
        evidence: list[tuple[str, int]],
    ) -> None:
        finding_id = len(self.rows) + 1
        low, high = interval if interval is not None else (np.nan, np.nan)
        self.rows.append(
            {
                "finding_id": finding_id,
                "outlet": outlet,
                "aspect": aspect,
                "finding": finding,
                "value": value,
                "ci_low": low,
                "ci_high": high,
                "within_noise": within_noise,
            }
        )
        for doc_id, sent_id in list(dict.fromkeys(evidence))[:EVIDENCE_PER_FINDING]:
            self.evidence.append((finding_id, doc_id, int(sent_id)))

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        found = pd.DataFrame(self.rows, columns=FINDING_COLUMNS)
        keys = pd.DataFrame(self.evidence, columns=["finding_id", "doc_id", "sent_id"])
        evidence = keys.merge(self.sentences, on=["doc_id", "sent_id"], how="left")
        return found, evidence[EVIDENCE_COLUMNS]


def _noise(low: float, high: float) -> bool:
    return bool(low <= 0 <= high)


def _carrying(sentences: pd.DataFrame, hits: pd.DataFrame, frame: str) -> np.ndarray:
    """1.0 for each sentence that carries `frame`, else 0.0, in the order of `sentences`."""
    keys = pd.MultiIndex.from_frame(sentences[["doc_id", "sent_id"]])
    with_frame = hits.loc[hits["frame"] == frame, ["doc_id", "sent_id"]]
    return keys.isin(pd.MultiIndex.from_frame(with_frame)).astype(float)


def _by_outlet(alignment: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The alignment rows of each outlet_a, in table order."""
    return {str(outlet): rows for outlet, rows in alignment.groupby("outlet_a", sort=False)}


def _frame_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    sentences = tables["sentences"]
    hits = tables["sentence_frames"]
    dominant = out.once("dominant", frames.dominant_frames, tables["frames"])
    leading = dominant[(dominant["outlet"] == outlet) & (dominant["hits"] > 0)].head(TOP_FRAMES)
    own_mask = (sentences["outlet"] == outlet).to_numpy()
    for row in leading.itertuples():
        carries = out.once(("carries", row.frame), _carrying, sentences, hits, row.frame)
        difference, low, high = sentiment.bootstrap_difference(
            carries[own_mask], carries[~own_mask]
        )
        own_share = carries[own_mask].mean()
        evidence = out.once(
            ("evidence", row.frame),
            frames.frame_evidence,
            hits,
            sentences,
            row.frame,
            EVIDENCE_PER_FINDING,
        )
        evidence = evidence[evidence["outlet"] == outlet]
        out.add(
            outlet,
            "frames",
            f"{row.frame}: {own_share:.0%} of its sentences carry it "
            f"({own_share - difference:.0%} in the other outlets); "
            f"{row.per_1000_words:.1f} signals per 1,000 words",
            difference,
            (low, high),
            _noise(low, high),
            list(zip(evidence["doc_id"], evidence["sent_id"], strict=True)),
        )


def _term_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    terms = tables["terms"]
    top = terms[(terms["outlet"] == outlet) & (terms["z"] > 0)].head(TOP_TERMS)
    own = tables["sentences"][tables["sentences"]["outlet"] == outlet]
    searchable = searchable_text(own["text"]) if not top.empty else None
    for row in top.itertuples():
        context = keyword_in_context(own, row.term, searchable=searchable)
        out.add(
            outlet,
            "terms",
            f"\u201c{row.term}\u201d: {row.count} times here, {row.count_rest} in the other "
            f"outlets (z = {row.z:.2f})",
            row.z,
            None,
            bool(abs(row.z) < Z_CRITICAL),
            list(zip(context["doc_id"], context["sent_id"], strict=True)),
        )


def _tone_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    differences = tables["tone_differences"].set_index("outlet")
    if outlet not in differences.index:
        return
    row = differences.loc[outlet]
    tone = tables["tone"]
    mean = tone[(tone["outlet"] == outlet) & (tone["doc_id"] == "*") & (tone["scope"] == "all")]
    own = tables["sentences"][tables["sentences"]["outlet"] == outlet]
    extremes = own.sort_values(["compound", "doc_id", "sent_id"], kind="stable")
    evidence = [*extremes.head(1).itertuples(), *extremes.tail(1).itertuples()]
    out.add(
        outlet,
        "tone",
        f"mean sentence tone {mean['mean_compound'].iloc[0]:+.2f} (VADER compound), "
        f"{row['difference']:+.2f} against the other outlets, over {int(row['n_sentences'])} "
        "sentences",
        float(row["difference"]),
        (float(row["ci_low"]), float(row["ci_high"])),
        bool(row["within_noise"]),
        [(e.doc_id, e.sent_id) for e in evidence],
    )


#: Speaker kinds (`quotes.csv` speaker_kind) a voice finding may name.
CLAIMABLE_KINDS = ("name", "group")


def _voice_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    quotes = tables["quotes"]
    level = "side" if (quotes["side"].fillna("") != "").any() else "speaker"
    names = quotes[level].fillna("").replace("", UNKNOWN)
    own_mask = (quotes["outlet"] == outlet).to_numpy()
    if not own_mask.any():
        return
    shares = names[own_mask].value_counts(normalize=True)
    leading = shares[shares.index != UNKNOWN].sort_index()
    if level == "speaker" and "speaker_kind" in quotes:
        # A finding rests on a person's name or a known group, never on a description.
        claimable = quotes.loc[quotes["speaker_kind"].isin(CLAIMABLE_KINDS), "speaker"]
        leading = leading[leading.index.isin(set(claimable))]
    leading = leading.sort_values(ascending=False, kind="stable").head(TOP_VOICES)
    for name, share in leading.items():
        is_name = (names == name).to_numpy(float)
        difference, low, high = sentiment.bootstrap_difference(
            is_name[own_mask], is_name[~own_mask]
        )
        own = quotes[own_mask & (names == name).to_numpy()]
        out.add(
            outlet,
            "voice",
            f"{level} {name}: {share:.0%} of its {int(own_mask.sum())} quotes "
            f"({share - difference:.0%} in the other outlets)"
            if not np.isnan(difference)
            else f"{level} {name}: {share:.0%} of its {int(own_mask.sum())} quotes",
            difference,
            None if np.isnan(difference) else (low, high),
            None if np.isnan(difference) else _noise(low, high),
            list(zip(own["doc_id"], own["sent_id"], strict=True)),
        )


def _coverage_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    alignment = tables["alignment"]
    by_outlet = out.once("alignment", _by_outlet, alignment)
    own = by_outlet.get(outlet, alignment.iloc[:0])
    best = own.groupby(["doc_a", "sent_a"], sort=True)["similarity"].max()
    if best.empty:
        return
    shared = (
        own.assign(is_shared=own["relation"].isin(SHARED_RELATIONS))
        .groupby(["doc_a", "sent_a"])["is_shared"]
        .any()
    )
    alone = best[~shared]
    ordered = alone.sort_values(kind="stable")
    out.add(
        outlet,
        "coverage",
        f"{len(alone)} of its {len(best)} sentences ({len(alone) / len(best):.0%}) have no "
        "counterpart in any other outlet: what it alone reports",
        len(alone) / len(best),
        None,
        None,
        list(ordered.index),
    )


def _loaded_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    """The outlet's strongest loaded words over the corpus, with the other outlets' wording."""
    loaded = tables.get("loaded_terms")
    if loaded is None or loaded.empty:
        return
    own = loaded[(loaded["outlet"] == outlet) & (loaded["event"] == ALL_EVENTS)]
    for row in own.head(TOP_LOADED).itertuples():
        instead = (
            f"; where {row.other_outlet} tells the same, it writes “{row.other_wording}”"
            if isinstance(row.other_wording, str) and row.other_wording
            else ""
        )
        evidence = [(row.doc_id, row.sent_id)]  # the other outlet's wording is in the text
        out.add(
            outlet,
            "loaded",
            f"“{row.term}” (connotation {row.strength:.2f}): {row.count} times here, "
            f"{row.count_rest} in the other outlets{instead}",
            row.score,
            None,
            None,
            evidence,
        )


def _event_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    """Which events the outlet covered, and its blindspots: events most others covered.

    Only for corpora of several events; the evidence of a blindspot is the first sentence of
    another outlet's article on it.
    """
    coverage = tables.get("event_coverage")
    if coverage is None or coverage["event"].nunique() < 2:
        return
    own = coverage[coverage["outlet"] == outlet]
    covered = int(own["covered"].sum())
    out.add(
        outlet,
        "events",
        f"covered {covered} of the corpus's {len(own)} events",
        covered / len(own),
        None,
        None,
        [],
    )
    missed = tables["blindspots"][tables["blindspots"]["outlet"] == outlet]
    if missed.empty:
        return
    events, sentences = tables["events"], tables["sentences"]
    others = events[events["event"].isin(missed["event"]) & (events["outlet"] != outlet)]
    others = others.sort_values(["event", "published", "doc_id"]).drop_duplicates("event")
    firsts = sentences[sentences["doc_id"].isin(others["doc_id"])].groupby("doc_id")["sent_id"]
    evidence = [(doc_id, sent_id) for doc_id, sent_id in firsts.min().items()]
    out.add(
        outlet,
        "events",
        f"did not cover {len(missed)} events that most other outlets covered (its blindspots)",
        len(missed) / len(own),
        None,
        None,
        evidence,
    )


ASPECTS = (
    _frame_findings,
    _term_findings,
    _loaded_findings,
    _tone_findings,
    _voice_findings,
    _coverage_findings,
    _event_findings,
)


def findings(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every outlet's findings and the evidence sentences behind each.

    Returns:
        (findings, evidence): findings is finding_id, outlet, aspect (frames, terms, loaded,
        tone, voice, coverage, events), finding (one sentence), value (the difference to the other
        outlets, the z-score, the share reported alone, or of events covered or missed),
        ci_low, ci_high, within_noise (True when chance could explain the difference, empty
        when the finding compares nothing);
        evidence is finding_id, doc_id, sent_id, line_no, text.
    """
    out = _Findings(tables["sentences"][["doc_id", "sent_id", "line_no", "text"]])
    for outlet in sorted(tables["documents"]["outlet"].unique()):
        for aspect in ASPECTS:
            aspect(out, outlet, tables)
    return out.tables()


def noise_label(within_noise: object) -> str:
    """How a reader should take a finding: a difference beyond noise, within it, or no test."""
    if within_noise is None or (isinstance(within_noise, float) and np.isnan(within_noise)):
        return "no comparison"
    return "within noise" if bool(within_noise) else "beyond noise"


def findings_with_evidence(found: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per finding and evidence sentence, the noise label spelled out, for reading.

    Returns:
        outlet, aspect, finding, noise, doc_id, line_no, text.
    """
    labelled = found.assign(noise=found["within_noise"].map(noise_label))
    joined = labelled.merge(evidence, on="finding_id", how="left")
    columns = ["outlet", "aspect", "finding", "noise", "doc_id", "line_no", "text"]
    return joined[columns].fillna({"doc_id": "", "text": ""})
