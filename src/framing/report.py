"""Build a corpus's HTML report: analyse once, execute every notebook on the tables, render HTML.

The report folder holds `index.html`, one self-contained HTML page and one executed notebook
per source notebook, and the `tables/` they were computed from. It is written into a staging
folder and moved into place only when complete, so a failed run keeps the previous report.

By default the pages are the reader's version: no code, no prompts, and no heading left with
nothing under it; `with_code=True` keeps the code for analysts. No page names a folder of the
machine that built it: the notebooks get the corpus's name only and the tables' path relative
to the report, and warnings name files inside the corpus by the corpus's name.

A report's notebooks run in turn in one kernel, reset between them (see `framing.kernel`).
"""

from __future__ import annotations

import ctypes
import html
import re
import shutil
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, suppress
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import pandas as pd
import papermill
from tqdm.auto import tqdm

from framing.display import outlet_anchor
from framing.explore import write_explorer
from framing.kernel import KERNEL, KERNEL_ARGUMENTS, SharedKernel
from framing.load import CorpusError, read_manifest
from framing.pipeline import Tables, analyze, replace_dir, write_tables

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

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


def _heading_level(cell: nbformat.NotebookNode, alone: bool) -> int:
    """The heading level of a markdown cell's first line (0 if it is no heading); with `alone`,
    only when that heading is all the cell holds."""
    lines = cell.source.strip().splitlines() if cell.cell_type == "markdown" else []
    match = re.match(r"(#{1,6}) ", lines[0]) if lines and (len(lines) == 1 or not alone) else None
    return len(match.group(1)) if match else 0


def reader_cells(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a reader sees it: code cells with no output dropped, then every heading
    left with nothing under it (the next cell is a heading of the same or a higher level, or
    there is none)."""
    shown = [c for c in notebook.cells if c.cell_type != "code" or c.get("outputs")]
    kept: list[nbformat.NotebookNode] = []  # from the last cell back: kept[-1] comes next
    for cell in reversed(shown):
        level = _heading_level(cell, alone=True)
        following = _heading_level(kept[-1], alone=False) if kept else 1
        if not (level and following and following <= level):
            kept.append(cell)
    notebook.cells = kept[::-1]
    return notebook


@lru_cache(maxsize=2)
def _exporter(with_code: bool) -> HTMLExporter:
    """The HTML exporter of a report's pages, made once: each new one compiles its templates
    again, a third of the time of rendering a page. nbconvert is imported here, in the thread
    that renders the pages while the first notebook runs, not before the analysis."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(files("framing") / "data" / "templates")],
        exclude_input=not with_code,
        exclude_input_prompt=not with_code,
        exclude_output_prompt=not with_code,
        embed_images=True,
        optimistic_validation=True,  # validate once, not after each of a dozen preprocessors
    )


def render_html(notebook: nbformat.NotebookNode, with_code: bool = False) -> str:
    """Render an executed notebook to one self-contained HTML page that fetches nothing.

    Without `with_code`, the reader's version: no code, no prompts (`reader_cells`).
    """
    notebook.metadata.pop("widgets", None)  # widget state would pull the widget manager from a CDN
    if not with_code:
        notebook = reader_cells(notebook)
    body, _ = _exporter(with_code).from_notebook_node(notebook)
    return body


def write_page(executed: Path, page: Path, with_code: bool) -> tuple[str, str]:
    """Write the HTML page of an executed notebook; return the notebook's title and the page.

    The executed notebook is saved again with papermill's record of the paths it ran from
    reduced to file names, as it ships with the report.
    """
    notebook = nbformat.read(executed, as_version=4)
    run = notebook.metadata.get("papermill", {})
    for key in ("input_path", "output_path"):
        if run.get(key):
            run[key] = Path(run[key]).name
    nbformat.write(notebook, executed)
    title = notebook_title(notebook)
    body = render_html(notebook, with_code)
    page.write_text(body, encoding="utf-8")
    return title, body


def without_machine_paths(messages: pd.Series, corpus: Path) -> pd.Series:
    """Messages with the corpus folder's absolute path replaced by the corpus's name."""
    root = str(corpus)
    return messages.astype(str).str.replace(root, corpus.name, regex=False)


def _names(names: list[str], most: int = 12) -> str:
    """A list of names for a sentence: 'A, B and C', or the first `most` and how many more."""
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


def index_page(
    corpus: Path, tables: Tables, pages: list[tuple[str, str, str]], events: list[str]
) -> str:
    """The report's front page: what was compared in a few sentences, each outlet's articles
    linked to its findings, and a link to every page; text escaped.

    `pages`: (file name, title, rendered HTML); an outlet links to the first page that holds
    its findings' anchor (`framing.display.outlet_anchor`). `events`: the manifest's events.
    """
    documents = tables["documents"]
    known = pd.to_datetime(documents["published"], errors="coerce", format="mixed").dropna()
    span = (
        f"published from {known.min().date().isoformat()} to {known.max().date().isoformat()}"
        if not known.empty
        else "with no publication dates"
    )
    about = f"{len(events)} events" if len(events) > 1 else "one event"
    about += f" ({_names(events, 6)})" if events else ""
    per_outlet = (
        documents.groupby("outlet")
        .agg(articles=("doc_id", "size"), words=("n_words", "sum"))
        .sort_index()
    )
    outlets = [str(outlet) for outlet in per_outlet.index]

    def findings_link(outlet: str) -> str:
        anchor = outlet_anchor(outlet)
        for href, _, body in pages:
            if f'id="{anchor}"' in body:
                return f'<a href="{html.escape(href)}#{anchor}">{html.escape(outlet)}</a>'
        return html.escape(outlet)

    outlet_rows = "".join(
        f"<tr><td>{findings_link(str(outlet))}</td><td>{row.articles:,}</td>"
        f"<td>{row.words:,}</td></tr>"
        for outlet, row in per_outlet.iterrows()
    )
    links = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
        for href, title, _ in pages
    )
    warnings = "".join(f"<li>{html.escape(str(m))}</li>" for m in tables["warnings"]["message"])
    warning_block = f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else ""
    name = html.escape(corpus.name)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>framing report: {name}</title>
<style>body{{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;overflow-wrap:anywhere}}
table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}}
td+td,th+th{{text-align:right}}</style>
</head><body>
<h1>How the outlets framed the event: {name}</h1>
<p id="compared">This report compares how {len(outlets)} outlets covered {html.escape(about)}:
{len(documents):,} articles, {html.escape(span)}. The outlets are
{html.escape(_names(outlets))}. For each outlet it shows the words it uses more than the
others, its tone, whom it quotes, what it shares with the others and what it alone reports,
and which frames it leans on, each finding with the sentences behind it and a label saying
whether the difference is beyond noise.</p>
<p>Click an outlet to read its findings.</p>
<table><thead><tr><th>outlet</th><th>articles</th><th>words</th></tr></thead>
<tbody>{outlet_rows}</tbody></table>
<h2>Pages</h2><ol>{links}</ol>
<p>The tables behind every number are in <a href="tables/">tables/</a> (CSV).</p>
{warning_block}
</body></html>
"""


def release_freed_memory() -> None:
    """Hand memory freed by Python back to the system (glibc's `malloc_trim`; nothing
    elsewhere): the analysis's tables would otherwise stay resident beside the kernel's."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def build_report(
    corpus: str | Path,
    out: str | Path,
    with_code: bool = False,
    notebooks_dir: str | Path = DEFAULT_NOTEBOOKS,
    lexicon: str | Path | None = None,
    kernel: SharedKernel | None = None,
) -> Path:
    """Analyse the corpus once, execute and render every notebook, and write the report folder.

    The pages are the reader's version unless `with_code` (the analyst's, code shown).

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
        warnings = tables["warnings"]
        tables["warnings"] = warnings.assign(
            message=without_machine_paths(warnings["message"], corpus_path)
        )
        write_tables(tables, staging / "tables")
        write_explorer(tables, staging / "explorer.html")
        # the front page needs two small tables; the rest is freed before the notebooks run
        tables = {name: tables[name] for name in ("documents", "warnings")}
        release_freed_memory()
        # the notebooks see the corpus by its name only, through a link removed before the
        # report is moved into place: no page shows where the corpus sits on this machine
        link = executed_dir / corpus_path.name
        link.symlink_to(corpus_path, target_is_directory=True)
        cleanup.callback(link.unlink, missing_ok=True)
        with ThreadPoolExecutor(max_workers=1) as renderer:
            rendered: list[Future[tuple[str, str]]] = []
            bar = tqdm(sources, desc="notebooks", unit="notebook", disable=not sys.stderr.isatty())
            for source in bar:
                bar.set_postfix_str(source.stem)
                executed = executed_dir / source.name
                # the tables relative to the executed notebook, so the report folder can move
                execute_notebook(
                    source, executed, Path(link.name), Path("../tables"), executed_dir, kernel
                )
                # rendered while the next notebook runs in the kernel
                page = staging / f"{source.stem}.html"
                rendered.append(renderer.submit(write_page, executed, page, with_code))
            pages = [
                (f"{source.stem}.html", title or source.stem, body)
                for source, (title, body) in zip(
                    sources, (job.result() for job in rendered), strict=True
                )
            ]
        link.unlink()
        pages.append(("explorer.html", "Explorer: every term's sentences in every outlet", ""))
        manifest, _ = read_manifest(corpus_path)
        events = sorted(set(manifest["event"].astype(str)) - {""})
        (staging / "index.html").write_text(
            index_page(corpus_path, tables, pages, events), encoding="utf-8"
        )
        replace_dir(staging, out_path)
    return out_path
