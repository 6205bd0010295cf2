"""The Dask engine writes the same tables, byte for byte, as the local engine."""

import sys
from pathlib import Path

import pytest

from framing.pipeline import TABLE_NAMES, analyze, write_tables

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate_corpus import generate


def _same_tables(corpus: Path, out: Path, **local: object) -> None:
    local_dir = write_tables(analyze(corpus, **local), out / "local")
    dask_dir = write_tables(analyze(corpus, engine="dask"), out / "dask")
    for name in TABLE_NAMES:
        assert (local_dir / f"{name}.csv").read_bytes() == (
            dask_dir / f"{name}.csv"
        ).read_bytes(), name


@pytest.mark.parametrize("workers", [1, 2])
def test_dask_matches_local_on_a_generated_corpus(tmp_path, workers):
    corpus = generate(tmp_path / "generated", n_articles=60, n_outlets=3, seed=5)
    _same_tables(corpus, tmp_path, workers=workers)


def test_dask_matches_local_on_the_seeds(seeds, tmp_path):
    _same_tables(seeds, tmp_path)
