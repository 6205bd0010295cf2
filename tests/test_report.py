"""`framing report`: every notebook rendered offline, any corpus, text escaped, atomic writes."""

import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing.cli import main
from framing.kernel import KernelError, SharedKernel
from framing.report import index_page, notebook_paths, reader_cells

HOSTILE_LINES = [
    'The minister wrote <script>alert("pwned")</script> in a statement released on Friday.',
    "Protesters carried signs reading <img src=x onerror=alert(1)> outside the talks on Friday.",
    "One delegate posted **bold claims** and _italic asides_ about the talks on social media.",
    r"An economist put the cost at $\alpha + \beta$ dollars, a figure others disputed strongly.",
]


@pytest.fixture(scope="module")
def three_outlet_report(tmp_path_factory) -> Path:
    from conftest import THREE_OUTLETS

    out = tmp_path_factory.mktemp("report") / "report"
    assert main(["report", str(THREE_OUTLETS), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    from conftest import THREE_OUTLETS

    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(THREE_OUTLETS, corpus)
    article = corpus / "northern_wire_0604.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("Related Coverage", "\n\n".join(HOSTILE_LINES)), encoding="utf-8"
    )
    out = corpus.parent / "report"
    assert main(["report", str(corpus), "--out", str(out), "--no-code"]) == 0
    return out


def _pages(report: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in report.glob("*.html")}


def test_report_has_index_and_one_page_per_notebook(three_outlet_report):
    expected = {f"{p.stem}.html" for p in notebook_paths()} | {"index.html"}
    assert expected <= set(_pages(three_outlet_report))
    index = _pages(three_outlet_report)["index.html"]
    for outlet in ("Harbor Times", "Northern Wire", "Radio Meridian"):
        assert outlet in index
    assert "2025-06-04 to 2025-06-05" in index
    for page in expected - {"index.html"}:
        assert f'href="{page}"' in index
    assert (three_outlet_report / "tables" / "documents.csv").is_file()


def test_pages_load_nothing_from_outside(three_outlet_report):
    for name, page in _pages(three_outlet_report).items():
        external = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
        assert external == [], name
        assert "<script src=" not in page, name


def test_charts_are_embedded_images(three_outlet_report):
    page = _pages(three_outlet_report)["01_corpus_and_cleaning.html"]
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page)


def test_article_text_is_escaped_never_markup(hostile_report):
    pages = _pages(hostile_report)
    everything = "\n".join(pages.values())
    assert 'alert("pwned")</script>' not in everything
    assert "<img src=x" not in everything
    assert "&lt;script&gt;alert(" in pages["01_corpus_and_cleaning.html"]
    assert "<strong>bold claims</strong>" not in everything
    assert "**bold claims**" in pages["01_corpus_and_cleaning.html"]


def test_no_code_hides_inputs(hostile_report):
    page = _pages(hostile_report)["01_corpus_and_cleaning.html"]
    assert "load_tables(" not in page
    assert '<div class="jp-CodeMirrorEditor' not in page
    assert '<div class="jp-OutputArea' in page


def test_the_reader_version_is_the_default_with_no_code_no_prompt_no_empty_heading(
    three_outlet_report,
):
    for name, page in _pages(three_outlet_report).items():
        assert '<div class="jp-CodeMirrorEditor' not in page, name
        assert not re.search(r"class=\"[^\"]*jp-(Input|Output)Prompt", page), name
        assert not re.search(r">Imports<", page), name
    summary = _pages(three_outlet_report)["06_framing_summary.html"]
    assert summary.count("<details") >= 3
    index = _pages(three_outlet_report)["index.html"]
    for anchor in ("findings-harbor-times", "findings-northern-wire", "findings-radio-meridian"):
        assert f'href="06_framing_summary.html#{anchor}"' in index
        assert f'id="{anchor}"' in summary


@pytest.fixture(scope="module")
def analyst_report(tmp_path_factory) -> Path:
    from conftest import THREE_OUTLETS

    out = tmp_path_factory.mktemp("analyst") / "report"
    assert main(["report", str(THREE_OUTLETS), "--out", str(out), "--with-code"]) == 0
    return out


def test_with_code_shows_the_code_and_the_corpus_by_its_name_only(analyst_report):
    from conftest import THREE_OUTLETS

    page = _pages(analyst_report)["01_corpus_and_cleaning.html"]
    assert "load_tables" in page and "jp-CodeMirrorEditor" in page
    executed = nbformat.read(analyst_report / "executed" / "01_corpus_and_cleaning.ipynb", 4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'corpus = "three_outlets"' in injected[0].source
    machine = [str(THREE_OUTLETS.resolve()), str(analyst_report.resolve().parent)]
    for report in (analyst_report,):
        for path in [*report.glob("*.html"), *report.glob("executed/*.ipynb")]:
            text = path.read_text(encoding="utf-8")
            assert not [m for m in machine if m in text], path.name
        assert not any(p.is_symlink() for p in report.rglob("*"))


def test_warnings_name_files_by_the_corpus_name(tmp_path):
    from conftest import THREE_OUTLETS

    corpus = tmp_path / "stray_corpus"
    shutil.copytree(THREE_OUTLETS, corpus)
    (corpus / "notes.txt").write_text("Not an article, not in the manifest.\n", encoding="utf-8")
    out = tmp_path / "report"
    assert main(["report", str(corpus), "--out", str(out)]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "stray_corpus/notes.txt" in index
    for path in out.rglob("*"):
        if path.suffix in {".html", ".csv", ".ipynb"}:
            assert str(tmp_path) not in path.read_text(encoding="utf-8"), path.name


def test_reader_cells_drop_empty_code_and_headings_left_with_nothing():
    cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nWhat this is."),
        nbformat.v4.new_markdown_cell("## Imports"),
        nbformat.v4.new_code_cell("import os"),
        nbformat.v4.new_markdown_cell("## Data\nThe table."),
        nbformat.v4.new_code_cell("table", outputs=[nbformat.v4.new_output("stream", text="1")]),
        nbformat.v4.new_markdown_cell("### A heading with a cell under it"),
        nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("stream", text="2")]),
        nbformat.v4.new_markdown_cell("## Emptied"),
        nbformat.v4.new_markdown_cell("### Its only part, empty too"),
        nbformat.v4.new_markdown_cell("## Nothing after me"),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    kept = [c.source for c in reader_cells(notebook).cells]
    assert kept == [cells[0].source, cells[3].source, "table", cells[5].source, "x"]


def test_one_outlet_is_refused_and_previous_report_kept(tmp_path, three_outlet_report, capsys):
    from conftest import THREE_OUTLETS

    out = tmp_path / "kept"
    shutil.copytree(three_outlet_report, out)
    before = sorted(p.name for p in out.iterdir())
    corpus = tmp_path / "one"
    shutil.copytree(THREE_OUTLETS, corpus)
    (corpus / "manifest.csv").write_text("file,outlet\nharbor_times_0604.txt,Harbor Times\n")
    assert main(["report", str(corpus), "--out", str(out)]) == 2
    assert "only one outlet" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == before


def test_report_has_the_six_analysis_notebooks_and_the_summary_names_every_outlet(
    three_outlet_report,
):
    pages = _pages(three_outlet_report)
    for stem in (
        "01_corpus_and_cleaning",
        "02_distinctive_terms",
        "03_sentiment",
        "04_coverage_overlap",
        "05_sources_and_quotes",
        "06_framing_summary",
    ):
        assert f"{stem}.html" in pages
    summary = pages["06_framing_summary.html"]
    for outlet in ("Harbor Times", "Northern Wire", "Radio Meridian"):
        assert summary.count(outlet) >= 3  # profile legend, findings and evidence
    assert "beyond noise" in summary or "within noise" in summary


def _numbers(page: str) -> list[str]:
    """The numbers a reader sees on a page: text outside tags, images left out."""
    text = re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]+"', "", page))
    return re.findall(r"-?\d+(?:\.\d+)?", text)


def test_two_reports_of_the_same_corpus_show_identical_numbers(
    three_outlet_report, tmp_path, monkeypatch
):
    from conftest import THREE_OUTLETS

    monkeypatch.chdir(tmp_path)  # a relative folder, as `make report` gives, not there yet
    assert main(["report", str(THREE_OUTLETS), "--out", "a/b/again"]) == 0
    again = tmp_path / "a" / "b" / "again"
    first, second = _pages(three_outlet_report), _pages(again)
    assert set(first) == set(second)
    for name in first:
        assert _numbers(first[name]) == _numbers(second[name]), name
    for table in (three_outlet_report / "tables").glob("*.csv"):
        assert table.read_bytes() == (again / "tables" / table.name).read_bytes(), table.name


def test_notebooks_sharing_a_kernel_start_clean_and_count_cells_from_one(
    three_outlet_report, tmp_path
):
    from conftest import THREE_OUTLETS

    for executed in (three_outlet_report / "executed").glob("*.ipynb"):
        code = [c for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"]
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), executed.name
        noise = [o for c in code for o in c.outputs if o.get("name") == "stderr"]
        assert noise == [], executed.name
    # a notebook sees nothing the one before it left behind: no names, no open figures
    folder = tmp_path / "notebooks"
    folder.mkdir()
    cells = {
        "01_leaves.ipynb": "leftover = 1\nimport matplotlib.pyplot as plt\nplt.figure()",
        "02_finds.ipynb": "import matplotlib.pyplot as plt\n"
        "assert 'leftover' not in globals() and plt.get_fignums() == []",
    }
    for name, source in cells.items():
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        notebook.cells = [
            nbformat.v4.new_markdown_cell(f"# {name}"),
            nbformat.v4.new_code_cell(
                'corpus = ""\ntables = ""', metadata={"tags": ["parameters"]}
            ),
            nbformat.v4.new_code_cell(source),
        ]
        nbformat.write(notebook, folder / name)
    out = tmp_path / "report"
    assert main(["report", str(THREE_OUTLETS), "--out", str(out), "--notebooks", str(folder)]) == 0
    assert (out / "02_finds.html").is_file()


def test_a_kernel_reset_is_done_when_it_returns_and_a_failed_one_raises(tmp_path):
    printed: list[str] = []
    with SharedKernel() as kernel:
        with pytest.raises(KernelError, match="FileNotFoundError"):
            kernel.reset(tmp_path / "gone")  # before any notebook is sent, not after it
        kernel.control.execute("import time; time.sleep(0.5)", store_history=False)
        kernel.reset(tmp_path)  # waits behind the busy kernel
        notebook = kernel.manager.client()
        notebook.start_channels()
        notebook.wait_for_ready(timeout=60)
        notebook.execute_interactive(
            "import os; print(os.getcwd(), 'time' in globals())",
            timeout=60,
            output_hook=lambda message: printed.append(message["content"].get("text", "")),
        )
    assert "".join(printed).split() == [str(tmp_path), "False"]


def test_index_says_what_was_compared_and_links_each_outlets_findings():
    outlets = [f"Outlet {i:02d}" for i in range(30)]
    documents = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(60)],
            "outlet": [outlets[i % 30] for i in range(60)],
            "published": ["2024-05-0" + str(1 + i % 3) for i in range(60)],
            "n_words": [400] * 60,
        }
    )
    tables = {"documents": documents, "warnings": pd.DataFrame({"message": []})}
    summary = "".join(f'<h3 id="findings-outlet-{i:02d}">' for i in range(30))
    pages = [("06_summary.html", "Summary", summary), ("explorer.html", "Explorer", "")]
    page = index_page(Path("/somewhere/harbour <strike>"), tables, pages, ["flood", "strike"])
    text = " ".join(page.split())
    assert "30 outlets covered 2 events (flood and strike): 60 articles" in text
    assert "published from 2024-05-01 to 2024-05-03" in text
    assert "and 18 more" in text  # thirty names are not a sentence
    assert "/somewhere" not in page and "harbour &lt;strike&gt;" in page
    for i in range(30):
        assert f'<a href="06_summary.html#findings-outlet-{i:02d}">Outlet {i:02d}</a>' in page
