"""The reader's report on real three-outlet coverage: BASIL development events, page by page.

`framing report` of the first three events (in name order), each page of which is read for
what a reader must never see: an absolute path of the machine, a pandas "…" row cut into a
table, a code cell, a raw number with four or more decimals, an "Imports" heading with
nothing under it. Each figure is summed over the three reports' pages; the target is 0.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from quality import FRAMING, Row

EVENTS = 3
#: An absolute path of a POSIX machine ("/home/...", "/tmp/..."), outside data: URIs.
MACHINE_PATH = re.compile(r"(?<![\w.:/])/(?:home|root|tmp|work|Users|var|mnt|srv|opt|private)/")
TRUNCATED_CELL = re.compile(r"<t[dh][^>]*>\s*(?:\.\.\.|…)\s*</t[dh]>")
CODE_CELL = re.compile(r'<div class="jp-CodeMirrorEditor')
RAW_NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d{4,}(?!\w)")
EMPTY_IMPORTS = re.compile(r"<h2[^>]*>Imports(?:<a[^>]*>[^<]*</a>)?</h2>\s*</div>")
#: name: (pattern, read in the text between tags?, count pages rather than matches?)
CHECKS = {
    "pages with a machine path": (MACHINE_PATH, False, True),
    'table cells cut to "…"': (TRUNCATED_CELL, False, False),
    "code cells shown": (CODE_CELL, False, False),
    "raw numbers (4+ decimals)": (RAW_NUMBER, True, False),
    "'Imports' headings": (EMPTY_IMPORTS, False, False),
}


def audit(report: Path) -> dict[str, int]:
    """Each check's count over a report's pages, on what a reader can read of them (inline
    images, styles and scripts left out)."""
    counts = dict.fromkeys(CHECKS, 0)
    for page in sorted(report.glob("*.html")):
        markup = re.sub(r'src="data:[^"]+"', "", page.read_text(encoding="utf-8"))
        markup = re.sub(r"<(style|script)\b.*?</\1>", "", markup, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", markup)
        for name, (pattern, in_text, per_page) in CHECKS.items():
            found = len(pattern.findall(text if in_text else markup))
            counts[name] += min(found, 1) if per_page else found
    return counts


def measure(benchmarks: Path, work: Path) -> list[Row]:
    events = sorted(path for path in (benchmarks / "basil" / "events").glob("*") if path.is_dir())
    if not events:
        return []
    totals = dict.fromkeys(CHECKS, 0)
    for event in events[:EVENTS]:
        out = work / "reports" / event.name
        if not out.is_dir():
            subprocess.run(
                [FRAMING, "report", str(event), "--out", str(out)],
                check=True,
                capture_output=True,
                text=True,
            )
        for name, count in audit(out).items():
            totals[name] += count
    label = f"report, {min(EVENTS, len(events))} events"
    return [Row("basil", f"{label}: {name}", str(count), "0") for name, count in totals.items()]
