"""Share of voice and speaker verbs: who each outlet lets speak, and how it introduces them."""

from __future__ import annotations

from collections import Counter

import pandas as pd

#: Name shown for quotes whose speaker or side is not known.
UNKNOWN = "unknown"


def _verb_list(verbs: pd.Series) -> str:
    """'said (3), added (1)': the verbs used, most frequent first."""
    counts = Counter(verb for verb in verbs if verb)
    return ", ".join(
        f"{verb} ({n})" for verb, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    )


def share_of_voice(quotes: pd.DataFrame) -> pd.DataFrame:
    """Who each outlet lets speak: quotes and quoted words per speaker and per side.

    Returns:
        outlet, level ("speaker" or "side"), name (`UNKNOWN` when not known), n_quotes,
        n_words, share (of the outlet's quoted words), verbs ('said (3), added (1)');
        sorted by outlet, level and most quoted words first.
    """
    columns = ["outlet", "level", "name", "n_quotes", "n_words", "share", "verbs"]
    if quotes.empty:  # a corpus without quotes gives nobody a voice
        empty = {"n_quotes": "int64", "n_words": "int64", "share": "float64"}
        return pd.DataFrame({c: pd.Series(dtype=empty.get(c, "str")) for c in columns})
    frame = quotes.assign(side=quotes.get("side", ""))
    frames = []
    for level in ("speaker", "side"):
        named = frame.assign(name=frame[level].fillna("").replace("", UNKNOWN))
        grouped = named.groupby(["outlet", "name"], sort=True)
        table = grouped.agg(n_quotes=("quote", "size"), n_words=("n_words", "sum")).reset_index()
        table["verbs"] = grouped["verb"].agg(_verb_list).to_numpy()
        frames.append(table.assign(level=level))
    table = pd.concat(frames, ignore_index=True)
    totals = table[table["level"] == "speaker"].groupby("outlet")["n_words"].sum()
    table["share"] = table["n_words"] / table["outlet"].map(totals).clip(lower=1)
    table = table.sort_values(
        ["outlet", "level", "n_words", "name"], ascending=[True, False, False, True]
    )
    return table[columns].reset_index(drop=True)


def speaker_verbs(quotes: pd.DataFrame) -> pd.DataFrame:
    """How each speaker is introduced: a speaker-by-reporting-verb count of quotes.

    Verbs are counted as written ("said", "accused", "according to"); quotes without a
    reporting verb count under "(no verb)", quotes without a known speaker under `UNKNOWN`.

    Returns:
        One row per speaker (the index), most quoted first (ties alphabetical); one column
        per verb, most used first (ties alphabetical), then `total`. Empty without quotes.
    """
    if quotes.empty:
        return pd.DataFrame(columns=["total"], dtype="int64")
    frame = pd.DataFrame(
        {
            "speaker": quotes["speaker"].fillna("").replace("", UNKNOWN).to_numpy(),
            "verb": quotes["verb"].fillna("").replace("", "(no verb)").to_numpy(),
        }
    )
    table = pd.crosstab(frame["speaker"], frame["verb"])
    verbs = frame["verb"].value_counts()
    table = table[sorted(table.columns, key=lambda verb: (-verbs[verb], verb))]
    table["total"] = table.sum(axis=1)
    order = sorted(table.index, key=lambda name: (-table.loc[name, "total"], name))
    table = table.loc[order]
    table.columns.name = None
    return table


def voice_matrix(voice: pd.DataFrame, level: str, most: int | None = None) -> pd.DataFrame:
    """Share of voice as a name-by-outlet table, 0 where an outlet does not quote the name.

    Args:
        voice: the share-of-voice table (`share_of_voice`).
        level: "speaker" or "side".
        most: keep only this many names, those with the largest summed share over outlets.

    Returns:
        One row per name of `level`, largest summed share first (ties alphabetical); one
        column per outlet that quotes anyone, sorted. Empty without quotes.
    """
    rows = voice[voice["level"] == level]
    if rows.empty:
        return pd.DataFrame(dtype="float64")
    matrix = rows.pivot_table(
        index="name", columns="outlet", values="share", aggfunc="sum", fill_value=0.0
    )
    totals = matrix.sum(axis=1)
    order = sorted(matrix.index, key=lambda name: (-totals[name], str(name)))
    matrix = matrix.loc[order[:most] if most else order, sorted(matrix.columns)]
    matrix.columns.name = "outlet"
    return matrix
