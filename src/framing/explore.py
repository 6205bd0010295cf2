"""Browse the evidence behind the numbers: the sentences behind each term, speaker, frame, topic.

Two views of the tables `framing analyze` writes. In JupyterLab, `Explorer` (ipywidgets) compares
any subset of two or more outlets: choose what to browse by and a value, and it lists the
sentences behind it in each chosen outlet (matched words highlighted, the article title and the
line of the capture), with each outlet's count and the statistic that ranks the value.
Distinctive terms are recomputed one-vs-rest within the chosen subset.

Without a kernel, `write_explorer` writes one self-contained HTML page: a frequency-versus-z
scatter of terms for a chosen outlet, a search box, an outlet picker and, for a clicked term, its
sentences in every outlet. The page keeps the top terms of each outlet and a bounded number of
sentences per term and outlet, so it stays small on large corpora, and says what it kept.

Everything shown is computed by pure functions (`ranked_values`, `evidence_for`,
`explorer_data`). Article text is escaped before highlight markup is added (widgets) or inserted
as text nodes by the page's script (never as markup), so it can neither run nor render.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from framing import frames, style, terms
from framing.display import outlet_colors
from framing.tokenize import normalize_text, term_spans, tokenize

Tables = dict[str, pd.DataFrame]
Span = tuple[int, int]

#: What the explorer browses by: (what each outlet's count counts, the statistic that ranks).
KINDS: dict[str, tuple[str, str]] = {
    "term": ("uses", "z"),
    "speaker": ("quotes", "share of voice"),
    "frame": ("sentences", "per 1,000 words"),
    "topic": ("mentions", "per 1,000 words"),
    "actor": ("sentences", "mean tone"),
}
#: Values offered in the widget's value list at once (the filter box finds the others).
MAX_OPTIONS = 100
#: Sentences the widget lists per outlet for one value (the count above them says how many).
MAX_SHOWN = 50
#: Explorer page defaults: terms kept per outlet (by z and by count), sentences per term and outlet.
MAX_TERMS = 200
MAX_SENTENCES = 5
#: A word's core inside a white-space-delimited chunk: from its first to its last letter or digit.


# --- finding terms in sentences -------------------------------------------------------------


def _grams(tokens: Sequence[str]) -> set[str]:
    """The unigrams and bigrams of one sentence's tokens, as terms are written."""
    return set(tokens) | {f"{first} {second}" for first, second in pairwise(tokens)}


def _folded(texts: pd.Series) -> pd.Series:
    """Texts folded so that every token of a text is a substring of it (dots dropped)."""
    return texts.map(normalize_text).str.lower().str.replace(".", "", regex=False)


def sentences_with_term(sentences: pd.DataFrame, term: str) -> pd.DataFrame:
    """The sentences that contain a term, in table order, with the term's spans in each."""
    longest = max(term.split(" "), key=len).replace(".", "")
    candidates = sentences[_folded(sentences["text"]).str.contains(longest, regex=False)]
    spans = candidates["text"].map(lambda text: term_spans(text, term))
    return candidates.assign(spans=spans)[spans.map(bool)]


# --- what the widgets show --------------------------------------------------------------------


def outlets_of(tables: Tables) -> list[str]:
    """The corpus's outlets, sorted."""
    return sorted(tables["documents"]["outlet"].unique())


def subset_terms(tables: Tables, outlets: Iterable[str]) -> pd.DataFrame:
    """Distinctive terms of each chosen outlet against the other chosen outlets (one-vs-rest).

    With every outlet chosen this is the analysis's `terms` table; for a subset the counts are
    taken again from the subset's sentences, so z compares the chosen outlets only, and house
    style is left out as in the analysis.
    """
    chosen = sorted(set(outlets))
    if chosen == outlets_of(tables):
        return tables["terms"]
    sentences = tables["sentences"]
    subset = sentences[sentences["outlet"].isin(chosen)].reset_index(drop=True)
    scored = terms.distinctive_terms(terms.count_terms(subset))
    return style.terms_and_style(scored, subset, tables["documents"])["terms"]  # as `terms`


def ranked_values(tables: Tables, kind: str, outlets: Iterable[str]) -> pd.DataFrame:
    """The values of one kind in the chosen outlets, best first, with counts and statistic.

    One row per value and outlet: value, outlet, count, statistic (see `KINDS` for what the
    statistic is), rank (1 = the value to look at first).
    """
    chosen = sorted(set(outlets))
    rows = _RANKERS[kind](tables, chosen)
    rows = rows[rows["outlet"].isin(chosen)]
    score = rows.groupby("value")["order"].max().rename("score").reset_index()
    score = score.sort_values(["score", "value"], ascending=[False, True], kind="stable")
    score["rank"] = range(1, len(score) + 1)
    full = pd.MultiIndex.from_product([score["value"], chosen], names=["value", "outlet"])
    ranked = (
        rows.set_index(["value", "outlet"])[["count", "statistic"]]
        .reindex(full)
        .reset_index()
        .merge(score[["value", "rank"]], on="value")
    )
    ranked["count"] = ranked["count"].fillna(0).astype(int)
    return ranked.sort_values(["rank", "outlet"], kind="stable").reset_index(drop=True)


def top_values(tables: Tables, kind: str, outlets: Iterable[str]) -> pd.DataFrame:
    """Each chosen outlet's value with the highest statistic: outlet, value, count, statistic."""
    ranked = ranked_values(tables, kind, outlets).dropna(subset=["statistic"])
    top = ranked.sort_values(["statistic", "rank"], ascending=[False, True], kind="stable")
    top = top.drop_duplicates("outlet").sort_values("outlet", kind="stable")
    return top[["outlet", "value", "count", "statistic"]].reset_index(drop=True)


def _rank_terms(tables: Tables, chosen: list[str]) -> pd.DataFrame:
    found = subset_terms(tables, chosen)
    return pd.DataFrame(
        {
            "value": found["term"],
            "outlet": found["outlet"],
            "count": found["count"],
            "statistic": found["z"],
            "order": found["z"],
        }
    )


def _rank_frames(tables: Tables, chosen: list[str]) -> pd.DataFrame:
    table = tables["frames"]
    table = table[table["doc_id"] == frames.OUTLET_ROW]
    return pd.DataFrame(
        {
            "value": table["frame"],
            "outlet": table["outlet"],
            "count": table["n_sentences"],
            "statistic": table["per_1000_words"],
            "order": table["per_1000_words"],
        }
    )


def _rank_speakers(tables: Tables, chosen: list[str]) -> pd.DataFrame:
    table = tables["voice"]
    table = table[table["level"] == "speaker"]
    return pd.DataFrame(
        {
            "value": table["name"],
            "outlet": table["outlet"],
            "count": table["n_quotes"],
            "statistic": table["share"],
            "order": table["share"],
        }
    )


def _rank_topics(tables: Tables, chosen: list[str]) -> pd.DataFrame:
    table = tables["topics"]
    words = tables["documents"].groupby("outlet")["n_words"].sum()
    per_1000 = 1000 * table["mentions"] / table["outlet"].map(words).clip(lower=1)
    return pd.DataFrame(
        {
            "value": table["topic"],
            "outlet": table["outlet"],
            "count": table["mentions"],
            "statistic": per_1000,
            "order": per_1000,
        }
    )


def _rank_actors(tables: Tables, chosen: list[str]) -> pd.DataFrame:
    tone = tables["tone"]
    table = tone[(tone["doc_id"] == "*") & tone["scope"].str.startswith("actor:")]
    return pd.DataFrame(
        {
            "value": table["scope"].str.removeprefix("actor:"),
            "outlet": table["outlet"],
            "count": table["n_sentences"],
            "statistic": table["mean_compound"],
            "order": table["n_sentences"],
        }
    )


_RANKERS = {
    "term": _rank_terms,
    "speaker": _rank_speakers,
    "frame": _rank_frames,
    "topic": _rank_topics,
    "actor": _rank_actors,
}


def evidence_for(tables: Tables, kind: str, value: str, outlets: Iterable[str]) -> pd.DataFrame:
    """The sentences behind one value in the chosen outlets, with the spans to highlight.

    Columns: outlet, doc_id, title, line_no, sent_id, text, spans (list of (start, end)
    character offsets into text); in outlet order, then the corpus's order.
    """
    chosen = sorted(set(outlets))
    sentences = tables["sentences"]
    sentences = sentences[sentences["outlet"].isin(chosen)]
    found = _EVIDENCE[kind](tables, sentences, value)
    titles = tables["documents"][["doc_id", "title"]]
    found = found.merge(titles, on="doc_id", how="left")
    found["title"] = found["title"].fillna("")
    found = found.sort_values("outlet", kind="stable").reset_index(drop=True)
    return found[["outlet", "doc_id", "title", "line_no", "sent_id", "text", "spans"]]


def _term_evidence(tables: Tables, sentences: pd.DataFrame, value: str) -> pd.DataFrame:
    return sentences_with_term(sentences, value)


def _frame_evidence(tables: Tables, sentences: pd.DataFrame, value: str) -> pd.DataFrame:
    hits = tables["sentence_frames"]
    hits = hits[hits["frame"] == value][["doc_id", "sent_id", "matched"]]
    found = sentences.merge(hits, on=["doc_id", "sent_id"])
    found["spans"] = [
        sorted(span for phrase in set(matched.split("|")) for span in term_spans(text, phrase))
        for text, matched in zip(found["text"], found["matched"], strict=True)
    ]
    return found


def _text_spans(text: str, needle: str) -> list[Span]:
    """Where a piece of text (a quote, a matched pattern) stands in a sentence, case ignored.

    A quote that runs on into the next sentence is found by its start and marked to the end.
    """
    folded, wanted = normalize_text(text).lower(), normalize_text(needle).lower().strip()
    if not wanted:
        return []
    start = folded.find(wanted)
    if start >= 0:
        return [(start, start + len(wanted))]
    start = folded.find(wanted[:20])
    return [(start, len(text))] if start >= 0 else []


def _speaker_evidence(tables: Tables, sentences: pd.DataFrame, value: str) -> pd.DataFrame:
    quotes = tables["quotes"]
    quotes = quotes[quotes["speaker"] == value][["doc_id", "sent_id", "quote"]]
    found = sentences.merge(quotes, on=["doc_id", "sent_id"])
    found["spans"] = [
        _text_spans(text, quote) for text, quote in zip(found["text"], found["quote"], strict=True)
    ]
    return found.groupby(["doc_id", "sent_id"], sort=False, as_index=False).agg(
        {
            **{column: "first" for column in sentences.columns.drop(["doc_id", "sent_id"])},
            "spans": "sum",
        }
    )


def _topic_evidence(tables: Tables, sentences: pd.DataFrame, value: str) -> pd.DataFrame:
    mentions = tables["sentence_topics"]
    mentions = mentions[mentions["topic"] == value][["doc_id", "sent_id", "matched"]]
    found = sentences.merge(mentions, on=["doc_id", "sent_id"])
    found["spans"] = [
        _text_spans(text, matched)
        for text, matched in zip(found["text"], found["matched"], strict=True)
    ]
    return found


def _actor_evidence(tables: Tables, sentences: pd.DataFrame, value: str) -> pd.DataFrame:
    mentions = tables["sentence_actors"]
    mentions = mentions[mentions["actor"] == value][["doc_id", "sent_id"]].drop_duplicates()
    found = sentences.merge(mentions, on=["doc_id", "sent_id"])
    words = [word for word in tokenize(value) if len(word) > 1]
    found["spans"] = [
        sorted(span for word in words for span in term_spans(text, word)) for text in found["text"]
    ]
    return found


_EVIDENCE = {
    "term": _term_evidence,
    "speaker": _speaker_evidence,
    "frame": _frame_evidence,
    "topic": _topic_evidence,
    "actor": _actor_evidence,
}


def highlight(text: str, spans: Iterable[Span]) -> str:
    """Article text as HTML: escaped, with each span wrapped in <mark>."""
    parts, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            parts += [html.escape(text[last:start]), "<mark>", html.escape(text[start:end])]
            parts.append("</mark>")
            last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def _swatch(color: str) -> str:
    return (
        f'<span style="display:inline-block;width:.8em;height:.8em;margin-right:.3em;'
        f'background:{color}"></span>'
    )


def ranking_html(ranked: pd.DataFrame, kind: str, value: str, colors: dict[str, str]) -> str:
    """The per-outlet counts and statistic of one value, as an HTML table (names escaped)."""
    rows = ranked[ranked["value"] == value]
    body = "".join(
        f"<tr><td>{_swatch(colors[row.outlet])}{html.escape(row.outlet)}</td>"
        f"<td>{row.count}</td><td>{_format(row.statistic)}</td></tr>"
        for row in rows.itertuples()
    )
    count, statistic = KINDS[kind]
    return (
        f"<table><caption>{html.escape(kind)} “{html.escape(value)}”</caption><thead><tr>"
        f"<th>outlet</th><th>{count}</th><th>{statistic}</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _format(number: float) -> str:
    return "–" if pd.isna(number) else f"{number:.2f}"


def evidence_html(evidence: pd.DataFrame, outlets: Sequence[str], colors: dict[str, str]) -> str:
    """The sentences of `evidence_for` as HTML, outlet by outlet in its colour, text escaped."""
    blocks = []
    for outlet in outlets:
        rows = evidence[evidence["outlet"] == outlet]
        name = html.escape(outlet)
        shown = rows.head(MAX_SHOWN)
        more = f", showing the first {len(shown)}" if len(shown) < len(rows) else ""
        blocks.append(
            f'<h4 data-outlet="{name}">{_swatch(colors[outlet])}{name}: '
            f"{len(rows)} sentence{'s' * (len(rows) != 1)}{more}</h4>"
        )
        blocks.extend(
            f'<div class="sentence" data-outlet="{name}" style="border-left:4px solid '
            f'{colors[outlet]};padding:.1em .6em;margin:.4em 0">'
            f'<div style="font-size:smaller;color:#555">{html.escape(row.title)} · line '
            f"{row.line_no}</div><div>{highlight(row.text, row.spans)}</div></div>"
            for row in shown.itertuples()
        )
    return "".join(blocks)


class Explorer(widgets.VBox):
    """Pick outlets, what to browse by and a value; see its sentences in every chosen outlet.

    `outlets` (two or more), `kind`, `search` and `value` are the controls; `ranking` shows
    the value's count and statistic per outlet, `evidence` its sentences.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.colors = outlet_colors(outlets_of(tables))
        names = outlets_of(tables)
        self.outlets = widgets.SelectMultiple(
            options=names, value=tuple(names), rows=min(len(names), 8), description="Outlets"
        )
        self.kind = widgets.Dropdown(options=list(KINDS), value="term", description="Browse by")
        self.search = widgets.Text(placeholder="filter the values", description="Filter")
        self.value = widgets.Dropdown(options=[], description="Value")
        self.status = widgets.HTML()
        self.ranking = widgets.HTML()
        self.evidence = widgets.HTML()
        self._ranked: dict[tuple[str, tuple[str, ...]], pd.DataFrame] = {}
        self._shown: tuple[str, tuple[str, ...], str | None] | None = None
        super().__init__(
            [
                widgets.HBox([self.outlets, widgets.VBox([self.kind, self.search, self.value])]),
                self.status,
                self.ranking,
                self.evidence,
            ]
        )
        self.outlets.observe(self._refresh_values, names="value")
        self.kind.observe(self._refresh_values, names="value")
        self.search.observe(self._refresh_values, names="value")
        self.value.observe(self._show, names="value")
        self._refresh_values()

    def __repr__(self) -> str:
        """What a page without a kernel shows in the widget's place (kept under 110 characters)."""
        return (
            f"Explorer of {len(self.outlets.options)} outlets: run in JupyterLab, or open the "
            "report's explorer.html"
        )

    def chosen(self) -> tuple[str, ...]:
        """The chosen outlets, sorted."""
        return tuple(sorted(self.outlets.value))

    def ranked(self) -> pd.DataFrame:
        """`ranked_values` for the current kind and outlets, computed once per choice."""
        key = (self.kind.value, self.chosen())
        if key not in self._ranked:
            self._ranked[key] = ranked_values(self.tables, *key)
        return self._ranked[key]

    def _refresh_values(self, _change: object = None) -> None:
        """Offer the values of the chosen kind, ranked for the chosen outlets and filtered."""
        options: list[str] = []
        if len(self.chosen()) < 2:
            self.status.value = "<p>Pick two or more outlets to compare.</p>"
        else:
            values = self.ranked().drop_duplicates("value")["value"]
            needle = self.search.value.strip().lower()
            if needle:
                values = values[values.str.lower().str.contains(needle, regex=False)]
            options = values.head(MAX_OPTIONS).tolist()
            self.status.value = (
                f"<p>{len(values)} values of {html.escape(self.kind.value)}; the list shows "
                f"the first {len(options)}, ranked by {KINDS[self.kind.value][1]}.</p>"
            )
        previous = self.value.value
        self.value.options = options
        self.value.value = previous if previous in options else next(iter(options), None)
        self._show()

    def _show(self, _change: object = None) -> None:
        """Show the chosen value's counts and sentences (once per distinct choice)."""
        kind, chosen, value = self.kind.value, self.chosen(), self.value.value
        if (kind, chosen, value) == self._shown:
            return
        self._shown = (kind, chosen, value)
        if value is None:
            self.ranking.value = ""
            self.evidence.value = ""
            return
        self.ranking.value = ranking_html(self.ranked(), kind, value, self.colors)
        found = evidence_for(self.tables, kind, value, chosen)
        self.evidence.value = evidence_html(found, chosen, self.colors)


# --- the kernel-free page ---------------------------------------------------------------------


def kept_terms(term_table: pd.DataFrame, max_terms: int) -> list[str]:
    """The terms the page keeps: each outlet's `max_terms` highest z and most frequent, sorted."""
    by_z = term_table.sort_values(["z", "term"], ascending=[False, True], kind="stable")
    by_count = term_table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    top = pd.concat([frame.groupby("outlet").head(max_terms)["term"] for frame in (by_z, by_count)])
    return sorted(set(top))


def _term_rows(
    texts: Sequence[str], outlet_codes: Sequence[int], wanted: set[str], limit: int
) -> tuple[dict[tuple[str, int], list[int]], Counter[tuple[str, int]]]:
    """For each wanted term and outlet: the first `limit` sentence rows using it, and how many."""
    first: dict[tuple[str, int], list[int]] = defaultdict(list)
    totals: Counter[tuple[str, int]] = Counter()
    for row, (text, code) in enumerate(zip(texts, outlet_codes, strict=True)):
        for term in _grams(tokenize(text)) & wanted:
            key = (term, code)
            totals[key] += 1
            if len(first[key]) < limit:
                first[key].append(row)
    return first, totals


def _utf16(text: str, offset: int) -> int:
    """A character offset as the page's script counts it (UTF-16 code units)."""
    return len(text[:offset].encode("utf-16-le")) // 2


def explorer_data(
    tables: Tables, max_terms: int = MAX_TERMS, max_sentences: int = MAX_SENTENCES
) -> dict[str, object]:
    """Everything the explorer page shows, as plain JSON-ready data; each sentence stored once.

    Keys: outlets (name, color), docs ([outlet index, title]), sentences ([doc index, line_no,
    text]), terms (t: term, c: count per outlet, z: z per outlet, n: sentences using it per
    outlet, s: per outlet, up to `max_sentences` [sentence index, [start, end, ...]] with
    UTF-16 offsets of the term), kept (how many terms and sentences were kept, of how many).
    """
    outlets = outlets_of(tables)
    colors = outlet_colors(outlets)
    code = {outlet: index for index, outlet in enumerate(outlets)}
    term_table = tables["terms"]
    sentences = tables["sentences"]
    keep = kept_terms(term_table, max_terms)
    texts = sentences["text"].tolist()
    doc_ids = sentences["doc_id"].tolist()
    line_nos = sentences["line_no"].tolist()
    first, totals = _term_rows(
        texts, sentences["outlet"].map(code).tolist(), set(keep), max_sentences
    )
    stored = sorted({row for rows in first.values() for row in rows})
    sentence_index = {row: index for index, row in enumerate(stored)}
    used = {doc_ids[row] for row in stored}
    documents = tables["documents"]
    documents = documents[documents["doc_id"].isin(used)]
    doc_index = {doc: index for index, doc in enumerate(documents["doc_id"])}
    kept_rows = term_table[term_table["term"].isin(keep)]
    stats = {
        (term, code[outlet]): (int(count), _rounded(z))
        for term, outlet, count, z in zip(
            kept_rows["term"], kept_rows["outlet"], kept_rows["count"], kept_rows["z"], strict=True
        )
    }
    columns = range(len(outlets))
    entries = [
        {
            "t": term,
            "c": [stats.get((term, index), (0, None))[0] for index in columns],
            "z": [stats.get((term, index), (0, None))[1] for index in columns],
            "n": [totals[(term, index)] for index in columns],
            "s": [
                [[sentence_index[row], _offsets(texts[row], term)] for row in first[(term, index)]]
                for index in columns
            ],
        }
        for term in keep
    ]
    return {
        "outlets": [{"name": outlet, "color": colors[outlet]} for outlet in outlets],
        "docs": [
            [code[outlet], title]
            for outlet, title in zip(
                documents["outlet"], documents["title"].fillna(""), strict=True
            )
        ],
        "sentences": [[doc_index[doc_ids[row]], int(line_nos[row]), texts[row]] for row in stored],
        "terms": entries,
        "kept": {
            "terms": len(keep),
            "terms_total": int(term_table["term"].nunique()),
            "sentences": len(stored),
            "sentences_total": len(sentences),
            "max_terms": max_terms,
            "max_sentences": max_sentences,
        },
    }


def _rounded(number: float) -> float | None:
    return None if pd.isna(number) else round(float(number), 2)


def _offsets(text: str, term: str) -> list[int]:
    return [_utf16(text, o) for span in term_spans(text, term) for o in span]


def explorer_page(data: dict[str, object]) -> str:
    """The explorer page for `explorer_data`: the data as inert JSON, the script inline.

    The page and its script are the package's `data/explorer/explorer.html` and `explorer.js`.
    """
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "<" as \u003c inside JSON strings: no "</script>" or "<!--" can end the data block early.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    kept = data["kept"]
    summary = (
        f"This page keeps the {kept['max_terms']} most distinctive and the {kept['max_terms']} "
        f"most frequent terms of each outlet: {kept['terms']:,} of the corpus's "
        f"{kept['terms_total']:,} terms. For each term it lists at most "
        f"{kept['max_sentences']} sentences per outlet: {kept['sentences']:,} of the corpus's "
        f"{kept['sentences_total']:,} sentences are stored."
    )
    page, script = (
        (files("framing") / "data" / "explorer" / name).read_text(encoding="utf-8")
        for name in ("explorer.html", "explorer.js")
    )
    # the data last: article text inside it must never be taken for a placeholder
    return (
        page.replace("%SUMMARY%", html.escape(summary, quote=False))
        .replace("%SCRIPT%", script)
        .replace("%DATA%", payload)
    )


def write_explorer(
    tables: Tables,
    path: str | Path,
    max_terms: int = MAX_TERMS,
    max_sentences: int = MAX_SENTENCES,
) -> Path:
    """Write the self-contained explorer page (no kernel, no network) and return its path."""
    target = Path(path)
    page = explorer_page(explorer_data(tables, max_terms, max_sentences))
    target.write_text(page, encoding="utf-8")
    return target
