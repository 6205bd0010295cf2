"""Input formats (saved pages, single-file exports, clean text) and skipping bad articles."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framing.clean import label_article, label_clean_text, looks_clean
from framing.cli import main
from framing.exports import read_export
from framing.load import Article, CorpusError, read_article
from framing.pipeline import SKIPPED_PREFIX, analyze

PARAGRAPHS = [
    "The harbour board voted on Tuesday to close the northern pier to all ferries from May, "
    "after engineers found cracks in three of its concrete supports.",
    '"The closure will add forty minutes to the morning crossing," said Lee Marsh, who runs '
    "the island ferry, and asked the board to pay for a landing stage on the southern shore.",
    '"The repairs will take at least eighteen months," the chair of the board, Ana Ruiz, '
    "said, adding that no public money had yet been set aside for a replacement.",
    "Residents of the island have until the end of the month to comment on the plan, which "
    "the board will vote on again at its meeting in April.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour board closes northern pier - Harbour Gazette</title>
<meta property="og:title" content="Harbour board closes northern pier">
<meta name="author" content="Dana Reyes">
<meta property="article:published_time" content="2024-03-05">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>Harbour board closes northern pier</h1>
<p>{PARAGRAPHS[0]}</p>
<figure><img src="pier.jpg" alt="The northern pier">
<figcaption>The northern pier at low tide. Photo: Sam Okafor</figcaption></figure>
<p>{PARAGRAPHS[1]}</p>
<h2>Eighteen months of repairs</h2>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
<p>Read more: Island council approves new bus timetable</p>
</article></main>
<aside><h3>Related stories</h3><ul>
<li><a href="/a">Lighthouse keeper retires after forty years</a></li>
<li><a href="/b">Storm damages sea wall near the marina</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Pat on 5 March 2024 said: This is a disgrace, the board knew for years
and did nothing about the pier at all.</p></div></section>
<footer><p>Copyright 2024 Harbour Gazette. All rights reserved.</p>
<p>Sign up for our newsletter</p></footer>
</body></html>
"""


def _article(text: str, **fields: str) -> Article:
    return Article(doc_id="a", file="a.txt", outlet="Gazette", text=text, **fields)


def _body(labels: pd.DataFrame) -> list[str]:
    return labels.loc[labels["label"].isin(["body", "subhead"]), "text"].str.strip().tolist()


def test_saved_page_gives_the_article_and_its_metadata(tmp_path):
    (tmp_path / "pier.html").write_text(PAGE, encoding="utf-8")
    article = read_article(tmp_path, {"doc_id": "pier", "file": "pier.html", "outlet": "G"})
    assert article.kind == "page"
    assert article.title == "Harbour board closes northern pier"
    assert article.published == "2024-03-05"
    assert article.author == "Dana Reyes"
    labels = label_article(article)
    body = _body(labels)
    assert all(paragraph in body for paragraph in PARAGRAPHS)
    dropped = labels.loc[~labels["label"].isin(["body", "subhead"]), "text"].tolist()
    text = "\n".join(body)
    for furniture in ("Home", "Lighthouse keeper", "disgrace", "Copyright", "newsletter"):
        assert furniture not in text
    # what survives extraction and says it is furniture is still labelled and dropped
    assert all("Read more" not in line for line in body)
    assert any("Read more" in line for line in dropped) or "Read more" not in article.text


def test_manifest_metadata_wins_over_the_page(tmp_path):
    (tmp_path / "pier.html").write_text(PAGE, encoding="utf-8")
    row = {"doc_id": "pier", "file": "pier.html", "outlet": "G", "title": "Mine"}
    assert read_article(tmp_path, row).title == "Mine"


def test_clean_text_loses_nothing_and_a_one_line_speech_is_not_a_title():
    speech = "Thank you so much. Tonight, I am proud to stand here with all of you."
    labels = label_clean_text(speech)
    assert labels["label"].tolist() == ["body"]
    transcript = "\n".join(
        [
            "Remarks at the annual harbour dinner",
            "Thank you. Thank you so much.",
            "(APPLAUSE)",
            "We came here tonight because the pier matters to every one of us:",
            "the ferries, the fishing boats, the families who wait on the quay.",
            "And we will rebuild it!",
        ]
    )
    labels = label_article(_article(transcript, clean="no"))
    assert labels["label"].tolist()[0] == "title"
    assert set(labels["label"].tolist()[1:]) <= {"body", "subhead"}


def test_a_capture_of_paragraphs_only_is_taken_as_clean():
    text = "Harbour board closes northern pier\n\n" + "\n\n".join(PARAGRAPHS)
    assert looks_clean(text)
    labels = label_article(_article(text))
    assert _body(labels) == PARAGRAPHS
    assert labels.iloc[0]["label"] == "title"


def test_a_capture_with_menus_is_cleaned():
    text = "Home\nNews\nSport\nWeather\nSign in\n" + "\n".join(PARAGRAPHS) + "\nShare\nPrint"
    assert not looks_clean(text)
    labels = label_article(_article(text))
    assert _body(labels) == PARAGRAPHS


def _export_rows() -> list[dict[str, str]]:
    return [
        {"body": PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1], "source": "Gazette", "event": "pier"},
        {"body": PARAGRAPHS[2], "source": "Courier", "event": "pier"},
        {"body": PARAGRAPHS[3], "source": "Courier", "event": "bus"},
    ]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_export_rows_become_articles_with_their_event(tmp_path, suffix):
    path = tmp_path / f"export{suffix}"
    frame = pd.DataFrame(_export_rows())
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(row) for row in _export_rows()) + "\n")
    else:
        frame.to_parquet(path)
    manifest, _ = read_export(path)
    articles = [read_article(tmp_path, row) for row in manifest.to_dict("records")]
    assert [a.outlet for a in articles] == ["Gazette", "Courier", "Courier"]
    assert [a.event for a in articles] == ["pier", "pier", "bus"]
    assert articles[0].text.split("\n\n") == PARAGRAPHS[:2]
    assert all(a.kind == "export" and a.clean == "no" for a in articles)
    assert len({a.doc_id for a in articles}) == 3
    assert _body(label_article(articles[0])) == PARAGRAPHS[:2]


def test_export_columns_can_be_named_and_missing_ones_are_refused(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame({"story": ["x " * 20], "paper": ["A"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"no text column.*--text-column"):
        read_export(path)
    manifest, _ = read_export(path, {"text": "story", "outlet": "paper"})
    assert manifest.loc[0, "outlet"] == "A"
    with pytest.raises(CorpusError, match="no column 'nope'"):
        read_export(path, {"text": "nope"})


def test_analyze_reads_an_export_file(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame(_export_rows()).to_csv(path, index=False)
    out = tmp_path / "out"
    assert main(["analyze", str(path), "--out", str(out), "--workers", "1"]) == 0
    documents = pd.read_csv(out / "documents.csv")
    assert sorted(documents["outlet"]) == ["Courier", "Courier", "Gazette"]
    lines = pd.read_csv(out / "lines.csv")
    assert (lines["label"] == "body").all()


def _bad_corpus(root: Path) -> Path:
    root.mkdir()
    files = {
        "good_a.txt": "Harbour board closes pier\n\n" + "\n\n".join(PARAGRAPHS[:2]),
        "good_b.txt": "Ferries face long detour\n\n" + "\n\n".join(PARAGRAPHS[2:]),
        "korean.txt": "항구 위원회가 북쪽 부두를 폐쇄했다\n\n"
        "항구 위원회는 화요일에 5월부터 북쪽 부두를 모든 여객선에 폐쇄하기로 의결했다.\n",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "manifest.csv").write_text(
        "file,outlet\ngood_a.txt,A\nempty.txt,A\nbinary.txt,B\nkorean.txt,B\ngood_b.txt,B\n"
    )
    return root


def test_bad_articles_are_skipped_with_a_warning_and_the_rest_analysed(tmp_path, capsys):
    corpus = _bad_corpus(tmp_path / "c")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--workers", "1"]) == 0
    documents = pd.read_csv(out / "documents.csv")
    assert sorted(documents["file"]) == ["good_a.txt", "good_b.txt"]
    warnings = pd.read_csv(out / "warnings.csv")["message"].tolist()
    skipped = [m for m in warnings if m.startswith(SKIPPED_PREFIX)]
    assert len(skipped) == 3
    for name in ("empty.txt", "binary.txt", "korean.txt"):
        assert sum(name in m for m in skipped) == 1
    assert all("\n" not in m for m in skipped)
    lines = pd.read_csv(out / "lines.csv")
    assert "korean" in set(lines["doc_id"])  # its lines stay in the audit
    err = capsys.readouterr().err
    assert all(name in err for name in ("empty.txt", "binary.txt", "korean.txt"))


def test_strict_refuses_the_corpus_as_before(tmp_path, capsys):
    corpus = _bad_corpus(tmp_path / "c")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--strict"]) == 2
    assert "empty.txt: file is empty" in capsys.readouterr().err
    assert not out.exists()


def test_a_corpus_with_one_outlet_left_is_refused_and_says_why(tmp_path):
    corpus = _bad_corpus(tmp_path / "c")
    (corpus / "manifest.csv").write_text("file,outlet\ngood_a.txt,A\nkorean.txt,B\n")
    with pytest.raises(CorpusError, match=r"only one outlet.*after skipping 1.*korean\.txt"):
        analyze(corpus, workers=1)
