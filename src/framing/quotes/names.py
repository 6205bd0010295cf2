"""One name per person across the corpus, and each speaker's side.

A surname ("Roe") joins the full name ("Jane Roe") quoted anywhere in the corpus; with an
`actors` table, names and aliases map to the actor's canonical name and side.
"""

from __future__ import annotations

import re

import pandas as pd

from framing.actors import canonical_names
from framing.quotes.attribution import joined
from framing.quotes.finding import fold, typed
from framing.quotes.kinds import ARTICLE, speaker_kind

#: Columns of the corpus quotes table (`resolve_speakers`), written as quotes.csv.
RESOLVED_COLUMNS = (
    "doc_id",
    "outlet",
    "line_no",
    "sent_id",
    "quote",
    "speaker",
    "side",
    "verb",
    "kind",
    "n_words",
    "speaker_kind",
)


def speaker_key(name: str) -> str:
    """A speaker name compared without case, spacing or a leading article."""
    return ARTICLE.sub("", re.sub(r"\s+", " ", fold(str(name))).strip()).casefold()


def split_joint(speaker: str) -> list[str]:
    return [part for part in re.split(r",\s*|\s+and\s+", speaker) if part]


def _is_personal(name: str) -> bool:
    """A full personal name: two to four capitalised words, no "and"."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words)


def actor_index(actors: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Alias key -> (canonical name, side) for every actor name and alias."""
    index: dict[str, tuple[str, str]] = {}
    for name, aliases, side in zip(actors["name"], actors["aliases"], actors["side"], strict=True):
        for alias in (name, *aliases):
            index.setdefault(speaker_key(alias), (name, side if isinstance(side, str) else ""))
    return index


def resolve_speakers(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Pool speakers across articles and outlets: one name per person, and their side.

    A person's names ("Jane Q. Roe", "Ms. Roe", "Roe") take the one name the corpus uses
    for them (`framing.actors.canonical_names`); with an `actors` table, names and aliases
    map to the actor's canonical name and side. A joint speaker ("X and Y") keeps its parts,
    each resolved, and takes their side when all share it. Unknown sides are "".
    `speaker_kind` says what the speaker is: name, group, description or "" (none).

    Returns:
        The quotes table: doc_id, outlet, line_no, sent_id, quote, speaker, side, verb,
        kind, n_words, speaker_kind.
    """
    surnames = canonical_names(
        part for speaker in quotes["speaker"] for part in split_joint(speaker)
    )
    known = actor_index(actors)

    def resolve(speaker: str) -> tuple[str, str]:
        whole = known.get(speaker_key(speaker))
        if whole is not None or not speaker:
            return whole or ("", "")
        parts = split_joint(speaker) if " and " in speaker else [speaker]
        resolved = []
        for part in parts:
            full = surnames.get(part, part)
            resolved.append(known.get(speaker_key(full), (full, "")))
        if len(parts) > 1 and not all(_is_personal(n) or s for n, s in resolved):
            return speaker, ""
        sides = {side for _, side in resolved}
        return joined([name for name, _ in resolved]), sides.pop() if len(sides) == 1 else ""

    pairs = [resolve(speaker) for speaker in quotes["speaker"]]
    names = [name for name, _ in pairs]
    resolved = quotes.assign(
        speaker=names,
        side=[side for _, side in pairs],
        speaker_kind=[speaker_kind(name) for name in names],
    )
    return typed(resolved.reset_index(drop=True), RESOLVED_COLUMNS)
