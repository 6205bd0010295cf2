"""Found quotes scored against hand-annotated ones: precision, recall, speaker accuracy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd

from framing.quotes.names import actor_index, speaker_key
from framing.tokenize import tokenize

#: A found quote matches a hand-annotated one (`evaluate_quotes`) from this token overlap (Dice).
MATCH_OVERLAP = 0.5


def _overlap(a: list[str], b: list[str]) -> float:
    """Dice overlap of two token lists (as multisets)."""
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def matched_pairs(found: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[pd.Series, pd.Series]]:
    """(gold row, found row) pairs of the same article, best token overlap first, each used once.

    A pair needs a Dice overlap of at least `MATCH_OVERLAP`.
    """
    pairs = []
    for doc_id, gold_doc in gold.groupby("doc_id", sort=True):
        found_doc = found[found["doc_id"] == doc_id]
        gold_tokens = [tokenize(quote) for quote in gold_doc["quote"]]
        found_tokens = [tokenize(quote) for quote in found_doc["quote"]]
        scored = sorted(
            (-_overlap(g, f), i, j)
            for i, g in enumerate(gold_tokens)
            for j, f in enumerate(found_tokens)
        )
        used_gold, used_found = set(), set()
        for negative, i, j in scored:
            if -negative < MATCH_OVERLAP:
                break
            if i not in used_gold and j not in used_found:
                used_gold.add(i)
                used_found.add(j)
                pairs.append((gold_doc.iloc[i], found_doc.iloc[j]))
    return pairs


def _speaker_matcher(actors: pd.DataFrame | None) -> Callable[[str], str]:
    """A speaker's comparison key: case, spacing, a leading article and actor aliases folded."""
    known = actor_index(actors) if actors is not None else {}

    def speaker(name: str) -> str:
        key = speaker_key(name)
        return speaker_key(known[key][0]) if key in known else key

    return speaker


def evaluate_quotes(
    found: pd.DataFrame, gold: pd.DataFrame, actors: pd.DataFrame | None = None
) -> dict[str, float]:
    """Score found quotes against hand-annotated ones (both with doc_id, quote, speaker).

    A found quote matches a gold quote of the same article when their tokens overlap (Dice)
    by at least `MATCH_OVERLAP`; pairs are taken best first, each quote used once. Speaker
    accuracy is the share of matched pairs whose speakers agree (case, spacing and a leading
    article ignored, and, with `actors`, any alias standing for its actor's name); kind
    accuracy likewise, when both tables have `kind`.

    Returns:
        precision, recall, f1, speaker_accuracy, kind_accuracy, n_gold, n_found, n_matched.
    """
    pairs = matched_pairs(found, gold)
    speaker = _speaker_matcher(actors)

    matched = len(pairs)
    precision = matched / len(found) if len(found) else 0.0
    recall = matched / len(gold) if len(gold) else 0.0
    has_kind = "kind" in gold.columns and "kind" in found.columns
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "speaker_accuracy": (
            sum(speaker(g["speaker"]) == speaker(f["speaker"]) for g, f in pairs) / matched
            if matched
            else 0.0
        ),
        "kind_accuracy": (
            sum(g["kind"] == f["kind"] for g, f in pairs) / matched if matched and has_kind else 0.0
        ),
        "n_gold": len(gold),
        "n_found": len(found),
        "n_matched": matched,
    }


#: Columns a hand-annotated quotes file must have (`evaluation_table`).
GOLD_COLUMNS = ("doc_id", "quote", "speaker")


def evaluation_table(
    found: pd.DataFrame, golds: dict[str, pd.DataFrame], actors: pd.DataFrame
) -> pd.DataFrame:
    """Precision, recall, F1 and speaker accuracy per hand-annotated file, and over all of them.

    Args:
        found: the quotes table of the corpus (`resolve_speakers`).
        golds: hand-annotated quotes keyed by a name (the file), each with `GOLD_COLUMNS`.
        actors: the corpus's actors, so an alias in the annotation counts as its actor.
    """
    rows = []
    annotated = list(golds.items())
    if len(annotated) > 1:
        annotated.append(("all", pd.concat(golds.values(), ignore_index=True)))
    for name, gold in annotated:
        documents = found[found["doc_id"].isin(gold["doc_id"])]
        rows.append({"gold": name, **evaluate_quotes(documents, gold, actors)})
    return pd.DataFrame(rows)


def outlet_accuracy(
    found: pd.DataFrame, gold: pd.DataFrame, actors: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Speaker accuracy per outlet, and every matched quote whose speaker is wrong.

    Args:
        found: the quotes table of the corpus (with outlet).
        gold: hand-annotated quotes (`GOLD_COLUMNS`).
        actors: the corpus's actors, so an alias in the annotation counts as its actor.

    Returns:
        (outlet, n_matched, n_right, speaker_accuracy) sorted by outlet; and (outlet, doc_id,
        quote, gold_speaker, found_speaker) of the wrong ones, in article order.
    """
    speaker = _speaker_matcher(actors)
    rows, wrong = [], []
    for g, f in matched_pairs(found, gold):
        right = speaker(g["speaker"]) == speaker(f["speaker"])
        rows.append((f["outlet"], right))
        if not right:
            wrong.append((f["outlet"], g["doc_id"], g["quote"], g["speaker"], f["speaker"]))
    frame = pd.DataFrame(rows, columns=["outlet", "right"])
    table = (
        frame.groupby("outlet", sort=True)["right"]
        .agg(n_matched="size", n_right="sum")
        .reset_index()
        .astype({"n_matched": "int64", "n_right": "int64"})
    )
    table["speaker_accuracy"] = table["n_right"] / table["n_matched"].clip(lower=1)
    columns = ["outlet", "doc_id", "quote", "gold_speaker", "found_speaker"]
    return table, pd.DataFrame(wrong, columns=columns)
