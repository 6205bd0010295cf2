"""A corpus in one file: an export of a news database or API (.csv, .jsonl, .parquet).

Each row is one article, with its text in one column and its outlet in another; title,
published, url, event, language and an id are optional. Column names are found among common
spellings (`COLUMN_CHOICES`) or given explicitly. The rows become manifest rows that carry
their text, so the same `read_article`, cleaning and audit apply as to a corpus folder.
Export text is taken to be clean already (`clean` column "yes" asks for page cleaning).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from framing.load import OPTIONAL_COLUMNS, CorpusError

#: File suffixes read as a single-file corpus.
EXPORT_SUFFIXES = frozenset({".csv", ".jsonl", ".ndjson", ".parquet"})
#: For each manifest field, the export column names tried in order (case-insensitive).
COLUMN_CHOICES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "maintext", "story_text"),
    "outlet": ("outlet", "source", "media_name", "media", "publisher", "site", "domain"),
    "title": ("title", "headline"),
    "published": ("published", "date", "publish_date", "published_at", "pubdate"),
    "url": ("url", "link"),
    "event": ("event", "story"),
    "language": ("language", "lang"),
    "clean": ("clean",),
    "id": ("id", "doc_id", "stories_id", "article_id"),
}


def _read_table(path: Path) -> pd.DataFrame:
    """The export as a frame of strings (missing values as '')."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix == ".parquet":
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_json(path, lines=True, dtype=False)
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 ({exc.reason}); save it as UTF-8") from exc
    except Exception as exc:  # pandas and pyarrow raise many kinds for a malformed file
        first = (str(exc).strip().splitlines() or ["empty file"])[0]
        raise CorpusError(f"{path}: not a readable {suffix[1:]} export ({first})") from exc
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _pick(frame: pd.DataFrame, field: str, given: str | None, path: Path) -> str | None:
    """The export column for one field: the one given (which must exist), else a default."""
    by_lower = {str(column).strip().lower(): column for column in frame.columns}
    if given:
        if given.lower() not in by_lower:
            raise CorpusError(
                f"{path}: no column {given!r} for the {field}; "
                f"its columns are {', '.join(map(str, frame.columns))}"
            )
        return by_lower[given.lower()]
    return next((by_lower[name] for name in COLUMN_CHOICES[field] if name in by_lower), None)


def read_export(
    path: str | Path, columns: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Manifest rows (with `doc_id`, `row`, `text`, `kind`) for every article of an export.

    Args:
        path: the .csv, .jsonl or .parquet file.
        columns: field -> export column name, for fields of `COLUMN_CHOICES` whose column
            is not among the defaults.

    Errors: an unreadable file, no text or outlet column, no rows, a blank outlet.
    """
    path = Path(path)
    columns = dict(columns or {})
    frame = _read_table(path)
    picked = {field: _pick(frame, field, columns.get(field), path) for field in COLUMN_CHOICES}
    for field in ("text", "outlet"):
        if picked[field] is None:
            raise CorpusError(
                f"{path}: no {field} column (tried {', '.join(COLUMN_CHOICES[field])}); "
                f"name it with --{field}-column (its columns are "
                f"{', '.join(map(str, frame.columns))})"
            )
    if frame.empty:
        raise CorpusError(f"{path}: holds no articles; give one row per article")
    manifest = pd.DataFrame(
        {
            field: frame[column].str.strip() if column is not None else ""
            for field, column in picked.items()
            if field in ("outlet", *OPTIONAL_COLUMNS)
        }
    )
    manifest["clean"] = manifest["clean"].where(manifest["clean"] != "", "no")
    first = 2 if path.suffix.lower() == ".csv" else 1  # the line (row) of the file
    manifest.insert(0, "row", range(first, first + len(frame)))
    ids = frame[picked["id"]].str.strip() if picked["id"] is not None else None
    width = len(str(len(frame)))
    manifest.insert(
        1,
        "doc_id",
        ids.tolist()
        if ids is not None and ids.is_unique and (ids != "").all()
        else [f"{path.stem}/{n:0{width}d}" for n in range(1, len(frame) + 1)],
    )
    manifest.insert(2, "file", [f"{path.name} row {row}" for row in manifest["row"]])
    blank = manifest.index[manifest["outlet"] == ""]
    if len(blank):
        raise CorpusError(f"{manifest.loc[blank[0], 'file']}: blank outlet; name the outlet")
    manifest["text"] = frame[picked["text"]].to_numpy()
    manifest["kind"] = "export"
    return manifest.reset_index(drop=True), []
