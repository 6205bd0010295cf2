"""Chart helpers: one colour per outlet, one panel per outlet, and no crash on empty input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from framing.plots import (
    UNDER_USE_COLOR,
    distinctive_terms_chart,
    frame_profile,
    frequency_z_chart,
    outlet_colors,
    sentence_arcs,
    tone_intervals,
)

OUTLETS = ["Gamma", "Alpha", "Beta"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _terms() -> pd.DataFrame:
    rows = []
    for index, outlet in enumerate(OUTLETS):
        for rank in range(8):
            z = 3.0 - rank - index * 0.1
            rows.append((outlet, f"term{rank}", 1, rank + 2, 10 - rank, 0.1, z / 2, 0.25, z))
    columns = ["outlet", "term", "n", "count", "count_rest", "tfidf", "log_odds", "var", "z"]
    return pd.DataFrame(rows, columns=columns)


def _tone(category: str, values: list[str]) -> pd.DataFrame:
    rows = [
        (outlet, value, 5 + i, 0.1 * i - 0.2, 0.1 * i - 0.4, 0.1 * i)
        for i, outlet in enumerate(OUTLETS)
        for value in values
    ]
    columns = ["outlet", category, "n_sentences", "mean_compound", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=columns)


def _visible(fig):
    return [ax for ax in fig.axes if ax.get_visible()]


def test_outlet_colors_do_not_depend_on_order():
    assert outlet_colors(OUTLETS) == outlet_colors(reversed(OUTLETS))
    assert len(set(outlet_colors(OUTLETS).values())) == 3


def test_diverging_bars_one_panel_per_outlet_over_use_in_outlet_colour():
    terms = _terms()
    fig = distinctive_terms_chart(terms, k=3)
    panels = _visible(fig)
    assert [ax.get_title() for ax in panels] == sorted(OUTLETS)
    colors = outlet_colors(OUTLETS)
    for ax, outlet in zip(panels, sorted(OUTLETS), strict=True):
        bars = ax.patches
        assert len(bars) == 6  # 3 over-used, 3 under-used
        for bar in bars:
            expected = colors[outlet] if bar.get_width() > 0 else UNDER_USE_COLOR
            assert to_hex(bar.get_facecolor()) == to_hex(expected)
        labels = [label.get_text() for label in ax.get_yticklabels()]
        top = terms[terms.outlet == outlet].nlargest(1, "z")["term"].iloc[0]
        assert labels[-1] == top  # strongest over-use drawn at the top
        assert ax.get_xlabel()


def test_frequency_z_chart_labels_the_strongest_terms():
    terms = _terms()
    fig = frequency_z_chart(terms, labels=2)
    panels = _visible(fig)
    assert len(panels) == 3
    for ax, outlet in zip(panels, sorted(OUTLETS), strict=True):
        own = terms[terms.outlet == outlet]
        strongest = own.loc[own["z"].abs().nlargest(2).index, "term"]
        assert sorted(text.get_text() for text in ax.texts) == sorted(strongest)
        assert ax.get_xscale() == "log" and ax.get_xlabel() and ax.get_ylabel()


def test_terms_at_the_same_point_share_one_label():
    terms = _terms()
    alpha = terms.outlet == "Alpha"
    same = terms.loc[alpha & (terms.term == "term7"), ["count", "count_rest", "z"]]
    terms.loc[alpha & (terms.term == "term1"), ["count", "count_rest", "z"]] = same.to_numpy()
    fig = frequency_z_chart(terms[terms.outlet == "Alpha"], labels=1)
    assert [text.get_text() for text in fig.axes[0].texts] == ["term1, term7"]


def test_tone_intervals_dodge_outlets_within_each_category():
    fig = tone_intervals(_tone("scope", ["all", "narration", "quotes"]), category="scope")
    ax = fig.axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["all", "narration", "quotes"]
    assert sorted(text.get_text() for text in ax.get_legend().get_texts()) == sorted(OUTLETS)
    assert sum(text.get_text().startswith("n=") for text in ax.texts) == 9
    low, high = ax.get_xlim()
    assert low < 0 < high


def test_tone_intervals_per_outlet_and_order():
    rows = _tone("outlet", ["x"]).drop(columns="outlet").assign(outlet=OUTLETS)
    fig = tone_intervals(rows, category="outlet", order=sorted(OUTLETS))
    labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert labels == sorted(OUTLETS)


def test_sentence_arcs_one_line_per_article_in_outlet_colour():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a1"] * 3 + ["a2"] * 2 + ["b1"] * 4,
            "outlet": ["Alpha"] * 5 + ["Beta"] * 4,
            "sent_id": [1, 2, 3, 1, 2, 1, 2, 3, 4],
            "compound": [0.1, -0.2, 0.5, 0.0, 0.3, -0.5, -0.1, 0.2, 0.0],
        }
    )
    fig = sentence_arcs(sentences)
    alpha_ax, beta_ax = _visible(fig)
    colors = outlet_colors(["Alpha", "Beta"])
    assert len(alpha_ax.lines) == 2 + 1 and len(beta_ax.lines) == 1 + 1  # + the zero line
    assert to_hex(alpha_ax.lines[0].get_color()) == to_hex(colors["Alpha"])
    assert list(beta_ax.lines[0].get_xdata()) == [1, 2, 3, 4]


def test_empty_input_gives_a_labelled_empty_chart():
    empty_terms = _terms().iloc[0:0]
    for fig in (
        distinctive_terms_chart(empty_terms),
        frequency_z_chart(empty_terms),
        tone_intervals(_tone("actor", []), category="actor"),
        sentence_arcs(pd.DataFrame(columns=["doc_id", "outlet", "sent_id", "compound"])),
    ):
        assert any(ax.texts for ax in fig.axes)


def _frames(outlets: list[str]) -> pd.DataFrame:
    rows = [
        (outlet, "*", frame, 3, 2, 500, 1.0 + i + 2 * f, 0.0, "", 0)
        for i, outlet in enumerate(outlets)
        for f, frame in enumerate(["conflict", "economic_consequences", "morality"])
    ]
    columns = [
        "outlet",
        "doc_id",
        "frame",
        "hits",
        "n_sentences",
        "words",
        "per_1000_words",
        "share_from_quotes",
        "top_evidence_doc_id",
        "top_evidence_sent_id",
    ]
    return pd.DataFrame(rows, columns=columns)


def _titled_and_labelled(fig) -> bool:
    title = fig.get_suptitle() or any(ax.get_title() for ax in _visible(fig))
    charts = [ax for ax in _visible(fig) if ax.get_label() != "<colorbar>"]
    # panels sharing an x axis name it once, under the last
    return bool(title) and charts[-1].get_xlabel() and all(ax.get_ylabel() for ax in charts)


def test_every_chart_has_a_title_and_both_axis_labels():
    arcs = pd.DataFrame(
        {
            "outlet": ["Alpha", "Alpha", "Beta"],
            "doc_id": ["a", "a", "b"],
            "sent_id": [1, 2, 1],
            "compound": [0.2, -0.3, 0.5],
        }
    )
    charts = [
        distinctive_terms_chart(_terms(), k=3),
        frequency_z_chart(_terms(), labels=2),
        tone_intervals(_tone("scope", ["all"])),
        tone_intervals(_tone("scope", ["all", "quotes"]), category="scope"),
        frame_profile(_frames(OUTLETS)),
        frame_profile(_frames([f"Outlet {i:02d}" for i in range(20)])),
        sentence_arcs(arcs),
    ]
    for index, fig in enumerate(charts):
        assert _titled_and_labelled(fig), index


def test_many_outlets_get_a_frame_grid_in_their_colours_not_a_wall_of_bars():
    outlets = [f"Outlet {i:02d}" for i in range(20)]
    few, many = frame_profile(_frames(OUTLETS)), frame_profile(_frames(outlets))
    assert few.axes[0].patches and not few.axes[0].images  # grouped bars
    grid = many.axes[0]
    assert grid.images and not grid.patches
    assert grid.images[0].get_array().shape == (3, 20)
    colors = outlet_colors(outlets)
    assert {label.get_text(): to_hex(label.get_color()) for label in grid.get_xticklabels()} == {
        outlet: to_hex(colors[outlet]) for outlet in outlets
    }
    assert many.get_size_inches()[1] < few.get_size_inches()[1] * 3


def test_many_outlets_get_one_tone_panel_per_category():
    outlets = [f"Outlet {i:02d}" for i in range(12)]
    rows = pd.DataFrame(
        [
            (outlet, actor, 5, 0.1 * i - 0.5, 0.1 * i - 0.7, 0.1 * i - 0.3)
            for i, outlet in enumerate(outlets)
            for actor in ("Mayor", "Union", "Council")
        ],
        columns=["outlet", "actor", "n_sentences", "mean_compound", "ci_low", "ci_high"],
    )
    # an actor only three outlets mention: three colours must not pass for one RGB colour
    rows = rows[(rows["actor"] != "Council") | rows["outlet"].isin(outlets[:3])]
    fig = tone_intervals(rows, category="actor", order=["Union", "Mayor", "Council"])
    panels = _visible(fig)
    assert [ax.get_title(loc="left") for ax in panels] == [
        "actor: Union",
        "actor: Mayor",
        "actor: Council",
    ]
    colors = outlet_colors(outlets)
    for ax, shown in zip(panels, [outlets, outlets, outlets[:3]], strict=True):
        assert [label.get_text() for label in ax.get_yticklabels()] == shown
        dots = ax.collections[-1]
        assert [to_hex(c) for c in dots.get_facecolors()] == [to_hex(colors[o]) for o in shown]
    assert _titled_and_labelled(fig)
