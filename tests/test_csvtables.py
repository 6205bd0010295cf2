"""Tables are written byte for byte as pandas writes them, whatever their values hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.csvtables import FLOAT_FORMAT, write_csv

# Text with every character CSV quoting cares about, and missing values.
_TEXTS = st.one_of(st.none(), st.text(alphabet="ab ,\"\n\r\t\x00é;'", max_size=6))
_FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1.0, 0.1234, 1e-7, 123456789.0]),
)


@st.composite
def _tables(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(0, 8))
    kinds = draw(st.lists(st.sampled_from(["text", "int", "float", "bool", "mixed"]), max_size=4))
    columns = {}
    for index, kind in enumerate(kinds):
        if kind == "text":
            values = draw(st.lists(_TEXTS, min_size=rows, max_size=rows))
            columns[f"t,{index}"] = pd.Series(values, dtype=object)
        elif kind == "int":
            values = draw(st.lists(st.integers(-(2**62), 2**62), min_size=rows, max_size=rows))
            columns[f"i{index}"] = pd.Series(values, dtype="int64")
        elif kind == "float":
            values = draw(st.lists(_FLOATS, min_size=rows, max_size=rows))
            columns[f"f{index}"] = pd.Series(values, dtype="float64")
        elif kind == "bool":
            values = draw(st.lists(st.booleans(), min_size=rows, max_size=rows))
            columns[f"b{index}"] = pd.Series(values, dtype=bool)
        else:  # values of several kinds in one column: 1, 1.0 and True must stay apart
            values = draw(
                st.lists(st.sampled_from([1, 1.0, True, "1", None]), min_size=rows, max_size=rows)
            )
            columns[f"m{index}"] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns, index=range(rows))


@settings(max_examples=300, deadline=None)
@given(_tables())
def test_a_table_is_written_as_pandas_writes_it(tmp_path_factory, table):
    folder = tmp_path_factory.mktemp("csv")
    write_csv(table, folder / "fast.csv")
    table.to_csv(folder / "pandas.csv", index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    assert (folder / "fast.csv").read_bytes() == (folder / "pandas.csv").read_bytes()


def test_a_large_table_is_written_in_pieces_by_the_fast_path(tmp_path, monkeypatch):
    texts = ["plain", 'said "no"', "a, b", "two\nlines", "", None, "cr\rhere"]
    table = pd.DataFrame(
        {
            "doc_id": [texts[i % len(texts)] for i in range(50)],
            "score": np.arange(50) / 3,
            "n": range(50),
            "flag": [i % 2 == 0 for i in range(50)],
        }
    )
    expected = table.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    monkeypatch.setattr("framing.csvtables.ROWS_PER_WRITE", 7)
    monkeypatch.setattr(pd.DataFrame, "to_csv", None)  # pandas must not be needed
    write_csv(table, tmp_path / "fast.csv")
    assert (tmp_path / "fast.csv").read_bytes() == expected.encode()
