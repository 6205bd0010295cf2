"""The notebooks: committed clean, parameterised, and executed on the seeds' tables."""

import re
from pathlib import Path

import nbformat
import pytest

from framing.pipeline import analyze, write_tables
from framing.report import execute_notebook, notebook_paths

NOTEBOOKS = notebook_paths()


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory) -> Path:
    from conftest import SEEDS

    return write_tables(analyze(SEEDS), tmp_path_factory.mktemp("seed") / "tables")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_with_a_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "corpus =" in tagged[0].source and "tables =" in tagged[0].source
    assert notebook.cells[0].source.startswith("# ")


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_on_the_seed_tables(path, seed_tables, seeds, tmp_path):
    target = tmp_path / path.name
    execute_notebook(path, target, seeds, seed_tables)
    executed = nbformat.read(target, as_version=4)
    errors = [
        output
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert errors == []
    assert any(cell.get("outputs") for cell in executed.cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_shows_tables_in_full_and_names_no_machine_path(path):
    notebook = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    tagged = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    assert not re.search(r"""=\s*["'](?:/|[A-Za-z]:\\)""", tagged.source), "absolute path"
    # pandas' own settings cut long tables into "…" rows and print raw floats: the shared
    # helper sets them once, for every notebook
    assert "show_in_full()" in code
    assert "display.max_rows" not in code and "display.float_format" not in code
