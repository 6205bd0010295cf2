"""Build a corpus's HTML report: analyse once, execute every notebook on the tables, render HTML.

The report folder holds `index.html`, one self-contained HTML page and one executed notebook
per source notebook, and the `tables/` they were computed from. It is written into a staging
folder and moved into place only when complete, so a failed run keeps the previous report.

A report's notebooks run in turn in one kernel, reset between them (see `framing.kernel`).
"""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from importlib.resources import files
from pathlib import Path

import nbformat
import pandas as pd
import papermill
from nbconvert import HTMLExporter
from tqdm.auto import tqdm

from framing.explore import write_explorer
from framing.kernel import KERNEL, KERNEL_ARGUMENTS, SharedKernel
from framing.load import CorpusError
from framing.pipeline import Tables, analyze, replace_dir, write_tables

#: The notebooks of a checkout of this repository, the default set a report executes.
DEFAULT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


class ReportError(RuntimeError):
    """A notebook failed while the report was built; the message names it and the error."""


def notebook_paths(notebooks_dir: str | Path = DEFAULT_NOTEBOOKS) -> list[Path]:
    """The numbered source notebooks (`NN_name.ipynb`) of a folder, in order."""
    folder = Path(notebooks_dir)
    paths = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise CorpusError(f"{folder}: no notebooks (NN_name.ipynb) to run")
    return paths


def notebook_title(notebook: nbformat.NotebookNode) -> str:
    """The notebook's `#` heading, or '' when it has none."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def execute_notebook(
    source: Path,
    target: Path,
    corpus: Path,
    tables: Path,
    cwd: Path | None = None,
    kernel: SharedKernel | None = None,
) -> None:
    """Execute one notebook with the corpus and its tables as parameters (papermill).

    `cwd` (default: the notebook's folder) is where relative parameter paths start. Without
    `kernel` the notebook runs in a fresh kernel of its own; with one, after a reset.
    """
    cwd = cwd or source.parent
    if kernel is not None:
        kernel.reset(cwd)  # the kernel moves there; this process keeps its own folder
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters={"corpus": str(corpus), "tables": str(tables)},
            kernel_name=KERNEL,
            cwd=str(cwd) if kernel is None else None,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,  # written once, when done
            extra_arguments=KERNEL_ARGUMENTS,
            km=kernel.manager if kernel is not None else None,
        )
    except papermill.PapermillExecutionError as exc:
        raise ReportError(
            f"{source.name}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}"
        ) from exc


def render_html(notebook: nbformat.NotebookNode, no_code: bool = False) -> str:
    """Render an executed notebook to one self-contained HTML page that fetches nothing."""
    notebook.metadata.pop("widgets", None)  # widget state would pull the widget manager from a CDN
    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(files("framing") / "data" / "templates")],
        exclude_input=no_code,
        exclude_input_prompt=no_code,
        exclude_output_prompt=no_code,
        embed_images=True,
        optimistic_validation=True,  # validate once, not after each of a dozen preprocessors
    )
    body, _ = exporter.from_notebook_node(notebook)
    return body


def write_page(executed: Path, page: Path, no_code: bool) -> str:
    """Write the HTML page of an executed notebook; return the notebook's title."""
    notebook = nbformat.read(executed, as_version=4)
    page.write_text(render_html(notebook, no_code), encoding="utf-8")
    return notebook_title(notebook)


def index_page(corpus: Path, tables: Tables, pages: list[tuple[str, str]]) -> str:
    """The report's front page: the corpus at a glance and a link to every page, text escaped."""
    documents = tables["documents"]
    dates = pd.to_datetime(documents["published"], errors="coerce", format="mixed").dropna()
    span = (
        f"{dates.min().date().isoformat()} to {dates.max().date().isoformat()}"
        if not dates.empty
        else "no publication dates"
    )
    per_outlet = documents.groupby("outlet").agg(
        articles=("doc_id", "size"), words=("n_words", "sum")
    )
    outlet_rows = "".join(
        f"<tr><td>{html.escape(str(outlet))}</td><td>{row.articles}</td><td>{row.words}</td></tr>"
        for outlet, row in per_outlet.iterrows()
    )
    links = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in pages
    )
    warnings = "".join(f"<li>{html.escape(str(m))}</li>" for m in tables["warnings"]["message"])
    warning_block = f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else ""
    name = html.escape(corpus.resolve().name)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>framing report: {name}</title>
<style>body{{font-family:sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5}}
table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}}</style>
</head><body>
<h1>How the outlets framed the event: {name}</h1>
<p>{len(documents)} articles from {len(per_outlet)} outlets, published {html.escape(span)}.</p>
<table><thead><tr><th>outlet</th><th>articles</th><th>words</th></tr></thead>
<tbody>{outlet_rows}</tbody></table>
<h2>Reports</h2><ol>{links}</ol>
<p>The tables behind every number are in <a href="tables/">tables/</a> (CSV).</p>
{warning_block}
</body></html>
"""


def build_report(
    corpus: str | Path,
    out: str | Path,
    no_code: bool = False,
    notebooks_dir: str | Path = DEFAULT_NOTEBOOKS,
    lexicon: str | Path | None = None,
    kernel: SharedKernel | None = None,
) -> Path:
    """Analyse the corpus once, execute and render every notebook, and write the report folder.

    `kernel` is a shared kernel the caller started earlier, so that it warms up while this
    module loads (the command line does so); by default one is started here.
    """
    corpus_path = Path(corpus).resolve()
    out_path = Path(out).absolute()
    if out_path.exists() and not out_path.is_dir():
        raise CorpusError(f"{out_path}: exists and is a file; give a folder for the report")
    sources = notebook_paths(notebooks_dir)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_path.name}.", dir=out_path.parent))
    executed_dir = staging / "executed"
    executed_dir.mkdir()
    with ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, staging, ignore_errors=True)
        if kernel is None:
            kernel = cleanup.enter_context(SharedKernel())  # warms up during the analysis
        tables = analyze(corpus_path, lexicon_path=lexicon)
        write_tables(tables, staging / "tables")
        with ThreadPoolExecutor(max_workers=1) as renderer:
            rendered: list[Future[str]] = []
            bar = tqdm(sources, desc="notebooks", unit="notebook", disable=not sys.stderr.isatty())
            for source in bar:
                bar.set_postfix_str(source.stem)
                executed = executed_dir / source.name
                # relative to the executed notebook, so the report folder can move and the
                # parameters a reader sees are the same on every run
                execute_notebook(
                    source, executed, corpus_path, Path("../tables"), executed_dir, kernel
                )
                # rendered while the next notebook runs in the kernel
                page = staging / f"{source.stem}.html"
                rendered.append(renderer.submit(write_page, executed, page, no_code))
            pages = [
                (f"{source.stem}.html", job.result() or source.stem)
                for source, job in zip(sources, rendered, strict=True)
            ]
        kernel.check()
        write_explorer(tables, staging / "explorer.html")
        pages.append(("explorer.html", "Explorer: every term's sentences in every outlet"))
        (staging / "index.html").write_text(
            index_page(corpus_path, tables, pages), encoding="utf-8"
        )
        replace_dir(staging, out_path)
    return out_path
