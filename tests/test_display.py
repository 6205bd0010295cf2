"""Numbers and evidence as a reader sees them: one formatting helper for every page."""

import math
import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from framing.display import (
    MINUS,
    finding_interval,
    finding_value,
    findings_details_html,
    findings_table,
    interval,
    number,
    outlet_anchor,
    percent,
    points,
    readable,
    show_in_full,
    tone,
)


def test_numbers_read_as_the_issue_asks():
    assert percent(0.081905) == "8%"
    assert tone(-0.459048) == f"{MINUS}0.46"
    assert tone(0.522293) == "+0.52"
    assert interval(-0.699498, -0.340165) == f"{MINUS}0.70 to {MINUS}0.34"
    assert points(-0.188571) == f"{MINUS}19 points"
    assert number(0.0012) == "0.0012"  # not "0.00"
    assert tone(0.0) == "0.00" and tone(-0.001) == f"{MINUS}0.001"
    assert number(float("nan")) == "" and interval(float("nan"), 0.2) == ""


@given(st.floats(min_value=-1, max_value=1, allow_nan=False))
def test_tone_is_two_decimals_with_a_true_minus(value):
    text = tone(value)
    assert "-" not in text
    parsed = float(text.replace(MINUS, "-"))
    assert math.isclose(parsed, value, abs_tol=0.005) or abs(value) < 0.01
    if abs(value) >= 0.01:
        assert re.fullmatch(rf"[+{MINUS}]?\d\.\d\d", text)


def test_finding_values_in_the_units_of_their_aspect():
    assert finding_value("frames", 0.0819) == "+8 points"
    assert finding_value("coverage", 0.64) == "64%"
    assert finding_value("terms", 1.20431) == "z = 1.20"
    assert finding_value("tone", -0.522293) == f"{MINUS}0.52"
    assert finding_interval("voice", -0.48, 0.17) == f"{MINUS}48 to +17 points"
    assert finding_interval("terms", float("nan"), float("nan")) == ""


def test_readable_turns_shares_into_percentages_and_keeps_counts():
    frame = pd.DataFrame({"name": ["a"], "n_quotes": [3], "share": [0.64], "z": [-1.234]})
    shown = readable(frame)
    assert shown.loc[0, "share"] == "64%"
    assert shown.loc[0, "z"] == f"{MINUS}1.23"
    assert shown.loc[0, "n_quotes"] == 3


DISPLAY_OPTIONS = ("max_rows", "max_columns", "max_colwidth", "float_format")


def test_show_in_full_prints_every_row_and_whole_sentences():
    saved = {name: pd.get_option(f"display.{name}") for name in DISPLAY_OPTIONS}
    try:
        show_in_full()
        long = pd.DataFrame({"text": [f"sentence {i} " + "word " * 40 for i in range(500)]})
        page = long.assign(score=-0.4567)._repr_html_()
        assert "sentence 499" in page and "..." not in page and "…" not in page
        assert f"{MINUS}0.46" in page
    finally:
        for name, value in saved.items():
            pd.set_option(f"display.{name}", value)


def _findings():
    findings = pd.DataFrame(
        {
            "finding_id": [1, 2, 3],
            "outlet": ["Coast & Co", "Coast & Co", "Valley Post"],
            "aspect": ["tone", "terms", "coverage"],
            "finding": ["tone <b>lower</b>", "“harbour”: 5 times here", "half alone"],
            "value": [-0.3, 2.5, 0.5],
            "ci_low": [-0.5, float("nan"), float("nan")],
            "ci_high": [-0.1, float("nan"), float("nan")],
            "within_noise": [False, False, float("nan")],
        }
    )
    evidence = pd.DataFrame(
        {
            "finding_id": [1, 1, 2] + [3] * 40,
            "doc_id": ["a", "a", "a"] + ["b"] * 40,
            "sent_id": list(range(43)),
            "line_no": list(range(43)),
            "text": ["<script>x()</script> grim", "grimmer", "the harbour"]
            + [f"sentence {i} of the valley" for i in range(40)],
        }
    )
    return findings, evidence


def test_findings_details_show_every_sentence_escaped_under_each_outlets_anchor():
    page = findings_details_html(*_findings())
    assert page.count("<details") == 3
    assert f'id="{outlet_anchor("Coast & Co")}"' in page
    assert f'id="{outlet_anchor("Valley Post")}"' in page
    assert "sentence 39 of the valley" in page  # all 40, none cut
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>lower</b>" not in page
    assert f"95% interval {MINUS}0.50 to {MINUS}0.10" in page
    # beyond noise opens by itself; no comparison stays closed
    assert re.search(r'<details class="finding" data-finding="1" open>', page)
    assert re.search(r'<details class="finding" data-finding="3">', page)


def test_findings_table_has_readable_values_and_intervals():
    table = findings_table(_findings()[0])
    assert list(table.columns) == ["outlet", "aspect", "finding", "value", "95% interval", "noise"]
    assert table["value"].tolist() == [f"{MINUS}0.30", "z = 2.50", "50%"]
    assert table["noise"].tolist() == ["beyond noise", "beyond noise", "no comparison"]


def test_outlet_anchors_are_plain_and_distinct():
    assert outlet_anchor("Radio Meridian") == "findings-radio-meridian"
    assert re.fullmatch(r"[a-z0-9-]+", outlet_anchor("Zeitung für Süd & Nord!"))
    assert outlet_anchor("A B") != outlet_anchor("A C")
