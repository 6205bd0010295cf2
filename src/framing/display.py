"""How numbers and evidence read on a page: one place for every notebook, report and explorer.

Shares read as percentages ("64%"), tone and other scores with two decimals and a true minus
sign ("−0.52"), intervals as "−0.70 to −0.34", and evidence tables are shown in full: pandas
never cuts them into "…" rows. The summary's findings become one collapsible `<details>` block
each, with its sentences beneath, grouped under one anchored heading per outlet so that the
report's front page can link each outlet's findings. Each outlet keeps one colour
(`outlet_colors`) in every chart, table swatch and explorer page.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable

import pandas as pd
from IPython.display import HTML
from matplotlib import colormaps

from framing.summary import noise_label

#: Colour-blind-friendly palette (Okabe & Ito), then matplotlib's tab20 for many outlets.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """Map each outlet to a colour, the same for the same set of outlets in every chart.

    Outlets are sorted first, so the mapping does not depend on the order rows arrive in.
    """
    names = sorted(set(outlets))
    extra = [colormaps["tab20"](i / 20) for i in range(20)]
    palette = list(OKABE_ITO) + [
        "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in rgba[:3])) for rgba in extra
    ]
    return {name: palette[i % len(palette)] for i, name in enumerate(names)}


MINUS = "\u2212"
#: Aspects whose finding value is a difference between two shares (in percentage points).
SHARE_DIFFERENCE_ASPECTS = ("frames", "voice")
#: Aspects whose finding value is a share of the outlet's sentences.
SHARE_ASPECTS = ("coverage",)
#: Evidence columns shown under each finding, in this order.
EVIDENCE_SHOWN = ("doc_id", "line_no", "text")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def number(value: float, digits: int = 2, signed: bool = False) -> str:
    """A number with `digits` decimals and a true minus sign; '' when missing.

    Values too small to show at that precision keep two significant digits, so 0.0012 does
    not read as 0.
    """
    if _missing(value):
        return ""
    value = float(value)
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    if value != 0 and float(text) == 0:
        text = f"{value:+.2g}" if signed else f"{value:.2g}"
    if signed and float(text) == 0:
        text = text[1:]  # no sign on a zero
    return text.replace("-", MINUS)


def tone(value: float) -> str:
    """A tone score or difference (VADER compound): two decimals, signed."""
    return number(value, signed=True)


def percent(share: float, digits: int = 0, signed: bool = False) -> str:
    """A share (0.64) as a percentage ('64%'); '' when missing."""
    if _missing(share):
        return ""
    return number(100 * float(share), digits, signed) + "%"


def _signed_points(difference: float) -> str:
    return number(100 * float(difference), 0, signed=True)


def points(difference: float) -> str:
    """A difference between two shares as signed percentage points ('+8 points')."""
    return "" if _missing(difference) else f"{_signed_points(difference)} points"


def interval(low: float, high: float, fmt: Callable[[float], str] = tone) -> str:
    """An interval as 'low to high' ('−0.70 to −0.34'); '' when either end is missing."""
    if _missing(low) or _missing(high):
        return ""
    return f"{fmt(low)} to {fmt(high)}"


def readable(
    frame: pd.DataFrame, percent_columns: Iterable[str] = (), tone_columns: Iterable[str] = ()
) -> pd.DataFrame:
    """A copy for reading: float columns as text, shares as percentages, tone signed.

    Columns whose name contains "share" are read as shares too. Other float columns get two
    decimals; integer and text columns are left as they are.
    """
    shares = set(percent_columns) | {c for c in frame.columns if "share" in str(c)}
    tones = set(tone_columns)
    shown = frame.copy()
    for column in frame.columns:
        if not pd.api.types.is_float_dtype(frame[column]):
            continue
        fmt = percent if column in shares else tone if column in tones else number
        shown[column] = frame[column].map(fmt)
    return shown


def show_in_full() -> None:
    """Pandas display settings for reading evidence: every row and column, whole cells, floats
    with two decimals and a true minus sign (no "…" rows, no cut sentences)."""
    pd.set_option("display.max_rows", None)
    pd.set_option("display.max_columns", None)
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.float_format", number)


def finding_value(aspect: str, value: float) -> str:
    """A finding's value as a reader takes it: points, a percentage, a tone or a z-score."""
    if aspect in SHARE_DIFFERENCE_ASPECTS:
        return points(value)
    if aspect in SHARE_ASPECTS:
        return percent(value)
    if aspect == "terms":
        return f"z = {number(value)}"
    return tone(value)


def finding_interval(aspect: str, low: float, high: float) -> str:
    """A finding's 95% interval in the units of its value; '' when it has none."""
    if aspect in SHARE_DIFFERENCE_ASPECTS:
        text = interval(low, high, _signed_points)
        return f"{text} points" if text else ""
    return interval(low, high, percent if aspect in SHARE_ASPECTS else tone)


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings table for reading: outlet, aspect, finding, value, 95% interval, noise."""
    rows = list(findings.itertuples(index=False))
    return pd.DataFrame(
        {
            "outlet": findings["outlet"].to_numpy(),
            "aspect": findings["aspect"].to_numpy(),
            "finding": findings["finding"].to_numpy(),
            "value": [finding_value(r.aspect, r.value) for r in rows],
            "95% interval": [finding_interval(r.aspect, r.ci_low, r.ci_high) for r in rows],
            "noise": findings["within_noise"].map(noise_label).to_numpy(),
        }
    )


def outlet_anchor(outlet: str) -> str:
    """The id of an outlet's findings on the summary page (letters, digits and dashes)."""
    slug = re.sub(r"[^0-9a-z]+", "-", str(outlet).lower()).strip("-")
    return f"findings-{slug or 'outlet'}"


def _evidence_rows(evidence: pd.DataFrame) -> str:
    cells = "".join(f"<th>{html.escape(column)}</th>" for column in EVIDENCE_SHOWN)
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(str(row[column]))}</td>" for column in EVIDENCE_SHOWN)
        + "</tr>"
        for _, row in evidence.iterrows()
    )
    return f'<table class="evidence"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'


def findings_details_html(findings: pd.DataFrame, evidence: pd.DataFrame) -> str:
    """Every finding as a `<details>` block with all its sentences, outlet by outlet.

    Each outlet gets a heading with `outlet_anchor(outlet)` as its id; findings beyond noise
    are open, the others closed until clicked. Article text and names are escaped, so nothing
    in a capture can become markup.
    """
    by_finding = dict(list(evidence.groupby("finding_id", sort=False)))
    parts = []
    for outlet, own in findings.groupby("outlet", sort=True):
        parts.append(
            f'<h3 id="{outlet_anchor(outlet)}">{html.escape(str(outlet))}: '
            f"{len(own)} finding{'s' if len(own) != 1 else ''}</h3>"
        )
        for row in own.itertuples():
            sentences = by_finding.get(row.finding_id, evidence.iloc[0:0])
            value = finding_value(row.aspect, row.value)
            span = finding_interval(row.aspect, row.ci_low, row.ci_high)
            measured = value + (f" (95% interval {span})" if span else "")
            count = f"{len(sentences)} sentence{'s' if len(sentences) != 1 else ''}"
            body = _evidence_rows(sentences) if len(sentences) else "<p>No sentence to show.</p>"
            parts.append(
                f'<details class="finding" data-finding="{int(row.finding_id)}"'
                f"{' open' if noise_label(row.within_noise) == 'beyond noise' else ''}>"
                f"<summary><b>{html.escape(row.aspect)}</b>: {html.escape(row.finding)} "
                f"<span class='measure'>[{html.escape(measured)}; "
                f"{html.escape(noise_label(row.within_noise))}; {count}]</span></summary>"
                f"{body}</details>"
            )
    return "\n".join(parts) if parts else "<p>No findings.</p>"


def findings_details(findings: pd.DataFrame, evidence: pd.DataFrame) -> HTML:
    """`findings_details_html` for a notebook cell."""
    return HTML(findings_details_html(findings, evidence))
