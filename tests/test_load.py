"""Reading a corpus folder (framing.load): the manifest, article decoding, and bad input."""

from pathlib import Path

import pytest

from framing.load import (
    MAX_ARTICLE_BYTES,
    CorpusError,
    decode_bytes,
    load_corpus,
    read_actors,
    read_manifest,
    read_topics,
)

ARTICLE = (
    "Council votes to close bridge\n\n"
    "The city council voted on Tuesday to close the old bridge to all traffic from May.\n"
)


def write_corpus(root: Path, manifest: str, files: dict[str, bytes | str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.csv").write_text(manifest, encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


def test_seed_corpus_loads_with_its_outlets_actors_and_topics(seeds):
    corpus = load_corpus(seeds)
    assert corpus.outlets == sorted(corpus.manifest["outlet"].unique())
    assert len(corpus.articles) == len(corpus.manifest) == 2
    assert corpus.warnings == ()
    assert all(
        name in aliases
        for name, aliases in zip(corpus.actors["name"], corpus.actors["aliases"], strict=True)
    )
    assert set(corpus.actors.columns) == {"name", "aliases", "side"}
    assert set(corpus.topics.columns) == {"topic", "patterns"}
    assert all(isinstance(p, tuple) and p for p in corpus.topics["patterns"])


def test_doc_ids_come_from_file_paths(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        "file,outlet\na/one.txt,A\ntwo.txt,B\n",
        {"a/one.txt": ARTICLE, "two.txt": ARTICLE},
    )
    manifest, warnings = read_manifest(root)
    assert manifest["doc_id"].tolist() == ["a/one", "two"]
    assert manifest["row"].tolist() == [2, 3]
    assert warnings == []


def test_optional_files_absent_give_empty_frames(three_outlets):
    assert read_actors(three_outlets).empty
    assert read_topics(three_outlets).empty


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty"),
        (b"   \n\t\n", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 32)) * 50, "binary file"),
    ],
)
def test_unusable_article_bytes_are_refused_naming_the_file(data, problem):
    with pytest.raises(CorpusError, match=problem) as error:
        decode_bytes(data, "corpus/x.txt")
    assert str(error.value).startswith("corpus/x.txt: ")
    assert "\n" not in str(error.value)


def test_windows_1252_falls_back_with_a_note():
    text, notes = decode_bytes("Caf\u00e9 talks \u2013 \u201cgood\u201d.".encode("cp1252"), "a.txt")
    assert text == "Caf\u00e9 talks \u2013 \u201cgood\u201d."
    assert notes and "Windows-1252" in notes[0] and notes[0].startswith("a.txt")


def test_utf8_byte_order_mark_is_removed_and_line_ends_unified():
    text, notes = decode_bytes("\ufeffHeadline\r\nBody line.\r\n".encode(), "a.txt")
    assert text == "Headline\nBody line.\n"
    assert notes == ()


def test_huge_capture_is_refused(tmp_path):
    data = b"word " * (MAX_ARTICLE_BYTES // 5 + 10)
    with pytest.raises(CorpusError, match="limit for one article"):
        decode_bytes(data, "big.txt")


@pytest.mark.parametrize(
    ("manifest", "files", "problem"),
    [
        ("file,title\na.txt,T\n", {"a.txt": ARTICLE}, "missing required column 'outlet'"),
        ("file,outlet\na.txt,\n", {"a.txt": ARTICLE}, r"row 2 \(a.txt\): blank outlet"),
        ("file,outlet\n,A\n", {}, "row 2: blank file name"),
        ("file,outlet\na.txt,A\na.txt,B\n", {"a.txt": ARTICLE}, "row 3: a.txt is listed twice"),
        ("file,outlet\n../outside.txt,A\n", {}, "row 2: ../outside.txt points outside"),
        ("file,outlet\n/etc/hostname,A\n", {}, "row 2: /etc/hostname points outside"),
        ("file,outlet\nmissing.txt,A\n", {}, "row 2: missing.txt does not exist"),
        ("file,outlet\n", {}, "lists no articles"),
    ],
)
def test_bad_manifests_name_file_row_and_problem(tmp_path, manifest, files, problem):
    root = write_corpus(tmp_path / "c", manifest, files)
    with pytest.raises(CorpusError, match=problem) as error:
        read_manifest(root)
    assert "manifest.csv" in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_manifest_and_missing_folder(tmp_path):
    with pytest.raises(CorpusError, match="no such corpus folder"):
        read_manifest(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match="no manifest"):
        read_manifest(tmp_path)


def test_unknown_columns_and_unlisted_files_are_warnings(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        "file,outlet,author\na.txt,A,Ann\n",
        {"a.txt": ARTICLE, "stray.txt": ARTICLE},
    )
    manifest, warnings = read_manifest(root)
    assert list(manifest.columns) == [
        "row",
        "doc_id",
        "file",
        "outlet",
        "title",
        "published",
        "url",
        "language",
        "event",
        "clean",
    ]
    assert any("unknown column 'author'" in w for w in warnings)
    assert any("stray.txt: not listed in manifest.csv" in w for w in warnings)


def test_load_corpus_reports_which_article_is_bad(tmp_path):
    root = write_corpus(
        tmp_path / "c", "file,outlet\na.txt,A\nb.txt,B\n", {"a.txt": ARTICLE, "b.txt": b""}
    )
    with pytest.raises(CorpusError, match=r"b\.txt: file is empty"):
        load_corpus(root)


def test_inputs_are_never_modified(seeds):
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    load_corpus(seeds)
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before


def test_read_tables_reads_each_table_when_first_looked_up(tmp_path):
    from framing.pipeline import TABLE_NAMES, read_tables

    for name in TABLE_NAMES:
        (tmp_path / f"{name}.csv").write_text("doc_id,n_words\n007,12\n")
    tables = read_tables(tmp_path)
    (tmp_path / "lines.csv").unlink()  # never looked up, so never read
    assert tables["documents"].loc[0, "doc_id"] == "007"  # ids stay text
    assert tables["documents"] is tables["documents"]  # read once
    assert list(tables) == list(TABLE_NAMES) and "terms" in tables and "other" not in tables
    with pytest.raises(FileNotFoundError):
        tables["lines"]


def test_a_file_listed_by_another_spelling_or_through_a_link_is_not_unlisted(tmp_path):
    """Files are matched to the manifest as resolved paths: a name with `..` or `./` in it,
    and a link to a listed file, count as listed; only the stray file is reported."""
    root = write_corpus(
        tmp_path / "c",
        "file,outlet\nsub/../a.txt,A\n./b.txt,B\n",
        {"a.txt": ARTICLE, "b.txt": ARTICLE, "stray.txt": ARTICLE},
    )
    (root / "sub").mkdir()
    (root / "link.txt").symlink_to(root / "a.txt")
    _, warnings = read_manifest(root)
    unlisted = [w for w in warnings if "not listed in manifest.csv" in w]
    assert unlisted == [f"{root / 'stray.txt'}: not listed in manifest.csv, so not analysed"]
