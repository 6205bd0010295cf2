"""Write a table as CSV, byte for byte as `DataFrame.to_csv` does, several times faster.

Analysis tables repeat their values (ids, outlets, relations, rounded scores), so each
column's distinct values are rendered once, by the `csv` module itself (its quoting rules,
not ours), and rows are joined in chunks by arrow's compute functions, with no Python
string per row. A table this cannot render exactly (one column, values of mixed kinds,
dates) is left to pandas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: How table floats are written: six significant digits, enough for every score reported.
FLOAT_FORMAT = "%.6g"
#: Rows joined into one piece of text at a time (bounds the memory of the text).
ROWS_PER_WRITE = 100_000
#: Ends each rendered field: a row of two fields, the second empty, and a line end that no
#: field of a table holds (a field holding NUL leaves the table to pandas).
_FIELD_END = ",\n\x00"


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write `table` to `path` as `table.to_csv(path, index=False, float_format=FLOAT_FORMAT,
    lineterminator="\\n")` would."""
    columns = [_cells(table[name]) for name in table.columns] if table.shape[1] > 1 else [None]
    header = _fields([str(name) for name in table.columns])
    if header is None or any(column is None for column in columns):
        table.to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
        return
    fields = [(codes, pa.array(texts, pa.string())) for codes, texts in columns]
    with open(path, "wb") as out:
        out.write((",".join(header) + "\n").encode("utf-8"))
        for start in range(0, len(table), ROWS_PER_WRITE):
            stop = start + ROWS_PER_WRITE
            cells = [texts.take(codes[start:stop]) for codes, texts in fields]
            out.write(_text(pc.binary_join_element_wise(*cells, ",")))


def _text(rows: pa.StringArray) -> memoryview:
    """The bytes of the rows as one text, each row ended by a line break (joined by arrow)."""
    lines = pc.binary_join_element_wise(rows, pa.scalar(""), "\n")
    bounds = np.frombuffer(lines.buffers()[1], np.int32)[lines.offset :][: len(lines) + 1]
    return memoryview(lines.buffers()[2])[bounds[0] : bounds[-1]]


def _cells(column: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """(code of each row, text of each code as a CSV field; the last, "", for missing values),
    or None when the column's values are not all of one plain kind."""
    if column.dtype.kind == "f":
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        codes, bits = pd.factorize(values.view(np.int64))  # by bits: 0.0 and -0.0 differ
        texts = ["" if value != value else FLOAT_FORMAT % value for value in bits.view(np.float64)]
        return _compact(codes, len(texts)), np.array([*texts, ""], dtype=object)
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iub":
        codes, distinct = pd.factorize(column.to_numpy())
    elif pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty"):
        codes, distinct = pd.factorize(column)  # arrow strings: encoded without Python objects
    else:
        return None
    texts = _fields(distinct)
    if texts is None:
        return None
    return _compact(codes, len(texts)), np.array([*texts, ""], dtype=object)


def _compact(codes: np.ndarray, missing: int) -> np.ndarray:
    """The codes, a missing value's (-1) as `missing`, in 32 bits: half the memory of every
    column's codes, held while writing."""
    codes = np.where(codes < 0, missing, codes)
    return codes.astype(np.int32) if len(codes) < 2**31 else codes


def _fields(values: Sequence[object] | np.ndarray) -> list[str] | None:
    """Each value as the `csv` module writes it as one field of a row of several; None when a
    value holds NUL, which would make the rendering ambiguous."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=_FIELD_END[1:]).writerows((value, "") for value in values)
    rendered = buffer.getvalue()
    if rendered.count("\x00") != len(values):
        return None
    return rendered.split(_FIELD_END)[:-1]
