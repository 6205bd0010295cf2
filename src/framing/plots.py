"""Shared chart conventions: one stable colour per outlet (`framing.display.outlet_colors`),
across every notebook and report."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from framing.display import outlet_colors

#: Bars of terms an outlet uses less than the rest: one neutral grey for every outlet.
UNDER_USE_COLOR = "#9a9a9a"
#: |z| above this is the conventional 95% two-sided level (drawn as dashed guides).
Z_GUIDE = 1.96


def _panels(n: int, ncols: int, width: float, height: float, **kwargs):
    """A figure with n panels in rows of at most ncols; the spare panels are hidden."""
    ncols = max(1, min(ncols, n))
    nrows = max(1, -(-n // ncols))
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(width * ncols, height * nrows),
        squeeze=False,
        layout="constrained",
        **kwargs,
    )
    flat = list(axes.flat)
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def _no_data(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])


def _joined_label(names: pd.Series, most: int = 3) -> str:
    """Terms drawn at the same point, as one label: the first few alphabetically, then '…'."""
    names = sorted(names)
    return ", ".join(names[:most]) + (f" … (+{len(names) - most})" if len(names) > most else "")


#: Where a point's label may go (offset in points, alignment), tried in this order.
LABEL_SPOTS = ((4, 3, "left"), (4, -10, "left"), (-4, 3, "right"), (-4, -10, "right"))


def _place_labels(ax: Axes, points: Iterable[tuple[float, float, str]]) -> None:
    """Label points in the order given, each at the first spot where it overlaps no earlier
    label and stays inside the axes; a label that fits nowhere is left out."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed = []
    for x, y, label in points:
        for dx, dy, align in LABEL_SPOTS:
            text = ax.annotate(
                label, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=8, ha=align
            )
            text.set_in_layout(False)
            box = text.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
            if inside and box.y1 <= frame.y1 and not any(box.overlaps(b) for b in placed):
                placed.append(box)
                break
            text.remove()


def distinctive_terms_chart(
    terms: pd.DataFrame,
    k: int = 10,
    colors: dict[str, str] | None = None,
    ncols: int = 2,
) -> Figure:
    """Diverging bars of z per outlet: its k most over-used terms (right, outlet colour) and
    its k most under-used terms (left, grey), each against the rest of the corpus.

    `terms` is the terms table (outlet, term, z, ...); one panel per outlet, sorted.
    """
    outlets = sorted(terms["outlet"].unique()) if len(terms) else []
    colors = colors or outlet_colors(outlets)
    fig, axes = _panels(max(1, len(outlets)), ncols, 6.0, 0.28 * 2 * k + 1.6)
    if not outlets:
        _no_data(axes[0], "no terms were scored")
        return fig
    for ax, outlet in zip(axes, outlets, strict=True):
        own = terms[terms["outlet"] == outlet].sort_values(["z", "term"], kind="stable")
        over = own[own["z"] > 0].tail(k)
        under = own[own["z"] < 0].head(k)
        shown = pd.concat([under, over])
        if shown.empty:
            _no_data(ax, "no term differs")
        else:
            bar_colors = [colors[outlet] if z > 0 else UNDER_USE_COLOR for z in shown["z"]]
            ax.barh(range(len(shown)), shown["z"], color=bar_colors)
            ax.set_yticks(range(len(shown)), shown["term"])
            ax.set_ylim(-0.6, len(shown) - 0.4)
        ax.axvline(0, color="black", linewidth=0.8)
        for guide in (-Z_GUIDE, Z_GUIDE):
            ax.axvline(guide, color="0.6", linestyle="--", linewidth=0.8)
        ax.set_title(outlet)
        ax.set_xlabel(f"z-score vs the rest of the corpus (dashed: ±{Z_GUIDE})")
        ax.set_ylabel("term")
    fig.suptitle(
        "Distinctive terms: used more than the rest of the corpus (right, outlet colour) "
        "or less (left, grey)"
    )
    return fig


def frequency_z_chart(
    terms: pd.DataFrame,
    labels: int = 8,
    colors: dict[str, str] | None = None,
    ncols: int = 2,
) -> Figure:
    """Per outlet, each term's corpus-wide count (log scale) against its z-score.

    The `labels` terms with the largest |z| are named, strongest first, as long as their labels
    do not overlap; terms at the same point share a label.
    """
    outlets = sorted(terms["outlet"].unique()) if len(terms) else []
    colors = colors or outlet_colors(outlets)
    fig, axes = _panels(max(1, len(outlets)), ncols, 6.0, 4.5, sharey=True)
    if not outlets:
        _no_data(axes[0], "no terms were scored")
        return fig
    labelled = []
    for ax, outlet in zip(axes, outlets, strict=True):
        own = terms[terms["outlet"] == outlet].assign(total=lambda f: f["count"] + f["count_rest"])
        ax.scatter(own["total"], own["z"], s=14, alpha=0.5, color=colors[outlet], linewidth=0)
        points = (
            own.groupby(["total", "z"], as_index=False)
            .agg(term=("term", _joined_label))
            .assign(strength=lambda f: f["z"].abs())
            .sort_values(["strength", "term"], ascending=[False, True], kind="stable")
            .head(labels)
        )
        labelled.append((ax, points))
        ax.axhline(0, color="black", linewidth=0.8)
        for guide in (-Z_GUIDE, Z_GUIDE):
            ax.axhline(guide, color="0.6", linestyle="--", linewidth=0.8)
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_title(outlet)
        ax.set_xlabel("times used in the whole corpus (log scale)")
        ax.set_ylabel("z-score (outlet vs the rest)")
    fig.draw_without_rendering()  # final layout and limits, so label sizes can be measured
    for ax, points in labelled:
        _place_labels(ax, zip(points["total"], points["z"], points["term"], strict=True))
    fig.suptitle("How often a term is used versus how distinctive it is")
    return fig


def tone_intervals(
    rows: pd.DataFrame,
    category: str = "outlet",
    colors: dict[str, str] | None = None,
    title: str = "Mean tone with 95% interval",
    order: list[str] | None = None,
) -> Figure:
    """Mean compound with its interval for each category (one row of the chart each),
    one point per outlet inside a row, in the outlet's colour, with n sentences beside it.

    `rows`: outlet, `category`, n_sentences, mean_compound, ci_low, ci_high (tone table rows).
    `order`: categories top to bottom; default: order of first appearance. With more than
    `GROUPED_BARS_MAX_OUTLETS` outlets, each category gets a panel of its own instead.
    """
    categories = order or list(dict.fromkeys(rows[category]))
    outlets = sorted(rows["outlet"].unique()) if len(rows) else []
    colors = colors or outlet_colors(outlets)
    if category != "outlet" and len(outlets) > GROUPED_BARS_MAX_OUTLETS:
        return _tone_panels(rows, category, categories, colors, title)
    band = 0.5 if len(outlets) > 1 and category != "outlet" else 0.0
    offsets = {o: (i / max(1, len(outlets) - 1) - 0.5) * band for i, o in enumerate(outlets)}
    per_row = len(outlets) if band else 1
    height = max(2.5, 0.32 * max(1, len(categories)) * max(1.5, per_row) + 1.6)
    fig, ax = plt.subplots(figsize=(8, height), layout="constrained")
    if rows.empty:
        _no_data(ax, "nothing to show")
        return fig
    position = {name: i for i, name in enumerate(categories)}
    shown = rows[rows[category].isin(position)]
    for outlet in outlets:
        part = shown[shown["outlet"] == outlet]
        y = part[category].map(position) + offsets[outlet]
        mean = part["mean_compound"]
        ax.errorbar(
            mean,
            y,
            xerr=[mean - part["ci_low"], part["ci_high"] - mean],
            fmt="o",
            color=colors[outlet],
            capsize=3,
            label=outlet,
        )
        for x, y_at, n in zip(part["ci_high"], y, part["n_sentences"], strict=True):
            ax.annotate(
                f"n={n}",
                (x, y_at),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="0.3",
            )
    low, high = shown["ci_low"].min(), shown["ci_high"].max()
    pad = 0.1 * (high - low) + 0.05
    ax.set_xlim(min(low - pad, -0.1), max(high + 2.5 * pad, 0.1))
    ax.axvline(0, color="black", linewidth=0.8)
    for boundary in range(len(categories) - 1):
        ax.axhline(boundary + 0.5, color="0.85", linewidth=0.8)
    ax.set_yticks(range(len(categories)), categories)
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_ylabel(category)
    ax.set_xlabel("mean VADER compound per sentence (−1 negative, +1 positive)")
    ax.set_title(title)
    if band or category != "outlet":
        ax.legend(title="outlet", loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def _tone_panels(
    rows: pd.DataFrame, category: str, categories: list[str], colors: dict[str, str], title: str
) -> Figure:
    """`tone_intervals` of many outlets: one panel per category (sharing the tone axis), one
    row per outlet in each, so no panel is a wall of dodged points."""
    fig, axes = _panels(len(categories), 2, 6.0, 0.3 * rows["outlet"].nunique() + 1.3, sharex=True)
    for ax, value in zip(axes, categories, strict=True):
        part = rows[rows[category] == value].sort_values("outlet", kind="stable")
        y = range(len(part))
        for at, row in zip(y, part.itertuples(), strict=True):
            low, high = row.mean_compound - row.ci_low, row.ci_high - row.mean_compound
            ax.errorbar(
                row.mean_compound,
                at,
                xerr=[[low], [high]],
                fmt="none",
                capsize=2,
                ecolor=colors[row.outlet],
            )
        # one colour per point, also when three or four points could pass for one RGB(A) colour
        ax.scatter(part["mean_compound"], y, c=[colors[o] for o in part["outlet"]], zorder=3, s=18)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(y, part["outlet"])
        ax.set_ylim(len(part) - 0.5, -0.5)
        ax.set_ylabel("outlet")
        ax.set_xlabel("mean VADER compound per sentence")
        ax.set_title(f"{category}: {value}", loc="left")
    fig.suptitle(title)
    return fig


def sentence_arcs(sentences: pd.DataFrame, colors: dict[str, str] | None = None) -> Figure:
    """Compound of each sentence in reading order (sent_id), one line per article, one panel
    per outlet (shared axes), lines in the outlet's colour."""
    outlets = sorted(sentences["outlet"].unique()) if len(sentences) else []
    colors = colors or outlet_colors(outlets)
    fig, axes = _panels(max(1, len(outlets)), 1, 9.0, 2.4, sharex=True, sharey=True)
    if not outlets:
        _no_data(axes[0], "no sentences")
        return fig
    for ax, outlet in zip(axes, outlets, strict=True):
        own = sentences[sentences["outlet"] == outlet]
        n_docs = own["doc_id"].nunique()
        alpha = max(0.15, min(0.9, 3 / n_docs))
        for _, article in own.groupby("doc_id", sort=True):
            article = article.sort_values("sent_id")
            ax.plot(
                article["sent_id"],
                article["compound"],
                marker="o",
                markersize=3,
                linewidth=1.2,
                color=colors[outlet],
                alpha=alpha,
            )
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_ylabel("compound")
        ax.set_title(f"{outlet}: {n_docs} article{'s' if n_docs != 1 else ''}", loc="left")
    axes[-1].set_xlabel("sentence number in the article (sent_id)")
    fig.suptitle("Tone sentence by sentence through each article")
    return fig


#: Frames drawn in the frame profile: each outlet's leading ones, so the chart stays readable.
PROFILE_FRAMES_PER_OUTLET = 5
#: Above this many outlets the frame profile is a grid of shaded cells, not grouped bars.
GROUPED_BARS_MAX_OUTLETS = 6
PROFILE_TITLE = "Frame profile: which frames each outlet leans on"


def frame_profile(frames_table: pd.DataFrame, colors: dict[str, str] | None = None) -> Figure:
    """Per 1,000 words, how often each outlet signals each frame: one bar per outlet and frame
    or, with more than `GROUPED_BARS_MAX_OUTLETS` outlets, one shaded cell.

    `frames_table`: the frames table (outlet-level rows, doc_id "*", are used). The frames
    drawn are those among the `PROFILE_FRAMES_PER_OUTLET` most used of at least one outlet,
    ordered by their use across outlets.
    """
    rows = frames_table[frames_table["doc_id"] == "*"]
    outlets = sorted(rows["outlet"].unique())
    colors = colors or outlet_colors(outlets)
    leading = (
        rows.sort_values(["outlet", "per_1000_words", "frame"], ascending=[True, False, True])
        .groupby("outlet")
        .head(PROFILE_FRAMES_PER_OUTLET)["frame"]
    )
    wide = rows[rows["frame"].isin(leading)].pivot_table(
        index="frame", columns="outlet", values="per_1000_words", fill_value=0.0
    )
    wide = wide.reindex(columns=outlets, fill_value=0.0)
    wide = wide.loc[wide.mean(axis=1).sort_values(kind="stable").index]
    if len(outlets) > GROUPED_BARS_MAX_OUTLETS and not wide.empty:
        return _frame_grid(wide.iloc[::-1], colors)
    height = max(2.5, 0.25 * len(wide) * max(2, len(outlets)) + 1.2)
    fig, ax = plt.subplots(figsize=(8, height), layout="constrained")
    if wide.empty:
        _no_data(ax, "no frame signals found")
        return fig
    bar = 0.8 / len(outlets)
    for index, outlet in enumerate(outlets):
        positions = [i + (index - (len(outlets) - 1) / 2) * bar for i in range(len(wide))]
        ax.barh(positions, wide[outlet], height=bar, color=colors[outlet], label=outlet)
    ax.set_yticks(range(len(wide)), wide.index.str.replace("_", " "))
    ax.set_xlabel("frame signals per 1,000 words")
    ax.set_ylabel("frame")
    ax.set_title(PROFILE_TITLE)
    ax.legend(title="outlet", loc="lower right")
    return fig


def _frame_grid(wide: pd.DataFrame, colors: dict[str, str]) -> Figure:
    """The frame profile of many outlets as a grid (frames by outlets), each cell shaded and
    labelled with its signals per 1,000 words, outlet names in their colours."""
    fig, ax = plt.subplots(
        figsize=(max(8.0, 0.55 * wide.shape[1] + 3), 0.45 * len(wide) + 2.2), layout="constrained"
    )
    values = wide.to_numpy()
    shading = ax.imshow(values, cmap="Greys", aspect="auto", vmin=0)
    for (row, column), value in np.ndenumerate(values):
        shade = "white" if value > values.max() / 2 else "black"
        ax.text(column, row, f"{value:.0f}", ha="center", va="center", color=shade, fontsize=8)
    ax.set_xticks(range(wide.shape[1]), wide.columns, rotation=60, ha="right")
    for label in ax.get_xticklabels():
        label.set_color(colors.get(label.get_text(), "black"))
    ax.set_yticks(range(len(wide)), wide.index.str.replace("_", " "))
    ax.set_xlabel("outlet")
    ax.set_ylabel("frame")
    ax.set_title(PROFILE_TITLE)
    fig.colorbar(shading, ax=ax, label="frame signals per 1,000 words", shrink=0.8)
    return fig
