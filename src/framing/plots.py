"""Shared chart conventions: one stable colour per outlet, across every notebook and report."""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib import colormaps

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
