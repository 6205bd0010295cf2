"""Split article text into sentences and word tokens, the units every analysis counts.

Display keeps the original characters; analysis works on `normalize_text`, which folds
typographic quotes, apostrophes and spaces to plain ASCII forms.

Sentences come from NLTK's Punkt algorithm with a hand-set abbreviation list, so no
trained model (and no `nltk.download()`) is needed. Tokens are lower case; the stopword
list is scikit-learn's English list (318 words) plus common contractions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from nltk.tokenize import punkt
from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

#: Abbreviations after which a period does not end a sentence (lower case, no final dot).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    u.s u.k u.n e.u u.s.a a.m p.m i.e e.g etc vs approx no nos
    mr mrs ms dr prof sr jr st mt ft rev
    gen lt col maj capt cmdr adm sgt cpl pvt brig
    sen sens rep reps gov govs pres amb sec atty supt insp det del
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp co ltd dept univ est
    """.split()
)

CONTRACTIONS: frozenset[str] = frozenset(
    """
    i'm i've i'd i'll you're you've you'd you'll he's he'd he'll she's she'd she'll
    it's it'd it'll we're we've we'd we'll they're they've they'd they'll that's there's
    what's who's isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't
    wouldn't shouldn't haven't hasn't hadn't let's
    """.split()
)

#: Words that carry no content on their own: scikit-learn's English list plus contractions.
STOPWORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | CONTRACTIONS

_TRANSLATION = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
    }
)

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['-][^\W_]+)*")
#: Punctuation that ends a clause: the words of a phrase (a frame pattern) never run across
#: it. No token holds or starts with one of its characters.
CLAUSE_BREAK = re.compile(r'[,;:!?()\[\]{}"]|\s-+\s')
#: A token (its text as group 1) or a clause break (group 1 empty), in one scan.
_TOKEN_OR_BREAK = re.compile(rf"({_TOKEN.pattern})|{CLAUSE_BREAK.pattern}")
_INITIAL_END = re.compile(r"(?:^|[\s(])[A-Z]\.$")
_LOWER_START = re.compile(r"[\"'(\u201c\u2018]?[a-z]|[)\],;]")
_QUESTION_END = re.compile(r"[?!]\s*[\"']$")
#: A sentence of at most this many words after a quoted question may be its attribution.
ATTRIBUTION_WORDS = 6
#: The characters after which Punkt considers a sentence break (its `sent_end_chars`).
SENTENCE_END_CHARS = (".", "?", "!")


def normalize_text(text: str) -> str:
    """Fold typographic quotes, apostrophes, dashes and odd spaces to plain forms.

    The result has exactly the same length as the input, so offsets found in it hold in the
    original: analyse the normalised text, display the original. Plain ASCII text has
    nothing to fold and is returned as it is, without a pass over its characters.
    """
    return text if text.isascii() else text.translate(_TRANSLATION)


#: The flags of an NLTK pattern that `re` shares (NLTK compiles with `regex`, which adds its own).
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE


@lru_cache(maxsize=16)
def _plain(pattern: str, flags: int) -> re.Pattern[str]:
    """An NLTK pattern compiled by `re`, without NLTK's `redos` wrapper.

    NLTK 3.10 runs every match of its patterns through `regex` under a wall-clock timeout,
    a backstop against caller-supplied patterns that backtrack without end: about 2 us a
    call against 0.13 us for `re`, and Punkt makes several calls per word. Punkt's own
    patterns are fixed and linear (NLTK rewrote them after its ReDoS report), so sentence
    splitting uses them as they are written, compiled by `re`.
    """
    return re.compile(pattern, flags & _RE_FLAGS)


def _plain_of(timed: re.Pattern[str]) -> re.Pattern[str]:
    """`_plain` of one of NLTK's wrapped patterns (they quack like `re.Pattern`)."""
    return _plain(timed.pattern, timed.flags)


class _PlainLanguageVars(PunktLanguageVars):
    """Punkt's English settings, its patterns matched by `re` (see `_plain`)."""

    re_boundary_realignment = _plain_of(PunktLanguageVars.re_boundary_realignment)

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        return _plain_of(super()._word_tokenizer_re())

    def period_context_re(self) -> re.Pattern[str]:
        return _plain_of(super().period_context_re())


class _PlainToken(PunktToken):
    """Punkt's token, its patterns matched by `re` (see `_plain`)."""

    __slots__ = ()
    _RE_ELLIPSIS = _plain_of(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _plain_of(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _plain_of(PunktToken._RE_INITIAL)
    _RE_ALPHA = _plain_of(PunktToken._RE_ALPHA)
    _RE_NON_PUNCT = _plain_of(punkt._re_non_punct)

    @property
    def is_non_punct(self) -> re.Match[str] | None:
        return self._RE_NON_PUNCT.search(self.type)


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params, lang_vars=_PlainLanguageVars(), token_cls=_PlainToken)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the sentences in one paragraph.

    Punkt keeps a closing quotation mark with the sentence it ends. A split is undone after
    a single capital initial ("Frederic J. Brown"), before a lower-case word (a sentence never
    starts with one: "Rep. Jane Roe (D-N.C.) | said", "the R.N.C. | said") or with a closing
    bracket or a comma ("Rep. Jane Roe (D-Mo. | ), who ..."), and between a quoted question
    or exclamation and the short attribution after it ('"Who?" | Roe asked.'). A paragraph
    with no sentence-end character before its last one is one sentence, as Punkt finds it,
    without running Punkt (a candidate break needs something after the character).
    """
    if not any(char in paragraph[:-1] for char in SENTENCE_END_CHARS):
        end = len(paragraph.rstrip())
        return [(0, end)] if end else []
    spans: list[tuple[int, int]] = []
    for start, end in _sentence_tokenizer().span_tokenize(paragraph):
        if spans and _continues(paragraph[spans[-1][0] : spans[-1][1]], paragraph[start:end]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _continues(previous: str, sentence: str) -> bool:
    """True when a sentence Punkt split off still belongs to the one before it."""
    if _INITIAL_END.search(previous) or _LOWER_START.match(sentence):
        return True
    folded = normalize_text(sentence)
    return (
        _QUESTION_END.search(normalize_text(previous)) is not None
        and '"' not in folded
        and len(folded.split()) <= ATTRIBUTION_WORDS
        and folded.rstrip().endswith(".")
    )


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping the original characters."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]


@lru_cache(maxsize=1 << 16)
def _token_form(raw: str) -> str:
    if "." in raw:  # dotted acronym: U.S. -> u.s.
        return raw.lower() if raw.endswith(".") else raw.lower() + "."
    lowered = raw.lower()
    if raw.isupper() and len(raw) > 1 and lowered in STOPWORDS:
        return ".".join(lowered) + "."  # US -> u.s., never the pronoun "us"
    if lowered.endswith("'s") and lowered not in CONTRACTIONS:
        return lowered[:-2]
    return lowered


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens of a text, stopwords included, punctuation dropped.

    Possessive "'s" is removed ("China's" -> "china"); hyphenated words stay whole;
    acronyms are written with dots so "US" never merges with the pronoun "us".
    """
    return list(map(_token_form, _TOKEN.findall(normalize_text(text))))


def join_tokens(tokens: Sequence[str]) -> str:
    """A sentence's tokens as one string (no token holds a space), to keep and pass on cheaply
    in a table column; `split_tokens` gives them back."""
    return " ".join(tokens)


def split_tokens(joined: str) -> list[str]:
    """The tokens `join_tokens` joined."""
    return joined.split(" ") if joined else []


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Each token of `tokenize(text)` with the start and end of its characters in `text`."""
    return [
        (_token_form(match.group()), match.start(), match.end())
        for match in _TOKEN.finditer(normalize_text(text))
    ]


class SentenceTokens(NamedTuple):
    """A sentence's tokens as every per-article stage reads them, from one scan (`scan`)."""

    tokens: list[str]  # `tokenize(text)`
    capitals: list[bool]  # whether each token is written with a capital first letter
    breaks: list[int]  # where each clause after the first starts, as a position in `tokens`

    def clauses(self) -> list[tuple[int, int]]:
        """(start, end) positions in `tokens` of each clause, in order (empty ones too)."""
        return list(pairwise([0, *self.breaks, len(self.tokens)]))


def scan(text: str) -> SentenceTokens:
    """`tokenize(text)`, each token's capital, and its clauses (`CLAUSE_BREAK`), read in one
    pass: the cleaning, the frame hits and the alignment features all take them from here.
    A token's first character is never one that `normalize_text` folds, so its capital is
    that of `text`."""
    raw = _TOKEN_OR_BREAK.findall(normalize_text(text))
    words = [word for word in raw if word]
    gaps = [position for position, word in enumerate(raw) if not word]
    return SentenceTokens(
        list(map(_token_form, words)),
        [word[0].isupper() for word in words],
        [position - before for before, position in enumerate(gaps)],
    )


def distinct_scans(
    texts: Sequence[str], scans: Sequence[SentenceTokens] | None = None
) -> dict[str, SentenceTokens]:
    """Each distinct text's `scan`, in order of first appearance: taken from `scans` (the
    texts' scans, made beforehand) when given, else made here (once per distinct text)."""
    if scans is None:
        return {text: scan(text) for text in dict.fromkeys(texts)}
    found: dict[str, SentenceTokens] = {}
    for text, tokens in zip(texts, scans, strict=True):
        found.setdefault(text, tokens)
    return found


@lru_cache(maxsize=1 << 16)
def is_stopword(token: str) -> bool:
    """True for tokens that carry no content on their own (see `STOPWORDS`)."""
    return token in STOPWORDS or token.isdigit()


def term_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Character spans of every occurrence of a term (one or two tokens) in a sentence."""
    words = term.split(" ")
    positions = token_spans(text)
    return [
        (positions[i][1], positions[i + len(words) - 1][2])
        for i in range(len(positions) - len(words) + 1)
        if [token for token, _, _ in positions[i : i + len(words)]] == words
    ]


def content_tokens(text: str) -> list[str]:
    """Tokens of a text without stopwords and bare numbers."""
    return [token for token in tokenize(text) if not is_stopword(token)]
