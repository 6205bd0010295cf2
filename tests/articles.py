"""Test helper: one article's sentence table from paragraphs we write."""

from __future__ import annotations

import pandas as pd

from framing.tokenize import split_sentences


def article_sentences(*paragraphs: str) -> pd.DataFrame:
    """One article's sentences from paragraphs, as the per-article stage builds them."""
    rows = [
        (line_no, sentence)
        for line_no, paragraph in enumerate(paragraphs, start=1)
        for sentence in split_sentences(paragraph)
    ]
    return pd.DataFrame(
        {
            "doc_id": "doc",
            "outlet": "Outlet",
            "sent_id": range(1, len(rows) + 1),
            "line_no": [line for line, _ in rows],
            "text": [text for _, text in rows],
        }
    )
