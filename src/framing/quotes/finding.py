"""Finding quotations: which stretches of a paragraph are direct quotation, and of what kind.

Quotes are found per paragraph (one source line, its sentences joined), so a quotation that
runs over several sentences, or is split by its attribution ('"...," he said. "..."'), is
seen whole. Double marks, straight or typographic, are quotation marks; single marks only
when they pair up as quotation marks do, so apostrophes ("it's", "the players' union") never
are. A mark left open at the end of a paragraph closes there; the next paragraph reopens it,
as wire copy does for long quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, groupby

import pandas as pd

from framing.tokenize import normalize_text, tokenize

#: Columns of the per-article quotes table (`find_quotes`).
QUOTE_COLUMNS = (
    "doc_id",
    "outlet",
    "line_no",
    "sent_id",
    "quote",
    "speaker",
    "verb",
    "kind",
    "n_words",
)
#: A sentence with at least this share of its letters inside full quotations is a quote sentence.
QUOTE_SENTENCE_SHARE = 0.5

_OPENERS = frozenset("\u201c\u201e\u201f\u00ab")
_DOUBLE = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
#: Any double mark, so a paragraph is scanned for marks by the regex engine, not per character.
_DOUBLE_MARK = re.compile("[" + "".join(map(re.escape, sorted(_DOUBLE))) + "]")
_SINGLE_MARK = re.compile("'")


@dataclass
class Span:
    """A quotation: its opening mark, closing mark (or paragraph end), speaker and verb."""

    start: int
    end: int
    closed: bool
    speaker: str = ""
    verb: str = ""


@dataclass
class Paragraph:
    """One source line: its sentences joined by a space, where each starts, its quotations."""

    line_no: int
    text: str
    sent_ids: list[int]
    starts: list[int]
    folded: str = ""
    spans: list[Span] = field(default_factory=list)
    narration: str = ""  # folded text, each quotation blanked to a clause boundary

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.spans = _quote_spans(self)
        self.narration = _blanked(self.folded, self.spans)

    def sentence_at(self, position: int) -> int:
        """Index (into sent_ids) of the sentence holding a character position."""
        return max(0, bisect_right(self.starts, position) - 1)

    def sentence_end(self, index: int) -> int:
        return self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)


def _blanked(folded: str, spans: list[Span]) -> str:
    """The folded text with each quotation (marks included; the spans are disjoint and in
    order) replaced by a comma and spaces of the same length."""
    pieces, position = [], 0
    for span in spans:
        end = min(span.end + 1, len(folded))
        pieces += [folded[position : span.start], ",", " " * (end - span.start - 1)]
        position = end
    pieces.append(folded[position:])
    return "".join(pieces)


def fold(text: str) -> str:
    """`normalize_text` keeping the length, so positions match the original characters."""
    return normalize_text(text.replace("\u200b", " "))


def paragraphs(article_sentences: pd.DataFrame) -> list[Paragraph]:
    """The article's paragraphs (the sentences of one source line, joined by a space)."""
    return paragraphs_of(
        article_sentences["sent_id"].tolist(),
        article_sentences["line_no"].tolist(),
        article_sentences["text"].tolist(),
    )


def paragraphs_of(
    sent_ids: Sequence[int], line_nos: Sequence[int], texts: Sequence[str]
) -> list[Paragraph]:
    """`paragraphs` from the sentences' columns as lists, so the per-article stage needs no
    DataFrame per article."""
    rows = sorted(zip(sent_ids, line_nos, texts, strict=True))
    paragraphs = []
    for line_no, group in groupby(rows, key=lambda row: row[1]):
        sentences = list(group)
        texts = [text for _, _, text in sentences]
        starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        ids = [sent_id for sent_id, _, _ in sentences]
        paragraphs.append(Paragraph(int(line_no), " ".join(texts), ids, starts))
    return paragraphs


def _double_spans(text: str, folded: str) -> list[Span]:
    """Pair double quotation marks in order; one left open runs to the paragraph end."""
    spans: list[Span] = []
    opening = -1
    for mark in _DOUBLE_MARK.finditer(text):
        position, char = mark.start(), mark.group()
        if opening < 0 and folded[position - 1 : position].isdigit():
            continue  # an inch mark after a number is no quotation mark
        if opening < 0:
            opening = position
        elif char in _OPENERS and text[opening] in _OPENERS:
            opening = position  # two opening marks: the first was a stray one
        else:
            spans.append(Span(opening, position, True))
            opening = -1
    if opening >= 0:
        spans.append(Span(opening, len(text), False))
    return spans


def _single_spans(folded: str) -> list[Span]:
    """Pair single marks used as quotation marks; apostrophes inside or after words never pair.

    An opening mark follows a space or an opening bracket and precedes a letter or digit; a
    closing mark follows a non-space and precedes a non-letter. A plural possessive before a
    lower-case word ("the players' union") is passed over when a later closing mark exists.
    """
    size = len(folded)
    marks = [mark.start() for mark in _SINGLE_MARK.finditer(folded)]
    openings = [
        i
        for i in marks
        if (i == 0 or folded[i - 1] in " ([{-/") and folded[i + 1 : i + 2].isalnum()
    ]
    closings = [
        j
        for j in marks
        if j > 0 and not folded[j - 1].isspace() and (j + 1 == size or not folded[j + 1].isalnum())
    ]
    spans: list[Span] = []
    for opening in openings:
        if spans and opening <= spans[-1].end:
            continue
        later = [j for j in closings if j > opening + 1]
        for index, closing in enumerate(later):
            possessive = folded[closing - 1] in "sS" and re.match(r" [a-z]", folded[closing + 1 :])
            if not possessive or index + 1 == len(later):
                spans.append(Span(opening, closing, True))
                break
    return spans


def _quote_spans(paragraph: Paragraph) -> list[Span]:
    """All quotations of a paragraph, the outermost only, in order of their opening marks.

    A title in quotation marks ("Face the Nation") is passed over, with anything inside it.
    """
    spans = _double_spans(paragraph.text, paragraph.folded) + _single_spans(paragraph.folded)
    spans.sort(key=lambda span: (span.start, -span.end))
    outer: list[Span] = []
    last_end = -1
    for span in spans:
        text = quote_text(paragraph.text, span)
        if span.start > last_end and text:
            last_end = span.end
            if not is_title(text):
                outer.append(span)
    return outer


#: Words a title leaves in lower case ("Meet the Press", "House of Cards").
_MINOR_WORDS = frozenset(
    "a an the and or but nor of in on at to for with by from as is are not vs via into over".split()
)
#: A quoted title or label has at most this many words.
TITLE_MAX_WORDS = 10


def is_title(quote: str) -> bool:
    """True for a quoted title, slogan or label, not words someone said.

    The shape of a title, with no sentence in it: two to `TITLE_MAX_WORDS` words, the first
    and every word but short function words capitalised or a number, no punctuation inside
    ("Face the Nation", "The Art of the Deal", "Law and Order", "Person 2", "HR 1"). Words
    someone said have a sentence's shape: lower-case words, a verb, punctuation.
    """
    text = fold(quote).strip().rstrip(",.")
    words = text.split()
    if not 2 <= len(words) <= TITLE_MAX_WORDS or re.search(r"[.,;:!?]", text):
        return False
    return words[0][:1].isupper() and all(
        word[:1].isupper() or word[:1].isdigit() or word in _MINOR_WORDS for word in words
    )


def quote_text(text: str, span: Span) -> str:
    """The quoted words without marks, outer spaces or a trailing comma."""
    return re.sub(r"\s+", " ", text[span.start + 1 : span.end]).strip().rstrip(",").strip()


def is_full(paragraph: Paragraph, span: Span) -> bool:
    """A quotation that stands as its own utterance, not words embedded in the narration.

    It opens its sentence, follows a comma, colon or dash ('X said, "..."'), or is a
    capitalised statement of four words or more ending in punctuation.
    """
    sentence = paragraph.sentence_at(span.start)
    before = paragraph.folded[paragraph.starts[sentence] : span.start].rstrip()
    if not before or before[-1] in ",:;-\"'(":
        return True
    words = fold(quote_text(paragraph.text, span))
    return words[:1].isupper() and len(tokenize(words)) >= 4 and words[-1:] in ".!?,"


def typed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The columns in order with their contract dtypes (also for an empty frame)."""
    numeric = {"line_no", "sent_id", "n_words", "n_quotes"}
    frame = frame.reindex(columns=list(columns))
    return frame.astype({c: "int64" if c in numeric else "str" for c in columns})


def mark_quote_sentences(
    article_sentences: pd.DataFrame, article_quotes: pd.DataFrame
) -> pd.Series:
    """True for the sentences that are mostly direct quotation, aligned to the sentences' index.

    A sentence is marked when at least `QUOTE_SENTENCE_SHARE` of its letters and digits lie
    inside the full quotations listed in `article_quotes` (as `find_quotes` returns them), so
    a sentence holding a partial quote, or a short quote and a long attribution, is not.
    """
    return marks(article_sentences, article_quotes, paragraphs(article_sentences))


def marks(
    article_sentences: pd.DataFrame, article_quotes: pd.DataFrame, paragraphs: list[Paragraph]
) -> pd.Series:
    full = set(
        zip(
            article_quotes.loc[article_quotes["kind"] == "full", "sent_id"],
            article_quotes.loc[article_quotes["kind"] == "full", "quote"],
            strict=True,
        )
    )
    marked = quote_marks(article_sentences["sent_id"].tolist(), full, paragraphs)
    return pd.Series(
        [marked[sent_id] for sent_id in article_sentences["sent_id"]],
        index=article_sentences.index,
        dtype=bool,
    )


def quote_marks(
    sent_ids: Sequence[int], full: set[tuple[int, str]], paragraphs: list[Paragraph]
) -> dict[int, bool]:
    """`marks` on plain data: sent_id -> is_quote, from the (sent_id, quote) of full quotes."""
    marked = dict.fromkeys(sent_ids, False)
    for paragraph in paragraphs if full else []:
        text = paragraph.text
        quoted = [
            span
            for span in paragraph.spans
            if (paragraph.sent_ids[paragraph.sentence_at(span.start)], quote_text(text, span))
            in full
        ]
        for index, sent_id in enumerate(paragraph.sent_ids if quoted else []):
            start, end = paragraph.starts[index], paragraph.sentence_end(index)
            letters = _letters(text[start:end])
            inside = sum(
                _letters(text[max(start, span.start) : min(end, span.end + 1)]) for span in quoted
            )  # the quotations are disjoint
            if letters and inside >= QUOTE_SENTENCE_SHARE * letters:
                marked[sent_id] = True
    return marked


def _letters(text: str) -> int:
    """How many letters and digits a text holds."""
    return sum(map(str.isalnum, text))
