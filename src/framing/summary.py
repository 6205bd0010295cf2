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
from framing.terms import searchable_text, term_matches

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

    def of_outlet(self, name: str, table: pd.DataFrame, outlet: str) -> pd.DataFrame:
        """The rows of `table` (known as `name`) whose outlet is `outlet`, in table order: the
        table is grouped once, so each outlet costs its own rows, not the whole table's."""
        positions = self.once(("rows", name), _outlet_positions, table)
        return table.iloc[positions.get(outlet, [])]

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


def _outlet_positions(table: pd.DataFrame) -> dict[str, np.ndarray]:
    return table.groupby("outlet", sort=False).indices


def _noise(low: float, high: float) -> bool:
    return bool(low <= 0 <= high)


def _carrying(sentences: pd.DataFrame, hits: pd.DataFrame, chosen: list[str]) -> np.ndarray:
    """1.0 where a sentence carries each frame, else 0.0: sentences (in order) x frames."""
    keys = pd.MultiIndex.from_frame(sentences[["doc_id", "sent_id"]])
    columns = []
    for frame in chosen:
        with_frame = hits.loc[hits["frame"] == frame, ["doc_id", "sent_id"]]
        columns.append(keys.isin(pd.MultiIndex.from_frame(with_frame)).astype(float))
    return np.column_stack(columns) if columns else np.zeros((len(sentences), 0))


def _leading_frames(dominant: pd.DataFrame) -> pd.DataFrame:
    """Each outlet's `TOP_FRAMES` most used frames that it signals at all."""
    return dominant[dominant["hits"] > 0].groupby("outlet", sort=False).head(TOP_FRAMES)


def _frame_differences(tables: dict[str, pd.DataFrame], leading: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and leading frame, the share of its sentences carrying the frame against the
    other outlets' (`sentiment.outlet_differences`), indexed by outlet and frame."""
    sentences = tables["sentences"]
    chosen = sorted(set(leading["frame"]))
    column = {frame: index for index, frame in enumerate(chosen)}
    wanted = {
        str(outlet): [column[frame] for frame in rows["frame"]]
        for outlet, rows in leading.groupby("outlet", sort=False)
    }
    carries = _carrying(sentences, tables["sentence_frames"], chosen)
    found = sentiment.outlet_differences(carries, sentences["outlet"].to_numpy(), wanted)
    return found.assign(frame=[chosen[index] for index in found["column"]]).set_index(
        ["outlet", "frame"]
    )


def _best_counterparts(alignment: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per outlet, each of its aligned sentences (doc_a, sent_a, sorted): its best similarity
    and whether any counterpart is shared."""
    keys = ["outlet_a", "doc_a", "sent_a"]
    best = alignment.assign(is_shared=alignment["relation"].isin(SHARED_RELATIONS))
    best = best.groupby(keys, sort=True).agg(
        similarity=("similarity", "max"), shared=("is_shared", "any")
    )
    return {str(outlet): rows.droplevel(0) for outlet, rows in best.groupby(level=0, sort=False)}


def _frame_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    sentences = tables["sentences"]
    hits = tables["sentence_frames"]
    leading = out.once("leading", lambda: _leading_frames(frames.dominant_frames(tables["frames"])))
    differences = out.once("frame_differences", _frame_differences, tables, leading)
    for row in out.of_outlet("leading", leading, outlet).itertuples():
        found = differences.loc[(outlet, row.frame)]
        difference, low, high = found["difference"], found["ci_low"], found["ci_high"]
        own_share = found["own_mean"]
        evidence = out.once(
            ("evidence", row.frame),
            frames.frame_evidence,
            hits,
            sentences,
            row.frame,
            EVIDENCE_PER_FINDING,
        )
        evidence = out.of_outlet(f"evidence {row.frame}", evidence, outlet)
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
    terms = out.of_outlet("terms", tables["terms"], outlet)
    top = terms[terms["z"] > 0].head(TOP_TERMS)
    own = out.of_outlet("sentences", tables["sentences"], outlet)
    searchable = searchable_text(own["text"]) if not top.empty else None
    texts, keys = own["text"].tolist(), list(zip(own["doc_id"], own["sent_id"], strict=True))
    for row in top.itertuples():
        matches = term_matches(texts, searchable, row.term)
        out.add(
            outlet,
            "terms",
            f"\u201c{row.term}\u201d: {row.count} times here, {row.count_rest} in the other "
            f"outlets (z = {row.z:.2f})",
            row.z,
            None,
            bool(abs(row.z) < Z_CRITICAL),
            [keys[position] for position, _ in matches],
        )


def _tone_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    differences = out.once("tone differences", tables["tone_differences"].set_index, "outlet")
    if outlet not in differences.index:
        return
    row = differences.loc[outlet]
    tone = out.of_outlet("tone", tables["tone"], outlet)
    mean = tone[(tone["doc_id"] == "*") & (tone["scope"] == "all")]
    own = out.of_outlet("sentences", tables["sentences"], outlet)
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


def _leading_voices(quotes: pd.DataFrame) -> tuple[str, dict[str, pd.DataFrame]]:
    """The level voices are counted at (side when any quote has one, else speaker) and, per
    outlet with quotes, its `TOP_VOICES` most quoted names: name, share of its quotes, the
    difference to the other outlets with its interval, and the quotes' (doc_id, sent_id)."""
    level = "side" if (quotes["side"].fillna("") != "").any() else "speaker"
    names = quotes[level].fillna("").replace("", UNKNOWN)
    # A finding rests on a person's name or a known group, never on a description.
    claimable = (
        set(quotes.loc[quotes["speaker_kind"].isin(CLAIMABLE_KINDS), "speaker"])
        if level == "speaker" and "speaker_kind" in quotes
        else None
    )
    leading = {}
    grouped = _outlet_positions(quotes)
    for outlet, positions in grouped.items():
        shares = names.iloc[positions].value_counts(normalize=True)
        shares = shares[shares.index != UNKNOWN].sort_index()
        if claimable is not None:
            shares = shares[shares.index.isin(claimable)]
        leading[str(outlet)] = shares.sort_values(ascending=False, kind="stable").head(TOP_VOICES)
    chosen = sorted({name for shares in leading.values() for name in shares.index})
    is_name = (names.to_numpy()[:, None] == np.array(chosen, dtype=object)[None, :]).astype(float)
    column = {name: index for index, name in enumerate(chosen)}
    wanted = {outlet: [column[name] for name in shares.index] for outlet, shares in leading.items()}
    found = sentiment.outlet_differences(is_name, quotes["outlet"].to_numpy(), wanted)
    found["name"] = [chosen[index] for index in found["column"]]
    keys = list(zip(quotes["doc_id"], quotes["sent_id"], names, strict=True))
    by_outlet = {}
    for outlet, rows in found.groupby("outlet", sort=False):
        own = [keys[position] for position in grouped[outlet]]
        by_outlet[str(outlet)] = rows.assign(
            share=leading[str(outlet)].to_numpy(),
            evidence=[[(d, s) for d, s, n in own if n == name] for name in rows["name"]],
        )
    return level, by_outlet


def _voice_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    level, leading = out.once("voices", _leading_voices, tables["quotes"])
    for row in leading.get(outlet, pd.DataFrame()).itertuples():
        difference, low, high, share = row.difference, row.ci_low, row.ci_high, row.share
        out.add(
            outlet,
            "voice",
            f"{level} {row.name}: {share:.0%} of its {row.n_own} quotes "
            f"({share - difference:.0%} in the other outlets)"
            if not np.isnan(difference)
            else f"{level} {row.name}: {share:.0%} of its {row.n_own} quotes",
            difference,
            None if np.isnan(difference) else (low, high),
            None if np.isnan(difference) else _noise(low, high),
            row.evidence,
        )


def _coverage_findings(out: _Findings, outlet: str, tables: dict[str, pd.DataFrame]) -> None:
    own = out.once("alignment", _best_counterparts, tables["alignment"]).get(outlet)
    if own is None or own.empty:
        return
    best = own["similarity"]
    alone = best[~own["shared"]]
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
    own = out.of_outlet("loaded_terms", loaded, outlet)
    own = own[own["event"] == ALL_EVENTS]
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
    own = out.of_outlet("event_coverage", coverage, outlet)
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
    missed = out.of_outlet("blindspots", tables["blindspots"], outlet)
    if missed.empty:
        return
    events = tables["events"]
    others = events[events["event"].isin(missed["event"]) & (events["outlet"] != outlet)]
    others = others.sort_values(["event", "published", "doc_id"]).drop_duplicates("event")
    firsts = out.once("first sentences", _first_sentences, tables["sentences"])
    evidence = list(firsts[firsts.index.isin(others["doc_id"])].items())
    out.add(
        outlet,
        "events",
        f"did not cover {len(missed)} events that most other outlets covered (its blindspots)",
        len(missed) / len(own),
        None,
        None,
        evidence,
    )


def _first_sentences(sentences: pd.DataFrame) -> pd.Series:
    """Each article's first sent_id, by doc_id (sorted)."""
    return sentences.groupby("doc_id")["sent_id"].min()


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
