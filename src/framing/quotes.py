"""Find the direct quotations of an article and who is quoted, then pool speakers across outlets.

Quotes are found per paragraph (one source line, its sentences joined), so a quotation that
runs over several sentences, or is split by its attribution ('"...," he said. "..."'), is
seen whole. Double marks, straight or typographic, are quotation marks; single marks only
when they pair up as quotation marks do, so apostrophes ("it's", "the players' union") never
are. A mark left open at the end of a paragraph closes there; the next paragraph reopens it,
as wire copy does for long quotations.

Speakers are found without configuration, in this order: the attribution next to the quote
('"...," X said', '"...," said X', 'X said "..."', 'X, a spokesperson for ..., said',
'X was quoted as saying', 'according to X'); the quote before it in the same sentence; the
speaker of a quotation left open in the paragraph before; the person the sentence is about;
the quote before it in the paragraph; the person the previous paragraph was about. "He" and
"she" are the most recent person who was the subject of an attribution or of the narration,
"they" and "the two officials" the most recent joint or plural speaker, "it" the most recent
collective one, "the minister" the person last introduced with that role. Titles are dropped,
a surname joins the full name used before, joint speakers stay joint ("X and Y") and
collective ones stay as written, without a leading article ("the US" -> "US").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, groupby, pairwise

import pandas as pd

from framing.actors import SPEECH_VERBS, TITLE_WORDS, Mention, person_mentions
from framing.tokenize import STOPWORDS, normalize_text, tokenize

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
#: Columns of the corpus quotes table (`resolve_speakers`), written as quotes.csv.
RESOLVED_COLUMNS = (
    "doc_id",
    "outlet",
    "line_no",
    "sent_id",
    "quote",
    "speaker",
    "side",
    "verb",
    "kind",
    "n_words",
)
#: A sentence with at least this share of its letters inside full quotations is a quote sentence.
QUOTE_SENTENCE_SHARE = 0.5
#: A found quote matches a hand-annotated one (`evaluate_quotes`) from this token overlap (Dice).
MATCH_OVERLAP = 0.5
#: Name shown for quotes whose speaker or side is not known.
UNKNOWN = "unknown"

_OPENERS = frozenset("\u201c\u201e\u201f\u00ab")
_DOUBLE = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
#: Words that may sit between a subject and its speech verb ("X later said", "X has said").
_AUXILIARIES = frozenset(
    """
    has had have was were is are will would could also then later again further once still
    even just earlier today yesterday often repeatedly reportedly publicly privately
    """.split()
)
#: Words that end the noun phrase before a verb, reading backwards from the verb.
_BOUNDARIES = frozenset(
    """
    while but whereas because although though after before when as since that which who whom
    whose where if so or than nor yet until unless once why how what
    """.split()
)
_SINGULAR_PRONOUNS = frozenset({"he", "she", "i", "we"})
_PLURAL_ANAPHOR = re.compile(
    r"^(?:they|both(?: men| women)?|the (?:two|three|four|pair|duo|trio)(?: [a-z]+)?)$"
)
_ROLE_NP = re.compile(r"^the (?:[\w'-]+ ){0,3}(?P<role>\w[\w-]+)$")
_AGE = re.compile(r",\s+(?P<age>\d{1,3}),")
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+|[A-Z][\w-]*'s\s+)(?P<role>[^,.;]{1,80})[,.]")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_VERB = r"(?:quoted as saying|" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"
_AUX = r"(?:(?:" + "|".join(sorted(_AUXILIARIES)) + r"|[a-z]+ly)\s+)*"
#: '..." X said' (X up to eight words) ...
_VERB_AFTER_NP = re.compile(
    rf"[\s,]*(?P<np>[^\s,;:!?\"]+(?:\s+[^\s,;:!?\"]+){{0,7}}?)\s+{_AUX}(?P<verb>{_VERB})\b"
)
#: ... and '..." said X' or '..." according to X'.
_NP_AFTER_VERB = re.compile(rf"[\s,]*(?:(?P<verb>{_VERB})|according to)\s+\S")
#: ... and '..." about the plan, X said.' (the attribution closes the sentence).
_TRAILING = re.compile(
    rf",\s*(?P<np>[^\s,;:!?\"]+(?:\s+[^\s,;:!?\"]+){{0,7}}?)\s+{_AUX}(?P<verb>{_VERB})[\s.!?]*$"
)
_VERB_ANYWHERE = re.compile(rf"(?<![\w-])(?P<verb>{_VERB}|according to)\b")
#: "a statement from X", "an interview with X": the speaker is X.
_SOURCE = re.compile(
    r"\s*(?:a|an|the)\s+(?:[a-z]+\s+){0,2}(?:statement|report|release|letter|post|note|"
    r"interview|spokesperson|spokesman|spokeswoman)\s+(?:from|by|of|for|with)\s+"
)
_NP_END = re.compile(r"\s(?:on|in|at|after|before|during|from|to|with|while|who|which|that)\s|[,.]")
_WORDS = re.compile(r"\w[\w'.-]*|[^\w\s]")


@dataclass
class _Span:
    """A quotation: its opening mark, closing mark (or paragraph end), speaker and verb."""

    start: int
    end: int
    closed: bool
    speaker: str = ""
    verb: str = ""


@dataclass
class _Paragraph:
    """One source line: its sentences joined by a space, where each starts, its quotations."""

    line_no: int
    text: str
    sent_ids: list[int]
    starts: list[int]
    folded: str = ""
    spans: list[_Span] = field(default_factory=list)
    narration: str = ""  # folded text, each quotation blanked to a clause boundary

    def __post_init__(self) -> None:
        self.folded = _fold(self.text)
        self.spans = _quote_spans(self)
        chars = list(self.folded)
        for span in self.spans:
            chars[span.start : span.end + 1] = "," + " " * (
                min(span.end + 1, len(chars)) - span.start - 1
            )
        self.narration = "".join(chars)

    def sentence_at(self, position: int) -> int:
        """Index (into sent_ids) of the sentence holding a character position."""
        return max(0, bisect_right(self.starts, position) - 1)

    def sentence_end(self, index: int) -> int:
        return self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)


def _fold(text: str) -> str:
    """`normalize_text` keeping the length, so positions match the original characters."""
    return normalize_text(text.replace("\u200b", " "))


def _paragraphs(article_sentences: pd.DataFrame) -> list[_Paragraph]:
    """The article's paragraphs (the sentences of one source line, joined by a space)."""
    rows = sorted(
        zip(
            article_sentences["sent_id"].tolist(),
            article_sentences["line_no"].tolist(),
            article_sentences["text"].tolist(),
            strict=True,
        )
    )
    paragraphs = []
    for line_no, group in groupby(rows, key=lambda row: row[1]):
        sentences = list(group)
        texts = [text for _, _, text in sentences]
        starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        ids = [sent_id for sent_id, _, _ in sentences]
        paragraphs.append(_Paragraph(int(line_no), " ".join(texts), ids, starts))
    return paragraphs


def _double_spans(text: str, folded: str) -> list[_Span]:
    """Pair double quotation marks in order; one left open runs to the paragraph end."""
    spans: list[_Span] = []
    opening = -1
    for position, char in enumerate(text):
        if char not in _DOUBLE or (opening < 0 and folded[position - 1 : position].isdigit()):
            continue  # an inch mark after a number is no quotation mark
        if opening < 0:
            opening = position
        elif char in _OPENERS and text[opening] in _OPENERS:
            opening = position  # two opening marks: the first was a stray one
        else:
            spans.append(_Span(opening, position, True))
            opening = -1
    if opening >= 0:
        spans.append(_Span(opening, len(text), False))
    return spans


def _single_spans(folded: str) -> list[_Span]:
    """Pair single marks used as quotation marks; apostrophes inside or after words never pair.

    An opening mark follows a space or an opening bracket and precedes a letter or digit; a
    closing mark follows a non-space and precedes a non-letter. A plural possessive before a
    lower-case word ("the players' union") is passed over when a later closing mark exists.
    """
    size = len(folded)
    openings = [
        i
        for i, char in enumerate(folded)
        if char == "'" and (i == 0 or folded[i - 1] in " ([{-/") and folded[i + 1 : i + 2].isalnum()
    ]
    closings = [
        j
        for j, char in enumerate(folded)
        if char == "'"
        and j > 0
        and not folded[j - 1].isspace()
        and (j + 1 == size or not folded[j + 1].isalnum())
    ]
    spans: list[_Span] = []
    for opening in openings:
        if spans and opening <= spans[-1].end:
            continue
        later = [j for j in closings if j > opening + 1]
        for index, closing in enumerate(later):
            possessive = folded[closing - 1] in "sS" and re.match(r" [a-z]", folded[closing + 1 :])
            if not possessive or index + 1 == len(later):
                spans.append(_Span(opening, closing, True))
                break
    return spans


def _quote_spans(paragraph: _Paragraph) -> list[_Span]:
    """All quotations of a paragraph, the outermost only, in order of their opening marks."""
    spans = _double_spans(paragraph.text, paragraph.folded) + _single_spans(paragraph.folded)
    spans.sort(key=lambda span: (span.start, -span.end))
    outer: list[_Span] = []
    for span in spans:
        if (not outer or span.start > outer[-1].end) and _quote_text(paragraph.text, span):
            outer.append(span)
    return outer


def _quote_text(text: str, span: _Span) -> str:
    """The quoted words without marks, outer spaces or a trailing comma."""
    return re.sub(r"\s+", " ", text[span.start + 1 : span.end]).strip().rstrip(",").strip()


def _is_full(paragraph: _Paragraph, span: _Span) -> bool:
    """A quotation that stands as its own utterance, not words embedded in the narration.

    It opens its sentence, follows a comma, colon or dash ('X said, "..."'), or is a
    capitalised statement of four words or more ending in punctuation.
    """
    sentence = paragraph.sentence_at(span.start)
    before = paragraph.folded[paragraph.starts[sentence] : span.start].rstrip()
    if not before or before[-1] in ",:;-\"'(":
        return True
    words = _fold(_quote_text(paragraph.text, span))
    return words[:1].isupper() and len(tokenize(words)) >= 4 and words[-1:] in ".!?,"


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words and punctuation marks of text[start:end]."""
    return [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(text, start, end)]


def _blocks_subject(word: str, first: bool) -> bool:
    """A word before a name showing it is not its clause's subject ("with X", "before the X")."""
    lowered = word.lower()
    if first and lowered == "the":
        return False
    return (
        (lowered in STOPWORDS and lowered not in TITLE_WORDS)
        or lowered in SPEECH_VERBS
        or not (word[:1].isalpha() or word == "'")
    )


def _joined(names: list[str]) -> str:
    """'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class _Context:
    """What the article has established so far, for pronouns and quotes without attribution."""

    focus: str = ""  # the most recent person who was a subject
    focus_paragraph: int = -10
    group: str = ""  # the most recent joint speaker ("X and Y") or plural collective
    collective: str = ""  # the most recent collective speaker ("ministry")
    roles: dict[str, str] = field(default_factory=dict)  # role word -> person


class _Resolver:
    """Speakers of one article's quotations, paragraph by paragraph, in reading order."""

    def __init__(self, paragraphs: list[_Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.mentions = person_mentions([p.text for p in paragraphs])
        self.context = _Context()
        self.index = 0

    @property
    def paragraph(self) -> _Paragraph:
        return self.paragraphs[self.index]

    def persons(self, start: int, end: int) -> list[Mention]:
        """People named within [start, end) of the current paragraph."""
        return [m for m in self.mentions[self.index] if m.start >= start and m.end <= end]

    def set_focus(self, name: str) -> None:
        self.context.focus, self.context.focus_paragraph = name, self.index

    def learn_roles(self) -> None:
        """Remember the role written with a name ("X, the bloc's envoy,") for "the envoy said".

        The role is the head word of the title before the name or of an apposition after
        it ("spokesperson" in ", a spokesperson for the ministry,"), or the age (", 41,").
        """
        narration = self.paragraph.narration
        for mention in self.mentions[self.index]:
            heads = list(mention.roles[-1:])
            apposition = _APPOSITION.match(narration, mention.end)
            if apposition:
                phrase = re.split(r"\s(?:for|of|at|in|with|to|from)\s", apposition.group("role"))
                heads += re.findall(r"[A-Za-z][\w-]*$", phrase[0].strip())
            age = _AGE.match(narration, mention.end)
            if age:
                heads.append(f"{age.group('age')}-year-old")
            for head in heads:
                self.context.roles[head.lower()] = mention.name

    def subject(self, start: int, end: int) -> str:
        """The person a sentence is about: the first name at the start of one of its clauses."""
        narration = self.paragraph.narration
        for mention in self.persons(start, end):
            clause = max(
                start, *(narration.rfind(mark, start, mention.start) + 1 for mark in ",;:")
            )
            prefix = _words(narration, clause, mention.start)
            blocked = any(_blocks_subject(word, i == 0) for i, (_, _, word) in enumerate(prefix))
            if len(prefix) <= 6 and not blocked:
                return mention.name
        return ""

    def joins_names(self, words: list[tuple[int, int, str]], position: int) -> bool:
        """True when words[position] ("and" or ",") stands between two names."""
        if position == 0:
            return False
        left_end, right_start = words[position - 1][1], words[position][1]
        mentions = self.mentions[self.index]
        return any(m.end == left_end for m in mentions) and any(
            m.start >= right_start for m in mentions
        )

    def noun_phrase(self, lo: int, verb_start: int) -> tuple[int, int]:
        """The subject noun phrase that ends right before a verb, an apposition skipped."""
        narration = self.paragraph.narration
        end = lo + len(narration[lo:verb_start].rstrip())
        if narration[end - 1 : end] == ",":  # "X, a spokesperson for Y, said"
            named = [
                m.end for m in self.persons(lo, end - 1) if narration[m.end : m.end + 1] == ","
            ]
            previous = narration.rfind(",", lo, end - 1)
            end = named[-1] if named else (previous if previous >= 0 else end - 1)
        words = _words(narration, lo, end)
        while words and (words[-1][2] in _AUXILIARIES or re.fullmatch(r"[a-z]+ly", words[-1][2])):
            words.pop()
        end = start = words[-1][1] if words else end
        for position in range(len(words) - 1, max(-1, len(words) - 10), -1):
            word = words[position][2]
            if word in {",", "and"} and self.joins_names(words, position):
                continue
            if not (word[:1].isalpha() or word in "'-") or word.lower() in _BOUNDARIES | {"and"}:
                break
            start = words[position][0]
        return start, end

    def speaker(self, start: int, end: int) -> str:
        """Who the noun phrase at [start, end) of the paragraph names, resolved in context."""
        context = self.context
        phrase = re.sub(r"\s+", " ", self.paragraph.text[start:end]).strip(" .,")
        lowered = _fold(phrase).lower()
        persons = self.persons(start, end)
        between = [self.paragraph.folded[a.end : b.start] for a, b in pairwise(persons)]
        if len(persons) >= 2 and all(
            ("," in gap or " and " in f" {gap} ")
            and set(re.findall(r"[\w.']+", gap.lower())) <= {"and"} | TITLE_WORDS
            for gap in between
        ):
            context.group = _joined(list(dict.fromkeys(m.name for m in persons)))
            return context.group
        if persons:
            self.set_focus(persons[-1].name)
            return persons[-1].name
        role = _ROLE_NP.match(lowered)
        if lowered in _SINGULAR_PRONOUNS:
            return context.focus
        if lowered in {"it", "they"}:
            return context.collective if lowered == "it" else context.group
        if _PLURAL_ANAPHOR.match(lowered) and context.group:
            return context.group
        if role and role.group("role") in context.roles:
            self.set_focus(context.roles[role.group("role")])
            return context.focus
        context.collective = _ARTICLE.sub("", phrase)
        if lowered.endswith("s") or " and " in lowered:
            context.group = context.collective
        return context.collective

    def named_after(self, start: int, hi: int) -> str:
        """The speaker named after a verb ("said X, the envoy", "according to a report by X")."""
        narration = self.paragraph.narration
        source = _SOURCE.match(narration, start, hi)
        start = source.end() if source else start
        cut = _NP_END.search(narration, start, hi)
        return self.speaker(start, cut.start() if cut else hi)

    def after(self, lo: int, hi: int) -> tuple[str, str] | None:
        """An attribution after a quotation: '..." X said', '..." said X', '...", X said.'."""
        narration = self.paragraph.narration
        match = _VERB_AFTER_NP.match(narration, lo, hi)
        if match and (who := self.speaker(match.start("np"), match.end("np"))):
            return who, match.group("verb").split()[0].lower()
        match = _NP_AFTER_VERB.match(narration, lo, hi)
        if match and (who := self.named_after(match.end() - 1, hi)):
            return who, (match.group("verb") or "according to").lower()
        match = _TRAILING.search(narration, lo, hi)
        if match and (who := self.speaker(match.start("np"), match.end("np"))):
            return who, match.group("verb").split()[0].lower()
        return None

    def before(self, lo: int, hi: int, subject: str) -> tuple[str, str] | None:
        """An attribution before a quotation: 'X said "...', 'X, a spokesperson, told ... "'.

        The last speech verb before the quotation counts; a participle after a comma
        (", saying") and a verb after "and" share the subject of the sentence.
        """
        narration = self.paragraph.narration
        verbs = list(_VERB_ANYWHERE.finditer(narration, lo, hi))
        if not verbs:
            return None
        verb = verbs[-1]
        if verb.group("verb") == "according to":
            who = self.named_after(verb.end(), hi)
            return (who, "according to") if who else None
        name = verb.group("verb").split()[0].lower()
        start, end = self.noun_phrase(lo, verb.start())
        leading = narration[lo : verb.start()].rstrip()
        if (name.endswith("ing") and leading.endswith(",")) or end <= start:
            who = subject if leading else self.named_after(verb.end(), hi)
        else:
            who = self.speaker(start, end)
        return (who, name) if who else None

    def attribute(self, position: int, subject: str, open_quote: _Span | None) -> tuple[str, str]:
        """Speaker and verb of the paragraph's quotation at `position` (see module docstring)."""
        paragraph, context = self.paragraph, self.context
        span = paragraph.spans[position]
        sentence = paragraph.sentence_at(span.start)
        previous = paragraph.spans[position - 1] if position else None
        same_sentence = previous is not None and paragraph.sentence_at(previous.end) == sentence
        lo = previous.end + 1 if same_sentence else paragraph.starts[sentence]
        closing = paragraph.sentence_at(min(span.end, len(paragraph.text) - 1))
        following = (
            paragraph.spans[position + 1].start
            if position + 1 < len(paragraph.spans)
            else len(paragraph.text)
        )
        hi = min(following, paragraph.sentence_end(closing))
        attempts = [
            lambda: self.after(span.end + 1, hi),
            lambda: self.before(lo, span.start, subject),
        ]
        if not _is_full(paragraph, span):
            attempts.reverse()
        for attempt in attempts:
            if found := attempt():
                return found
        if same_sentence:
            return previous.speaker, previous.verb
        if position == 0 and span.start == 0 and open_quote is not None:
            return open_quote.speaker, open_quote.verb
        if subject:
            return subject, ""
        if previous is not None:
            return previous.speaker, previous.verb
        if context.focus and context.focus_paragraph >= self.index - 1:
            return context.focus, ""
        return "", ""

    def resolve(self) -> list[_Paragraph]:
        """Give every quotation of the article a speaker and a verb, in reading order."""
        open_quote = None
        for index, paragraph in enumerate(self.paragraphs):
            self.index = index
            self.learn_roles()
            for sentence in range(len(paragraph.sent_ids)):
                start, end = paragraph.starts[sentence], paragraph.sentence_end(sentence)
                subject = self.subject(start, end)
                if subject:
                    self.set_focus(subject)
                positions = [
                    i
                    for i, span in enumerate(paragraph.spans)
                    if paragraph.sentence_at(span.start) == sentence
                ]
                if not positions:
                    self.before(start, end, subject)  # reported speech sets who "he" is
                for position in positions:
                    span = paragraph.spans[position]
                    span.speaker, span.verb = self.attribute(position, subject, open_quote)
            last = paragraph.spans[-1] if paragraph.spans else None
            open_quote = last if last is not None and not last.closed else None
        return self.paragraphs


def _article(article_sentences: pd.DataFrame) -> list[_Paragraph]:
    """An article's paragraphs with their quotations and speakers."""
    return _Resolver(_paragraphs(article_sentences)).resolve()


def _typed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The columns in order with their contract dtypes (also for an empty frame)."""
    numeric = {"line_no", "sent_id", "n_words", "n_quotes"}
    frame = frame.reindex(columns=list(columns))
    return frame.astype({c: "int64" if c in numeric else "str" for c in columns})


def find_quotes(article_sentences: pd.DataFrame) -> pd.DataFrame:
    """Every direct quotation of one article, with its speaker, verb and kind.

    Args:
        article_sentences: one article's sentences (doc_id, outlet, sent_id, line_no, text);
            the sentences of one line_no form a paragraph.

    Returns:
        doc_id, outlet, line_no, sent_id (sentence where the quote starts), quote (without
        marks), speaker ("" when unknown), verb (the reporting verb as written, "" when
        none), kind ("full": the quotation stands as its own utterance; "partial": words
        embedded in the narration), n_words; in reading order.
    """
    return _quotes(article_sentences, _article(article_sentences))


def _quotes(article_sentences: pd.DataFrame, paragraphs: list[_Paragraph]) -> pd.DataFrame:
    rows = []
    for paragraph in paragraphs:
        for span in paragraph.spans:
            quote = _quote_text(paragraph.text, span)
            rows.append(
                (
                    paragraph.line_no,
                    paragraph.sent_ids[paragraph.sentence_at(span.start)],
                    quote,
                    span.speaker,
                    span.verb,
                    "full" if _is_full(paragraph, span) else "partial",
                    len(tokenize(quote)),
                )
            )
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS[2:])
    if len(article_sentences):
        frame.insert(0, "outlet", article_sentences["outlet"].iloc[0])
        frame.insert(0, "doc_id", article_sentences["doc_id"].iloc[0])
    return _typed(frame, QUOTE_COLUMNS)


def quotes_and_quote_sentences(article_sentences: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """`find_quotes` and `mark_quote_sentences` of one article, its paragraphs read once."""
    paragraphs = _article(article_sentences)
    found = _quotes(article_sentences, paragraphs)
    return found, _marks(article_sentences, found, paragraphs)


def mark_quote_sentences(
    article_sentences: pd.DataFrame, article_quotes: pd.DataFrame
) -> pd.Series:
    """True for the sentences that are mostly direct quotation, aligned to the sentences' index.

    A sentence is marked when at least `QUOTE_SENTENCE_SHARE` of its letters and digits lie
    inside the full quotations listed in `article_quotes` (as `find_quotes` returns them), so
    a sentence holding a partial quote, or a short quote and a long attribution, is not.
    """
    return _marks(article_sentences, article_quotes, _paragraphs(article_sentences))


def _marks(
    article_sentences: pd.DataFrame, article_quotes: pd.DataFrame, paragraphs: list[_Paragraph]
) -> pd.Series:
    full = set(
        zip(
            article_quotes.loc[article_quotes["kind"] == "full", "sent_id"],
            article_quotes.loc[article_quotes["kind"] == "full", "quote"],
            strict=True,
        )
    )
    marked = dict.fromkeys(article_sentences["sent_id"].tolist(), False)
    for paragraph in paragraphs if full else []:
        inside = [False] * len(paragraph.text)
        for span in paragraph.spans:
            sent_id = paragraph.sent_ids[paragraph.sentence_at(span.start)]
            if (sent_id, _quote_text(paragraph.text, span)) in full:
                inside[span.start : span.end + 1] = [True] * (
                    min(span.end + 1, len(inside)) - span.start
                )
        for index, sent_id in enumerate(paragraph.sent_ids):
            start, end = paragraph.starts[index], paragraph.sentence_end(index)
            letters = [inside[i] for i in range(start, end) if paragraph.text[i].isalnum()]
            if letters and sum(letters) >= QUOTE_SENTENCE_SHARE * len(letters):
                marked[sent_id] = True
    return pd.Series(
        [marked[sent_id] for sent_id in article_sentences["sent_id"]],
        index=article_sentences.index,
        dtype=bool,
    )


def _speaker_key(name: str) -> str:
    """A speaker name compared without case, spacing or a leading article."""
    return _ARTICLE.sub("", re.sub(r"\s+", " ", _fold(str(name))).strip()).casefold()


def _split_joint(speaker: str) -> list[str]:
    return [part for part in re.split(r",\s*|\s+and\s+", speaker) if part]


def _is_personal(name: str) -> bool:
    """A full personal name: two to four capitalised words, no "and"."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words)


def _corpus_names(speakers: pd.Series) -> dict[str, str]:
    """Map each single-word speaker to the full name it stands for anywhere in the corpus.

    A surname (or a family name written first) goes to the full name that holds it and is
    quoted most often; ties go to the alphabetically first name.
    """
    counts = Counter(
        part for speaker in speakers for part in _split_joint(speaker) if _is_personal(part)
    )
    mapping = {}
    for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        words = name.split()
        for word in (words[-1], words[0]):
            mapping.setdefault(word, name)
    return mapping


def _actor_index(actors: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Alias key -> (canonical name, side) for every actor name and alias."""
    index: dict[str, tuple[str, str]] = {}
    for name, aliases, side in zip(actors["name"], actors["aliases"], actors["side"], strict=True):
        for alias in (name, *aliases):
            index.setdefault(_speaker_key(alias), (name, side if isinstance(side, str) else ""))
    return index


def resolve_speakers(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Pool speakers across articles and outlets: one name per person, and their side.

    A single-word speaker ("Roe") joins the full name ("Jane Roe") quoted anywhere in the
    corpus; with an `actors` table, names and aliases map to the actor's canonical name and
    side. A joint speaker ("X and Y") keeps its parts, each resolved, and takes their side
    when all share it. Unknown sides are "".

    Returns:
        The quotes table: doc_id, outlet, line_no, sent_id, quote, speaker, side, verb,
        kind, n_words.
    """
    surnames = _corpus_names(quotes["speaker"])
    known = _actor_index(actors)

    def resolve(speaker: str) -> tuple[str, str]:
        whole = known.get(_speaker_key(speaker))
        if whole is not None or not speaker:
            return whole or ("", "")
        parts = _split_joint(speaker) if " and " in speaker else [speaker]
        resolved = []
        for part in parts:
            full = surnames.get(part, part)
            resolved.append(known.get(_speaker_key(full), (full, "")))
        if len(parts) > 1 and not all(_is_personal(n) or s for n, s in resolved):
            return speaker, ""
        sides = {side for _, side in resolved}
        return _joined([name for name, _ in resolved]), sides.pop() if len(sides) == 1 else ""

    pairs = [resolve(speaker) for speaker in quotes["speaker"]]
    resolved = quotes.assign(speaker=[name for name, _ in pairs], side=[side for _, side in pairs])
    return _typed(resolved.reset_index(drop=True), RESOLVED_COLUMNS)


def _verb_list(verbs: pd.Series) -> str:
    """'said (3), added (1)': the verbs used, most frequent first."""
    counts = Counter(verb for verb in verbs if verb)
    return ", ".join(
        f"{verb} ({n})" for verb, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    )


def share_of_voice(quotes: pd.DataFrame) -> pd.DataFrame:
    """Who each outlet lets speak: quotes and quoted words per speaker and per side.

    Returns:
        outlet, level ("speaker" or "side"), name (`UNKNOWN` when not known), n_quotes,
        n_words, share (of the outlet's quoted words), verbs ('said (3), added (1)');
        sorted by outlet, level and most quoted words first.
    """
    frame = quotes.assign(side=quotes.get("side", ""))
    frames = []
    for level in ("speaker", "side"):
        named = frame.assign(name=frame[level].fillna("").replace("", UNKNOWN))
        grouped = named.groupby(["outlet", "name"], sort=True)
        table = grouped.agg(n_quotes=("quote", "size"), n_words=("n_words", "sum")).reset_index()
        table["verbs"] = grouped["verb"].agg(_verb_list).to_numpy()
        frames.append(table.assign(level=level))
    table = pd.concat(frames, ignore_index=True)
    totals = table[table["level"] == "speaker"].groupby("outlet")["n_words"].sum()
    table["share"] = table["n_words"] / table["outlet"].map(totals).clip(lower=1)
    table = table.sort_values(
        ["outlet", "level", "n_words", "name"], ascending=[True, False, False, True]
    )
    columns = ["outlet", "level", "name", "n_quotes", "n_words", "share", "verbs"]
    return table[columns].reset_index(drop=True)


def _overlap(a: list[str], b: list[str]) -> float:
    """Dice overlap of two token lists (as multisets)."""
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def evaluate_quotes(
    found: pd.DataFrame, gold: pd.DataFrame, actors: pd.DataFrame | None = None
) -> dict[str, float]:
    """Score found quotes against hand-annotated ones (both with doc_id, quote, speaker).

    A found quote matches a gold quote of the same article when their tokens overlap (Dice)
    by at least `MATCH_OVERLAP`; pairs are taken best first, each quote used once. Speaker
    accuracy is the share of matched pairs whose speakers agree (case, spacing and a leading
    article ignored, and, with `actors`, any alias standing for its actor's name); kind
    accuracy likewise, when both tables have `kind`.

    Returns:
        precision, recall, f1, speaker_accuracy, kind_accuracy, n_gold, n_found, n_matched.
    """
    pairs = []
    for doc_id, gold_doc in gold.groupby("doc_id", sort=True):
        found_doc = found[found["doc_id"] == doc_id]
        gold_tokens = [tokenize(quote) for quote in gold_doc["quote"]]
        found_tokens = [tokenize(quote) for quote in found_doc["quote"]]
        scored = sorted(
            (-_overlap(g, f), i, j)
            for i, g in enumerate(gold_tokens)
            for j, f in enumerate(found_tokens)
        )
        used_gold, used_found = set(), set()
        for negative, i, j in scored:
            if -negative < MATCH_OVERLAP:
                break
            if i not in used_gold and j not in used_found:
                used_gold.add(i)
                used_found.add(j)
                pairs.append((gold_doc.iloc[i], found_doc.iloc[j]))
    known = _actor_index(actors) if actors is not None else {}

    def speaker(name: str) -> str:
        key = _speaker_key(name)
        return _speaker_key(known[key][0]) if key in known else key

    matched = len(pairs)
    precision = matched / len(found) if len(found) else 0.0
    recall = matched / len(gold) if len(gold) else 0.0
    has_kind = "kind" in gold.columns and "kind" in found.columns
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "speaker_accuracy": (
            sum(speaker(g["speaker"]) == speaker(f["speaker"]) for g, f in pairs) / matched
            if matched
            else 0.0
        ),
        "kind_accuracy": (
            sum(g["kind"] == f["kind"] for g, f in pairs) / matched if matched and has_kind else 0.0
        ),
        "n_gold": len(gold),
        "n_found": len(found),
        "n_matched": matched,
    }


#: Columns a hand-annotated quotes file must have (`evaluation_table`).
GOLD_COLUMNS = ("doc_id", "quote", "speaker")


def evaluation_table(
    found: pd.DataFrame, golds: dict[str, pd.DataFrame], actors: pd.DataFrame
) -> pd.DataFrame:
    """Precision, recall, F1 and speaker accuracy per hand-annotated file, and over all of them.

    Args:
        found: the quotes table of the corpus (`resolve_speakers`).
        golds: hand-annotated quotes keyed by a name (the file), each with `GOLD_COLUMNS`.
        actors: the corpus's actors, so an alias in the annotation counts as its actor.
    """
    rows = []
    annotated = list(golds.items())
    if len(annotated) > 1:
        annotated.append(("all", pd.concat(golds.values(), ignore_index=True)))
    for name, gold in annotated:
        documents = found[found["doc_id"].isin(gold["doc_id"])]
        rows.append({"gold": name, **evaluate_quotes(documents, gold, actors)})
    return pd.DataFrame(rows)


def speaker_verbs(quotes: pd.DataFrame) -> pd.DataFrame:
    """How each speaker is introduced: a speaker-by-reporting-verb count of quotes.

    Verbs are counted as written ("said", "accused", "according to"); quotes without a
    reporting verb count under "(no verb)", quotes without a known speaker under `UNKNOWN`.

    Returns:
        One row per speaker (the index), most quoted first (ties alphabetical); one column
        per verb, most used first (ties alphabetical), then `total`. Empty without quotes.
    """
    if quotes.empty:
        return pd.DataFrame(columns=["total"], dtype="int64")
    frame = pd.DataFrame(
        {
            "speaker": quotes["speaker"].fillna("").replace("", UNKNOWN).to_numpy(),
            "verb": quotes["verb"].fillna("").replace("", "(no verb)").to_numpy(),
        }
    )
    table = pd.crosstab(frame["speaker"], frame["verb"])
    verbs = frame["verb"].value_counts()
    table = table[sorted(table.columns, key=lambda verb: (-verbs[verb], verb))]
    table["total"] = table.sum(axis=1)
    order = sorted(table.index, key=lambda name: (-table.loc[name, "total"], name))
    table = table.loc[order]
    table.columns.name = None
    return table


def voice_matrix(voice: pd.DataFrame, level: str, most: int | None = None) -> pd.DataFrame:
    """Share of voice as a name-by-outlet table, 0 where an outlet does not quote the name.

    Args:
        voice: the share-of-voice table (`share_of_voice`).
        level: "speaker" or "side".
        most: keep only this many names, those with the largest summed share over outlets.

    Returns:
        One row per name of `level`, largest summed share first (ties alphabetical); one
        column per outlet that quotes anyone, sorted. Empty without quotes.
    """
    rows = voice[voice["level"] == level]
    if rows.empty:
        return pd.DataFrame(dtype="float64")
    matrix = rows.pivot_table(
        index="name", columns="outlet", values="share", aggfunc="sum", fill_value=0.0
    )
    totals = matrix.sum(axis=1)
    order = sorted(matrix.index, key=lambda name: (-totals[name], str(name)))
    matrix = matrix.loc[order[:most] if most else order, sorted(matrix.columns)]
    matrix.columns.name = "outlet"
    return matrix
