"""BASIL: the share of article lines (every line but the headline and a repeat of it, which
BASIL keeps as a page remnant) that cleaning keeps as article text, and the articles skipped,
over the development events as one corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from quality import Row, analyze_once

ARTICLE_LABELS = {"body", "subhead"}


def measure(benchmarks: Path, work: Path) -> list[Row]:
    """Two rows: lines kept as body (target >= 99%) and articles skipped (target 0)."""
    corpus = benchmarks / "basil" / "all"
    if not (corpus / "manifest.csv").is_file():
        return []
    tables = analyze_once(corpus, work, "basil_all", "--workers", "1")
    lines = pd.read_csv(tables / "lines.csv", dtype=str, keep_default_na=False)
    documents = pd.read_csv(tables / "documents.csv", dtype=str, keep_default_na=False)
    n_articles = len(pd.read_csv(corpus / "manifest.csv", dtype=str))
    heads = lines[lines["label"] == "title"]
    titles = set(zip(heads["doc_id"], heads["text"].str.strip(), strict=True))
    repeats = [
        (doc, text.strip()) in titles
        for doc, text in zip(lines["doc_id"], lines["text"], strict=True)
    ]
    text = lines[(lines["label"] != "title") & ~pd.Series(repeats, index=lines.index)]
    kept = text["label"].isin(ARTICLE_LABELS)
    return [
        Row(
            "basil",
            "article lines kept as body",
            f"{kept.mean():.2%} ({(~kept).sum()} of {len(text)} dropped)",
            ">= 99%",
        ),
        Row(
            "basil",
            "articles skipped",
            f"{n_articles - len(documents)} of {n_articles}",
            "0",
        ),
    ]
