"""Read a corpus folder: its manifest, the article files it lists, its optional actors and topics.

A corpus is a folder with `manifest.csv` (required columns `file`, `outlet`; optional `title`,
`published`, `url`, `language`, `event` (the story the article covers), `clean` ("no" for text
that is already clean)) and one plain-text capture per article. Optional `actors.csv`
(name, aliases separated by `|`, side) and `topics.csv` (topic, patterns separated by `|`) hold
what the suite should know about the event; nothing about any event lives in the code.

Every problem with the input raises `CorpusError` with a one-line message that names the file
(and manifest row) and says what to do. Nothing here writes anything.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REQUIRED_COLUMNS = ("file", "outlet")
OPTIONAL_COLUMNS = ("title", "published", "url", "language", "event", "clean")
#: An article capture larger than this is refused: it is almost surely not one article.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
#: Encodings tried in order; the first is strict UTF-8 (a byte-order mark is removed).
FALLBACK_ENCODING = "cp1252"
#: File suffixes read as saved web pages (the article is extracted from the markup).
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


class CorpusError(ValueError):
    """Input the suite cannot use; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class Article:
    """One article: where it came from and its decoded text, as the per-article stages take it."""

    doc_id: str
    file: str
    outlet: str
    text: str
    title: str = ""
    published: str = ""
    url: str = ""
    language: str = ""
    event: str = ""
    clean: str = ""
    notes: tuple[str, ...] = ()
    #: Where the text came from: "capture" (a plain-text file), "page" (the article extracted
    #: from a saved .html page) or "export" (a row of a single-file corpus).
    kind: str = "capture"
    author: str = ""


@dataclass(frozen=True)
class Corpus:
    """A validated corpus: the manifest (one row per article), its articles, actors and topics."""

    root: Path
    manifest: pd.DataFrame
    articles: tuple[Article, ...]
    actors: pd.DataFrame
    topics: pd.DataFrame
    warnings: tuple[str, ...] = field(default=())

    @property
    def outlets(self) -> list[str]:
        """The outlets of the corpus, sorted."""
        return sorted(self.manifest["outlet"].unique())


def _read_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """Read a small CSV as strings, with a clear error for undecodable or malformed files."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 ({exc.reason}); save it as UTF-8") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "empty file"
        raise CorpusError(f"{path}: not a readable CSV file ({first})") from exc
    frame.columns = [str(column).strip().lower() for column in frame.columns]
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise CorpusError(
            f"{path}: missing required column {', '.join(map(repr, missing))}; "
            f"the header must name {', '.join(required)}"
        )
    return frame.apply(lambda column: column.str.strip())


def _doc_id(relative: str) -> str:
    """A stable article id: the file path inside the corpus, without its extension."""
    return str(Path(relative).with_suffix("")).replace("\\", "/")


def read_manifest(corpus_dir: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """Validate `manifest.csv` and return its rows (with `doc_id` and `row`) and warnings.

    Errors: no manifest, a missing required column, a blank file or outlet, a file listed
    twice, a path that leaves the corpus folder, a listed file that does not exist.
    Warnings: unknown columns, files in the folder that the manifest does not list.
    """
    root = Path(corpus_dir)
    if not root.is_dir():
        raise CorpusError(f"{root}: no such corpus folder")
    path = root / "manifest.csv"
    if not path.is_file():
        raise CorpusError(f"{path}: no manifest; a corpus folder needs manifest.csv (file, outlet)")
    manifest = _read_csv(path, REQUIRED_COLUMNS)
    if manifest.empty:
        raise CorpusError(f"{path}: lists no articles; add one row per article file")
    warnings = [
        f"{path}: unknown column {column!r} is ignored"
        for column in manifest.columns
        if column not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    ]
    for column in OPTIONAL_COLUMNS:
        if column not in manifest.columns:
            manifest[column] = ""
    manifest = manifest[list(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)].copy()
    manifest.insert(0, "row", range(2, len(manifest) + 2))  # row 1 is the header
    resolved_root = root.resolve()
    seen: dict[str, int] = {}
    listed: set[Path] = set()  # the listed files, resolved
    for record in manifest.itertuples():
        where = f"{path} row {record.row}"
        if not record.file:
            raise CorpusError(f"{where}: blank file name; give the article's file name")
        if not record.outlet:
            raise CorpusError(f"{where} ({record.file}): blank outlet; name the outlet")
        target = (root / record.file).resolve()
        if Path(record.file).is_absolute() or not target.is_relative_to(resolved_root):
            raise CorpusError(
                f"{where}: {record.file} points outside the corpus folder; "
                "keep article files inside it and list them by relative path"
            )
        if record.file in seen:
            raise CorpusError(
                f"{where}: {record.file} is listed twice (first at row {seen[record.file]}); "
                "list each article once"
            )
        seen[record.file] = record.row
        listed.add(target)
        if not target.is_file():
            raise CorpusError(f"{where}: {record.file} does not exist in {root}")
    named = {root / name for name in manifest["file"]}  # as listed: most files match as is
    reserved = {"manifest.csv", "actors.csv", "topics.csv", "readme.md"}
    for candidate in sorted(root.rglob("*")):
        if (
            candidate.is_file()
            and candidate.name.lower() not in reserved
            and not candidate.name.startswith(".")
            and candidate not in named
            and candidate.resolve() not in listed
        ):
            warnings.append(f"{candidate}: not listed in manifest.csv, so not analysed")
    manifest.insert(1, "doc_id", manifest["file"].map(_doc_id))
    return manifest.reset_index(drop=True), warnings


def decode_bytes(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode an article file: UTF-8 (byte-order mark removed), else Windows-1252 with a note.

    Refuses empty, whitespace-only, binary and oversized files with a one-line error.
    """
    if not data:
        raise CorpusError(f"{name}: file is empty; remove it from the manifest or re-capture it")
    if b"\x00" in data[:65536]:
        raise CorpusError(f"{name}: binary file (NUL bytes), not a text capture")
    if len(data) > MAX_ARTICLE_BYTES:
        raise CorpusError(
            f"{name}: {len(data) / 2**20:.1f} MB is over the {MAX_ARTICLE_BYTES // 2**20} MB "
            "limit for one article; split it into one file per article"
        )
    notes: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode(FALLBACK_ENCODING, errors="replace")
        notes = (f"{name}: not valid UTF-8, decoded as Windows-1252",)
    return check_text(text, name), notes


#: Control characters other than white space (tab, line breaks, form feed, vertical tab).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def check_text(text: str, name: str) -> str:
    """Refuse binary or blank text; return it with line breaks as newlines."""
    controls = len(_CONTROL.findall(text, 0, 65536))
    if "\x00" in text[:65536] or controls > 0.01 * min(len(text), 65536):
        raise CorpusError(f"{name}: binary file (control characters), not a text capture")
    if not text.strip():
        raise CorpusError(f"{name}: holds only white space; re-capture the article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(root: str | Path, row: dict[str, str]) -> Article:
    """Read one manifest row's article (pure, so it can run on any worker).

    A plain-text capture is decoded; a saved web page (.html, .htm) gives the article that
    trafilatura extracts, and its title, date and author where the manifest has none; a row
    of an export file carries its text.
    """
    path = Path(root) / row["file"]
    kind, author, notes = row.get("kind") or "capture", "", ()
    meta = {field: row.get(field, "") for field in ("title", "published")}
    if kind == "export":
        text = check_text(str(row["text"]), row["file"])
    elif path.suffix.lower() in PAGE_SUFFIXES:
        from framing.pages import extract_page

        data = path.read_bytes()
        decode_bytes(data, str(path))  # the same refusals as for a capture: empty, binary, size
        page = extract_page(data, row.get("url", ""))
        if not page.text.strip():
            raise CorpusError(f"{path}: no article found in the page; check that it is one article")
        kind, text, author = "page", check_text(page.text, str(path)), page.author
        meta = {
            "title": meta["title"] or page.title,
            "published": meta["published"] or page.published,
        }
    else:
        text, notes = decode_bytes(path.read_bytes(), str(path))
    return Article(
        doc_id=row["doc_id"],
        file=row["file"],
        outlet=row["outlet"],
        text=text,
        title=meta["title"],
        published=meta["published"],
        url=row.get("url", ""),
        language=row.get("language", ""),
        event=row.get("event", ""),
        clean=row.get("clean", ""),
        notes=notes,
        kind=kind,
        author=author,
    )


def read_input(
    source: str | Path, columns: Mapping[str, str] | None = None
) -> tuple[Path, pd.DataFrame, list[str]]:
    """The manifest rows of a corpus folder or of a single export file, and its warnings.

    Returns the folder that holds the corpus (for `actors.csv` and `topics.csv`), the rows and
    the warnings. `columns` names the export's columns (see `framing.exports.read_export`).
    """
    path = Path(source)
    if path.is_file():
        from framing.exports import EXPORT_SUFFIXES, read_export

        if path.suffix.lower() not in EXPORT_SUFFIXES:
            raise CorpusError(
                f"{path}: not a corpus folder nor an export file "
                f"({', '.join(sorted(EXPORT_SUFFIXES))})"
            )
        return (path.parent, *read_export(path, columns))
    return (path, *read_manifest(path))


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def read_actors(corpus_dir: str | Path) -> pd.DataFrame:
    """The corpus's `actors.csv` as name, aliases (tuple, name included), side; empty if absent."""
    path = Path(corpus_dir) / "actors.csv"
    if not path.is_file():
        return pd.DataFrame({"name": [], "aliases": [], "side": []})
    frame = _read_csv(path, ("name",))
    frame = frame[frame["name"] != ""]
    aliases = frame["aliases"] if "aliases" in frame else pd.Series("", index=frame.index)
    return pd.DataFrame(
        {
            "name": frame["name"].tolist(),
            "aliases": [
                tuple(dict.fromkeys((name, *_split_list(more))))
                for name, more in zip(frame["name"], aliases, strict=True)
            ],
            "side": (
                frame["side"] if "side" in frame else pd.Series("", index=frame.index)
            ).tolist(),
        }
    )


def read_topics(corpus_dir: str | Path) -> pd.DataFrame:
    """The corpus's `topics.csv` as topic, patterns (tuple); empty if absent."""
    path = Path(corpus_dir) / "topics.csv"
    if not path.is_file():
        return pd.DataFrame({"topic": [], "patterns": []})
    frame = _read_csv(path, ("topic", "patterns"))
    frame = frame[frame["topic"] != ""]
    return pd.DataFrame(
        {
            "topic": frame["topic"].tolist(),
            "patterns": [
                _split_list(value) or (topic,)
                for topic, value in zip(frame["topic"], frame["patterns"], strict=True)
            ],
        }
    )


def load_corpus(corpus_dir: str | Path) -> Corpus:
    """Validate the manifest and read every article, actor and topic of a corpus folder."""
    root = Path(corpus_dir)
    manifest, warnings = read_manifest(root)
    articles = tuple(read_article(root, row) for row in manifest.to_dict("records"))
    notes = [note for article in articles for note in article.notes]
    return Corpus(
        root=root,
        manifest=manifest,
        articles=articles,
        actors=read_actors(root),
        topics=read_topics(root),
        warnings=tuple(warnings + notes),
    )
