"""BASIL, one analysis per event: right speakers, no titles as quotes, no fragments as speakers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from quality import Row, analyze_once, last_line, score

from framing.quotes.kinds import speaker_kind
from framing.tokenize import normalize_text

#: A quote shaped like a title: two to six capitalised words, no sentence punctuation.
_TITLE = re.compile(r"^[A-Z][\w'-]*(?: (?:[A-Z0-9][\w'-]*|a|an|the|and|of|in|on|to|for|with))+$")


def _speaker_ok(speaker: str, article: str) -> bool:
    """A speaker that is empty, a group, a description or a name the article writes."""
    if not speaker:
        return True
    kind = speaker_kind(speaker)
    if kind in {"group", "description"}:
        return True
    last = normalize_text(speaker).split()[-1]
    return kind == "name" and re.search(rf"\b{re.escape(last)}\b", article) is not None


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """Speaker accuracy (named gold speakers), title-shaped quotes, speakers not a name."""
    folder = benchmarks / "basil"
    if not (folder / "events").is_dir():
        return []
    events = [e for e in sorted((folder / "events").iterdir()) if (e / "manifest.csv").is_file()]
    frames = []
    bad = total = described = 0
    for event in events:
        out = analyze_once(event, work, f"basil_{event.name}", "--workers", "1")
        quotes = pd.read_csv(out / "quotes.csv", dtype=str, keep_default_na=False)
        documents = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
        texts = {
            doc: normalize_text((event / file).read_text(encoding="utf-8"))
            for doc, file in zip(documents["doc_id"], documents["file"], strict=True)
        }
        for doc, speaker in zip(quotes["doc_id"], quotes["speaker"], strict=True):
            total += 1
            bad += not _speaker_ok(speaker, texts.get(doc, ""))
            described += speaker_kind(speaker) == "description"
        frames.append(quotes)
    pooled = work / "basil_speakers"
    pooled.mkdir(parents=True, exist_ok=True)
    quotes = pd.concat(frames, ignore_index=True)
    quotes.to_csv(pooled / "quotes.csv", index=False)
    line = last_line(score(folder / "score.py", "speakers", pooled))
    right = re.search(r"right (\d+/\d+ \([\d.]+\))", line)
    titles = sum(bool(_TITLE.match(q.strip(" ,."))) for q in quotes["quote"])
    return [
        Row("basil", "named speakers right", right.group(1) if right else line, ">= 0.90"),
        Row("basil", "title-shaped quotes", f"{titles} of {len(quotes)}", "0"),
        Row("basil", "speakers not a name, group or empty", f"{bad} of {total}", "0"),
        Row("basil", "speakers that are descriptions", f"{described} of {total}", ""),
    ]
