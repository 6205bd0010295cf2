"""Separate the article from the page: label every non-blank line of a raw capture, and say why.

Labels: `title`, `date`, `body`, `subhead` (the article is `body` and `subhead`), and the page
furniture `caption`, `credit`, `related`, `boilerplate`. The rules look only at the shape of a
line (length, case, punctuation, dates, list markers, indentation), its position (before the
headline, between body paragraphs, right after alt text), repetition and language, never at
the words of particular outlets, so they carry over to captures the suite has never seen.
Nothing is rewritten: the article is a subset of the input lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import pandas as pd

from framing.load import Article
from framing.tokenize import STOPWORDS, normalize_text

LABELS = ("title", "date", "body", "subhead", "caption", "related", "boilerplate", "credit")
ARTICLE_LABELS = frozenset({"body", "subhead"})

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?P<y4>\d{4}))\b",
    re.IGNORECASE,
)
_FOUR_DIGITS = re.compile(r"\d{4}")
_DATE_WORDS = re.compile(
    r"^(?:(?:published|updated|last updated|posted|first published|date)\b:?|on|at|[,|·-])$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?$", re.IGNORECASE)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?$|^[ap]\.?m\.?$|^[A-Z]{2,4}$")
_TIMESTAMPS = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s+(?:/\s*)?(?:\d{1,2}:)?\d{1,2}:\d{2})*$")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
#: A table row as a page copy gives it: cells parted by tabs.
_TABLE_ROW = re.compile(r"\S\t+\S")
_BULLET = re.compile(r"^[•·▪●◦‣∙*>\-–]\s*\S")
#: A quotation's signature on its own line: a dash, a name of one to four words, a full stop
#: ("- Jane Roe.", a fact-check's claim); cleaning keeps it and attribution reads its name.
SIGNATURE = re.compile(r"[-–—]\s*(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\.")
#: A line ending in a closing quotation mark (after its final punctuation or before it).
_CLOSES_QUOTE = re.compile(r"[\"”][.!?]?$")
_TERMINAL = re.compile(r"""[.!?。！？।؟…]["'”’»)\]」』]*$|[.!?,]?["”’»]$""")
_CREDIT_LEAD = re.compile(
    r"^(?:image|images|photo|photos|photograph|picture|pictures|credit|credits|source|"
    r"foto|bild|video|graphic|illustration)s?\s*:",
    re.IGNORECASE,
)
_CREDIT_INLINE = re.compile(
    r"(?:(?<=[a-z.,'’\"”)])|\s)(?:image|photo|photograph|picture|credit|foto|bild)\s*:\s*\S.*$"
    r"|\((?:photo|image|picture|video)s?\s+(?:by|credit|courtesy)\b[^)]*\)\s*$",
    re.IGNORECASE,
)
_MEDIA_SOURCE = re.compile(
    r"^(?:image|photo|picture|video)\s+(?:source|credit)s?\s*[,:]", re.IGNORECASE
)
_MEDIA_CAPTION = re.compile(r"^(?:image|photo|picture|video)\s+caption\s*[,:]", re.IGNORECASE)
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s*(?:,|and|&)\s*.*)?$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE)
_AGENCY = (
    r"AP|AFP|Reuters|dpa|EPA|Getty(?: Images)?|ANSA|Xinhua|Kyodo|Yonhap|TASS|Anadolu|UPI|PA|"
    r"Bloomberg|picture alliance|Shutterstock|KNA|epd|SIPA|Imago"
)
_AGENCY_CREDIT = re.compile(
    rf"^(?:[a-z]{{1,4}}(?:/[a-z]{{1,4}})+\s*)?\(\s*(?:{_AGENCY})(?:\s*,\s*(?:{_AGENCY}))*\s*\)$"
    rf"|^[a-z]{{1,4}}(?:/[a-z]{{1,4}})+$"
    r"|^(?:[-–—]\s*)?(?:with|additional)?\s*reporting by"
    rf"|^(?:[-–—]\s*)?\(?(?:{_AGENCY})(?:\s*[,/&]\s*(?:{_AGENCY}))*\)?$",
    re.IGNORECASE,
)
_CAPTION_LEAD = re.compile(r"^(?:FILE(?: PHOTO)?|PHOTO|IMAGE)\s*[-–—:]\s", re.IGNORECASE)
_POSITION = re.compile(
    r",\s*(?:right|left|center|centre|second (?:from )?(?:right|left)|top|bottom)\s*,"
    r"|\((?:R|L|C|M|right|left|center|centre|front|back|top)\)"
    r"|\bfrom (?:left|right)\b",
)
_RELATED_LEAD = re.compile(
    r"^(?:read more|related|also read|read also|see also|more on this|watch|listen|"
    r"recommended|most read|more from|you may also like|trending)\b\s*[:|-]?",
    re.IGNORECASE,
)
_FOREIGN_WORDS = frozenset(
    "der die das und ist nicht mit für auf dem den des ein eine zu im gespräche "
    "le la les et est pas pour avec une dans du des sur qui "
    "el los las y es por con para una del que "
    "il lo gli e di che per una della non "
    "o os as é em um uma do da não "
    "het een en niet met voor van op".split()
)
#: A word; in scripts written without spaces (Chinese, Japanese) each character counts as one.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W\d_]+(?:['’-][^\W\d_]+)*")

#: A line of at least this many words that ends like a sentence is article text by shape.
MIN_BODY_WORDS = 5
#: Short lines without final punctuation up to this many words can be subheads.
MAX_SUBHEAD_WORDS = 12
#: A line right after alt text is taken for its caption only up to this many words.
MAX_CAPTION_WORDS = 30


@dataclass
class _Line:
    line_no: int
    raw: str
    text: str
    words: list[str]
    label: str = ""
    reason: str = ""

    @property
    def n_words(self) -> int:
        return len(self.words)

    @cached_property
    def is_sentence(self) -> bool:
        """Ends like a sentence and starts like one."""
        first = self.text.lstrip("\"'“‘«(「『•*–-")[:1]
        starts = first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())
        return bool(_TERMINAL.search(self.text)) and starts  # (scripts without case start so)

    @cached_property
    def language_counts(self) -> tuple[int, int, int]:
        """Its function words of other languages, its English function words, its words with
        letters outside ASCII."""
        lowered = [word.lower() for word in self.words]
        ascii_only = "".join(self.words).isascii()
        return (
            sum(map(_FOREIGN_WORDS.__contains__, lowered)),
            sum(map(STOPWORDS.__contains__, lowered)),
            0 if ascii_only else sum(not word.isascii() for word in self.words),
        )

    @cached_property
    def key(self) -> str:
        return " ".join(normalize_text(self.text).lower().split())


def _dates(text: str) -> list[re.Match[str]]:
    """The dates of a text (`_DATE`); each has a four-digit year, so a text without four digits
    in a row is not searched (the date pattern is slow to search, most lines hold no year)."""
    return list(_DATE.finditer(text)) if _FOUR_DIGITS.search(text) else []


def _years(text: str) -> set[str]:
    return {next(year for year in match.groups() if year) for match in _dates(text)}


def _is_date_line(text: str) -> bool:
    """A date, perhaps with a weekday, a time or a 'Published' label, and little else."""
    matches = _dates(text)
    if len(matches) != 1:
        return False
    rest = (text[: matches[0].start()] + " " + text[matches[0].end() :]).replace(",", " ")
    return all(
        _DATE_WORDS.match(token) or _WEEKDAY.match(token) or _CLOCK.match(token)
        for token in rest.split()
    )


def _capitalised_share(words: list[str]) -> float:
    content = [word for word in words if word.lower() not in STOPWORDS]
    if not content:
        return 0.0
    return sum(word[0].isupper() for word in content) / len(content)


def _is_capitals(words: list[str]) -> bool:
    """Every word written in capitals (scripts without case never are)."""
    letters = [word for word in words if word[:1].isalpha()]
    return bool(letters) and all(word.isupper() for word in letters)


def _is_title_case(words: list[str]) -> bool:
    """Every word capitalised, small words too, as in a headline ('Why The Plan Is Late'), or
    every letter upper case: a heading or a link, unlike names joined by small words."""
    if _is_capitals(words):
        return True
    small = [word for word in words[1:] if word.lower() in STOPWORDS]
    return bool(small) and all(word[0].isupper() for word in small)


def _is_alt_text(line: _Line) -> bool:
    """A label-like line (names or keywords, no digits, no final stop) such as image alt text;
    not a headline in title case or capitals, nor a 'label: value' line."""
    return (
        line.n_words >= 4
        and not _TERMINAL.search(line.text)
        and not any(char.isdigit() for char in line.text)
        and ":" not in line.text
        and _capitalised_share(line.words) >= 0.75
        and not _is_title_case(line.words)
    )


def _foreign_share(lines: list[_Line]) -> float:
    """Share of the lines' known function words and non-ASCII words that are not English."""
    counts = [line.language_counts for line in lines]
    foreign, english, non_ascii = (sum(count[k] for count in counts) for k in range(3))
    return (foreign + non_ascii) / max(1, foreign + english + non_ascii)


def _same_title(text: str, title: str) -> bool:
    def squash(value: str) -> str:
        return re.sub(r"\W+", " ", normalize_text(value).lower()).strip()

    return bool(title) and squash(text) == squash(title)


def _set(line: _Line, label: str, reason: str) -> None:
    if not line.label:
        line.label, line.reason = label, reason


def _furniture_rules(line: _Line, body_years: set[str], foreign_page: bool) -> None:
    """Rules that recognise furniture by the line alone: its markers, then its shape."""
    _marked_furniture(line)
    if not line.label:
        _shaped_furniture(line, body_years, foreign_page)


def _label_signatures(lines: list[_Line]) -> None:
    """Keep "- Jane Roe." right after a quotation: it says who spoke (a fact-check's claim),
    so it is article text, not a bulleted page element."""
    for previous, line in pairwise(lines):
        if SIGNATURE.fullmatch(line.text) and _CLOSES_QUOTE.search(previous.text):
            _set(line, "body", "signature of the quotation above")


def _marked_furniture(line: _Line) -> None:
    """Furniture that says what it is: credits, captions, copyright, links to other content."""
    text = line.text
    if _TIMESTAMPS.match(text):
        _set(line, "boilerplate", "media player timestamps")
    elif _MEDIA_SOURCE.match(text):
        _set(line, "credit", "picture or video source ('Image source, ...')")
    elif _MEDIA_CAPTION.match(text):
        _set(line, "caption", "picture or video caption ('Image caption, ...')")
    elif _BYLINE.match(text) and line.n_words <= 12:
        _set(line, "credit", "byline")
    elif _COPYRIGHT.match(text):
        _set(line, "boilerplate", "copyright notice")
    elif _CREDIT_LEAD.match(text):
        _set(line, "credit", "photo or media credit ('Image:', 'Photo:' ...)")
    elif _AGENCY_CREDIT.match(text):
        _set(line, "credit", "author initials or news agency credit")
    elif _CAPTION_LEAD.match(text):
        _set(line, "caption", "photo caption marker at the start ('FILE -' ...)")
    elif not line.is_sentence and _CREDIT_INLINE.search(text):
        _set(line, "caption", "caption text followed by a photo credit ('Image:' ...)")
    elif _POSITION.search(text) and not text.lstrip().startswith(('"', "“")):
        _set(line, "caption", "names people by their place in a picture ('right', '(L)' ...)")
    elif _RELATED_LEAD.match(text) and (line.n_words <= 20 or not line.is_sentence):
        _set(line, "related", _RELATED_REASON)


_MENU_REASON = "numbered menu entry (navigation)"


def _shaped_furniture(line: _Line, body_years: set[str], foreign_page: bool) -> None:
    """Furniture recognised by shape alone: menu entries, short elements, English pages' lines
    in other languages."""
    text = line.text
    if _NUMBERED.match(text) and line.n_words <= 6 and not line.is_sentence:
        _set(line, "boilerplate", _MENU_REASON)
    elif _BULLET.match(text.strip()) and line.n_words <= 6:
        _set(line, "boilerplate", "bulleted page element")
    elif line.n_words <= 1 and len(text) <= 3 and not text[:1].isdigit():
        _set(line, "boilerplate", "one- to three-character page element (size picker, icon)")
    elif (
        line.n_words >= 3
        and not foreign_page
        and _foreign_share([line]) >= 0.5
        and not line.is_sentence
        and not _is_alt_text(line)
    ):
        _set(line, "boilerplate", "line in another language than the article")
    elif not line.is_sentence and _years(text) and body_years and not _years(text) & body_years:
        _set(line, "related", "dated teaser for content from another time")


def _is_headline_like(line: _Line) -> bool:
    return (
        4 <= line.n_words <= 30
        and not _TERMINAL.search(line.text)
        and "|" not in line.text
        and not _NUMBERED.match(line.text)
        and not _BULLET.match(line.text)
    )


def _pick_title(lines: list[_Line], title: str, repeats: dict[str, int]) -> _Line | None:
    """The manifest's title, else the longest headline-like line before the article text."""
    matched = next((line for line in lines if _same_title(line.text, title)), None)
    if matched is not None:
        return matched
    first_body = next(
        (
            i
            for i, line in enumerate(lines)
            if not line.label and line.is_sentence and line.n_words >= MIN_BODY_WORDS
        ),
        len(lines),
    )
    candidates = [
        line
        for line in lines[:first_body]
        if not line.label and repeats[line.key] == 1 and _is_headline_like(line)
    ]
    return max(candidates, key=lambda line: line.n_words, default=None)


def _label_alt_text(lines: list[_Line]) -> None:
    """Alt text (a line of names or keywords) and the caption line that follows it."""
    for previous, line in pairwise(lines):
        if not previous.label and _is_alt_text(previous):
            previous.label, previous.reason = (
                "caption",
                "alt text: a line of names or keywords"
                + (", partly in another language" if _foreign_share([previous]) >= 0.5 else ""),
            )
        if (
            previous.label == "caption"
            and previous.reason.startswith("alt text")
            and line.label in ("", "caption")
            and line.n_words <= MAX_CAPTION_WORDS
            and not line.text.startswith(('"', "“"))
        ):
            _set(line, "caption", "follows alt text: the picture's caption")


def _label_body(lines: list[_Line], outlet: str) -> None:
    """Sentence-shaped paragraphs are body, except page cards and the outlet's own closing notes."""
    indented_card = False
    for line in lines:
        indent = len(line.raw) - len(line.raw.lstrip())
        if line.label == "boilerplate" and line.reason == "bulleted page element":
            indented_card = indent > 0
            continue
        if indented_card and indent > 0:
            _set(line, "boilerplate", "indented block under a bulleted page element (card, bio)")
            continue
        indented_card = False
        if not line.label and line.is_sentence and line.n_words >= MIN_BODY_WORDS:
            line.label, line.reason = "body", "sentence-shaped paragraph"
    for run in _table_runs(lines):
        for line in run:
            _set(line, "body", "row of a table in the text (cells parted by tabs)")
    if not outlet:
        return
    mentions_outlet = re.compile(rf"\b{re.escape(outlet)}\b", re.IGNORECASE)
    for line in reversed([line for line in lines if line.label == "body"]):
        if not mentions_outlet.search(line.text):
            break
        line.label, line.reason = "boilerplate", "closing note about the outlet or its author"


#: A list opens the article when it starts within this many lines after the headline.
MAX_LIST_OFFSET = 6


def _label_opening_list(lines: list[_Line], title_line: _Line | None) -> None:
    """A numbered list right after the headline, before any paragraph, opens the article (a
    calendar, a ranking): a run of `MIN_LIST_ITEMS` or more lines of three words or more that
    are not sentences, at least half of them numbered or bulleted, starting within
    `MAX_LIST_OFFSET` lines of the headline (unlike a list of teaser headlines)."""
    if title_line is None:
        return
    top = lines.index(title_line)
    run: list[_Line] = []
    for offset, line in enumerate(lines[top + 1 :]):
        if line.label == "body":
            break
        if (
            line.label in ("", "boilerplate")
            and line.reason in ("", _MENU_REASON)
            and not line.is_sentence
            and line.n_words >= 3
        ):
            run.append(line)
            continue
        if len(run) >= MIN_LIST_ITEMS:
            break
        run = []
        if offset > MAX_LIST_OFFSET:
            return
    numbered = sum(line.text[:1].isdigit() or bool(_BULLET.match(line.text)) for line in run)
    if len(run) >= MIN_LIST_ITEMS and numbered >= 0.5 * len(run):
        for line in run:
            line.label, line.reason = "body", "numbered list opening the article"


def _table_runs(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of at least `MIN_LIST_ITEMS` consecutive lines with tab-parted cells (a table)."""
    runs: list[list[_Line]] = [[]]
    for line in lines:
        if _TABLE_ROW.search(line.text) and line.label in ("", "body"):
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) >= MIN_LIST_ITEMS]


_RELATED_REASON = "link to other content ('Read more', 'Related' ...)"
_LISTED_REASON = "listed under a related-content heading"
_LIST_HEADS = (_RELATED_REASON, _LISTED_REASON)


#: Body paragraphs further apart than this many lines belong to different blocks of text.
MAX_GAP_LINES = 5
#: The article is the first block after the headline with at least this share of the words
#: of the largest block (comments and teaser lists can be longer than the article).
MIN_BLOCK_SHARE = 0.1
#: Lines that sit inside an article without parting it: pictures, their credits, dates.
_PICTURE_LABELS = frozenset({"caption", "credit", "date"})
#: A later block continues the article (after a box set inside it: related links, a picture,
#: an ad) when it starts within this many lines of the article's last paragraph ...
MAX_BOX_LINES = 20
#: ... has at least this many paragraphs ...
MIN_GO_ON_PARAGRAPHS = 5
#: ... and at least this share of them follow the paragraph before directly, as an article's
#: do (comments and teasers are each set apart by names, dates, headlines or buttons).
MIN_DENSE_SHARE = 0.5
#: ... with paragraphs at least this share of the article's in length on average.
MIN_GO_ON_LENGTH_SHARE = 0.3
#: The article's last paragraphs are a teaser list when at least this many in a row are each
#: set apart from the one before by, on average, at least `MIN_TEASER_GAP` lines (a headline
#: and a source or date per teaser), after at least as many body paragraphs set closer.
MIN_TEASERS = 3
MIN_TEASER_GAP = 1.5
#: Teasers are set further apart than the body's paragraphs before them: by this factor.
MIN_TEASER_SPACING = 1.5
_APART_REASON = "sentence-shaped text apart from the article's block (comments, teasers, footers)"
_TEASER_REASON = "teaser list after the article: paragraphs each set apart by headlines or labels"


def _gap_lines(lines: list[_Line], previous: int, position: int) -> int:
    """Lines between two positions that part the text: not pictures, credits or dates, and
    not invisible (zero-width characters, symbols alone)."""
    return sum(
        line.label not in _PICTURE_LABELS
        and (line.n_words > 0 or any(c.isalnum() for c in line.text))
        for line in lines[previous + 1 : position]
    )


def _dense_share(gaps: dict[int, int], block: list[int]) -> float:
    """Share of a block's paragraphs after its first that follow the one before directly."""
    return sum(gaps[position] == 0 for position in block[1:]) / max(1, len(block) - 1)


def _teaser_tail(gaps: dict[int, int], kept: list[int]) -> list[int]:
    """The trailing paragraphs of the article that form a teaser list (see `MIN_TEASERS`)."""
    tail = len(kept)
    while tail > 1 and gaps[kept[tail - 1]] > 0:
        tail -= 1
    teasers, head = kept[tail:], kept[:tail]
    if len(teasers) < MIN_TEASERS or len(head) < MIN_TEASERS:
        return []
    teaser_gap = sum(gaps[position] for position in teasers) / len(teasers)
    head_gap = sum(gaps[position] for position in head[1:]) / (len(head) - 1)
    if teaser_gap >= max(MIN_TEASER_GAP, MIN_TEASER_SPACING * head_gap):
        return teasers
    return []


def _keep_main_block(lines: list[_Line], title_line: _Line | None) -> None:
    """Keep as body only the article's block of paragraphs: body lines close together, the first
    large one after the headline, and later blocks that continue it after a box set inside it;
    sentence-shaped text elsewhere on the page (and a teaser list at its end) is furniture."""
    positions = [i for i, line in enumerate(lines) if line.label == "body"]
    if not positions:
        return
    gaps = {
        position: _gap_lines(lines, previous, position)
        for previous, position in pairwise(positions)
    }
    blocks: list[list[int]] = [[positions[0]]]
    for position in positions[1:]:
        if gaps[position] > MAX_GAP_LINES:
            blocks.append([])
        blocks[-1].append(position)
    start = title_line.line_no if title_line is not None else 0
    after = [block for block in blocks if lines[block[0]].line_no > start] or blocks
    sizes = [sum(lines[i].n_words for i in block) for block in after]
    main = next(
        block
        for block, size in zip(after, sizes, strict=True)
        if size >= MIN_BLOCK_SHARE * max(sizes)
    )
    kept = list(main)
    mean = sum(lines[i].n_words for i in main) / len(main)
    for block in blocks[blocks.index(main) + 1 :]:
        if _gap_lines(lines, kept[-1], block[0]) > MAX_BOX_LINES:
            break
        words = sum(lines[i].n_words for i in block)
        if (
            len(block) >= MIN_GO_ON_PARAGRAPHS
            and _dense_share(gaps, block) >= MIN_DENSE_SHARE
            and words / len(block) >= MIN_GO_ON_LENGTH_SHARE * mean
        ):
            kept.extend(block)  # the article goes on after a box set inside it
    teasers = set(_teaser_tail(gaps, kept))
    keep = set(kept) - teasers
    for position in positions:
        if position in teasers:
            lines[position].label, lines[position].reason = "boilerplate", _TEASER_REASON
        elif position not in keep:
            lines[position].label, lines[position].reason = "boilerplate", _APART_REASON


#: A line inside the article longer than this is a paragraph, not a teaser headline.
MAX_HEADLINE_WORDS = 16
#: A line inside the article of at least this many words all in capitals is a promoted link
#: to another story (subheads in capitals are short).
MIN_SHOUTED_WORDS = 8
#: A run of at least this many short lines inside the article is a list, not a teaser card.
MIN_LIST_ITEMS = 3


def _list_items(lines: list[_Line]) -> set[int]:
    """Positions of unlabelled lines that look like list items: a list marker, after a line
    ending in ':', or in a run of `MIN_LIST_ITEMS` or more unlabelled lines that are not
    sentences (a list or a table, unlike a one- or two-line teaser card)."""
    items: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line is not None and not line.label and not line.is_sentence:
            run.append(i)
            if _NUMBERED.match(line.text) or _BULLET.match(line.text):
                items.add(i)
            if i and lines[i - 1].text.endswith(":"):
                items.add(i)
            continue
        if len(run) >= MIN_LIST_ITEMS:
            items.update(run)
        run = []
    return items


def _label_rest(lines: list[_Line]) -> None:
    """Subheads between body paragraphs, lists under related-content headings, other furniture."""
    body_positions = [i for i, line in enumerate(lines) if line.label == "body"]
    first_body = body_positions[0] if body_positions else len(lines)
    last_body = body_positions[-1] if body_positions else -1
    list_items = _list_items(lines)
    for i, line in enumerate(lines):
        if line.label:
            continue
        previous = lines[i - 1] if i else None
        following = lines[i + 1] if i + 1 < len(lines) else None
        inside = first_body < i < last_body
        between_body = (
            previous is not None
            and previous.label == "body"
            and following is not None
            and following.label == "body"
        )
        if previous is not None and previous.reason in _LIST_HEADS and not line.is_sentence:
            line.label, line.reason = "related", _LISTED_REASON
        elif inside and line.n_words >= MIN_SHOUTED_WORDS and _is_capitals(line.words):
            line.label, line.reason = "related", "long line in capitals: a promoted link"
        elif inside and 2 <= line.n_words <= MAX_SUBHEAD_WORDS and between_body:
            line.label, line.reason = "subhead", "short line between body paragraphs"
        elif inside and line.is_sentence:
            line.label, line.reason = "body", "sentence inside the article"
        elif inside and line.n_words >= 3 and i in list_items:
            line.label, line.reason = "body", "list item inside the article"
        elif inside and line.n_words > MAX_HEADLINE_WORDS:
            line.label, line.reason = "body", "long paragraph inside the article"
        elif inside and line.n_words >= 3:
            line.label, line.reason = "related", "headline-like line set apart inside the article"
        elif i < first_body and line.n_words >= 4 and _capitalised_share(line.words) >= 0.5:
            line.label, line.reason = "related", "headline-like line before the article"
        elif i > last_body and line.n_words >= 4 and not line.is_sentence:
            line.label, line.reason = "related", "headline-like line after the article"
        elif i > last_body:
            line.label, line.reason = "boilerplate", "after the article: footer"
        elif inside:
            line.label, line.reason = "boilerplate", "page element inside the article"
        else:
            line.label, line.reason = "boilerplate", "short line outside the article text"


def label_lines(text: str, title: str = "", outlet: str = "") -> pd.DataFrame:
    """Label every non-blank line of a capture as article or page furniture, with the reason.

    Args:
        text: the decoded capture, lines separated by newlines.
        title: the headline from the manifest, if known; otherwise the longest headline-like
            line before the article text is taken.
        outlet: the outlet's name, if known: closing paragraphs about the outlet itself (its
            bio, its standards, its author notes) are then page furniture.

    Returns:
        One row per non-blank line: line_no (1-based, as in the file), label, reason, text
        (the line as it is in the file, without its line break).
    """
    return _frame(_page_lines(_split(text), title, outlet))


def _page_lines(lines: list[_Line], title: str, outlet: str) -> list[_Line]:
    """A capture's lines (`_split`) labelled as `label_lines` describes."""
    repeats: dict[str, int] = {}
    first_seen: dict[str, _Line] = {}
    for line in lines:
        repeats[line.key] = repeats.get(line.key, 0) + 1
        first_seen.setdefault(line.key, line)

    # 1. Dates, repeated lines, and furniture recognisable line by line.
    body_years = {year for line in lines if line.is_sentence for year in _years(line.text)}
    foreign_page = _foreign_share(lines) >= 0.5
    _label_signatures(lines)
    for line in lines:
        if _is_date_line(line.text):
            _set(line, "date", "a date line")
            body_years |= _years(line.text)
    for line in lines:
        original = first_seen[line.key]
        if (
            line is not original
            and line.is_sentence
            and not (_CAPTION_LEAD.match(line.text) or _POSITION.search(line.text))
        ):
            _set(line, "boilerplate", f"repeats line {original.line_no}")
        _furniture_rules(line, body_years, foreign_page)
    for line in lines:
        if repeats[line.key] > 1 and not line.label and not line.is_sentence:
            _set(line, "related", f"headline-like line printed {repeats[line.key]} times")

    # 2. The headline; everything above it is navigation.
    title_line = _pick_title(lines, title, repeats)
    if title_line is not None:
        title_line.label, title_line.reason = (
            "title",
            (
                "matches the manifest title"
                if _same_title(title_line.text, title)
                else "longest headline-like line before the article"
            ),
        )
        for line in lines:
            if line.line_no < title_line.line_no and line.label != "date":
                line.label, line.reason = "boilerplate", "before the headline: navigation"

    # 3. Pictures, body paragraphs, then what is left.
    _label_alt_text(lines)
    _label_body(lines, outlet)
    _label_opening_list(lines, title_line)
    _keep_main_block(lines, title_line)
    _label_rest(lines)
    return lines


def _split(text: str) -> list[_Line]:
    """The non-blank lines of a text, numbered as in the file."""
    return [
        _Line(number, raw, raw.strip(), _WORD.findall(raw))
        for number, raw in enumerate(text.split("\n"), start=1)
        if raw.strip()
    ]


#: One labelled line as plain data: line_no, label, reason, text (a row of `label_lines`).
LabelledLine = tuple[int, str, str, str]
LABEL_COLUMNS = ("line_no", "label", "reason", "text")


def _rows(lines: list[_Line]) -> list[LabelledLine]:
    return [(line.line_no, line.label, line.reason, line.raw) for line in lines]


def labels_frame(rows: list[LabelledLine]) -> pd.DataFrame:
    """The table of `label_lines` from labelled lines as rows."""
    columns = zip(*rows, strict=True) if rows else ([] for _ in LABEL_COLUMNS)
    return pd.DataFrame(dict(zip(LABEL_COLUMNS, map(list, columns), strict=True)))


def _frame(lines: list[_Line]) -> pd.DataFrame:
    return labels_frame(_rows(lines))


#: Manifest `clean` values that mean "the text is already clean: keep every line".
CLEAN_NO = frozenset({"no", "n", "false", "0"})
#: Manifest `clean` values that mean "clean this text as a page capture, whatever it looks like".
CLEAN_YES = frozenset({"yes", "y", "true", "1"})
#: A capture is taken for clean text when at least this share of its lines after the first
#: are sentence-shaped paragraphs (page captures are mostly menus, teasers and labels).
MIN_CLEAN_SHARE = 0.85


def _head_and_rest(lines: list[_Line], title: str, guess: bool = True) -> list[_Line]:
    """Label the headline (the manifest title, else, when `guess`, a first line that is not a
    sentence, when more lines follow) and date lines; return the lines left."""
    head = next((line for line in lines if _same_title(line.text, title)), None)
    if head is None and guess and len(lines) > 1 and not _TERMINAL.search(lines[0].text):
        head = lines[0]
    if head is not None:
        head.label = "title"
        head.reason = (
            "matches the manifest title" if _same_title(head.text, title) else "first line"
        )
    rest = [line for line in lines if line is not head]
    for line in rest:
        if _is_date_line(line.text) and line.line_no < (lines[-1].line_no if lines else 0):
            _set(line, "date", "a date line")
        elif head is not None and line.key == head.key:
            _set(line, "boilerplate", f"repeats the headline (line {head.line_no})")
    return [line for line in rest if not line.label]


def looks_clean(text: str) -> bool:
    """Whether a capture has no page furniture to remove: nearly every line after the first
    is a sentence-shaped paragraph, and no line says it is a credit, caption or link."""
    return _looks_clean(_split(text))


def _looks_clean(lines: list[_Line]) -> bool:
    lines = lines[1:]
    if not lines:
        return True
    paragraphs = sum(line.is_sentence and line.n_words >= MIN_BODY_WORDS for line in lines)
    return paragraphs >= MIN_CLEAN_SHARE * len(lines)


def label_clean_text(
    text: str, title: str = "", reason: str = "text that is already clean"
) -> pd.DataFrame:
    """Labels for text without page furniture (transcripts, exports, clean archives): the
    headline and date lines as such, short lines without final punctuation as subheads,
    every other line body. Nothing is dropped."""
    return _frame(_clean_lines(_split(text), title, reason))


def _clean_lines(lines: list[_Line], title: str, reason: str) -> list[_Line]:
    for line in _head_and_rest(lines, title):
        if not line.is_sentence and line.n_words <= MAX_SUBHEAD_WORDS:
            line.label, line.reason = "subhead", f"short line in {reason}"
        else:
            line.label, line.reason = "body", reason
    return lines


def label_extracted(text: str, title: str = "") -> pd.DataFrame:
    """Labels for the article text extracted from a web page's markup: the extractor has left
    out menus and sidebars, so a line is body unless it says it is furniture (a credit, a
    caption, a copyright notice, a link to other content) or is a one-line page element."""
    return _frame(_extracted_lines(_split(text), title))


def _extracted_lines(lines: list[_Line], title: str) -> list[_Line]:
    for line in _head_and_rest(lines, title, guess=False):  # extractors leave the headline out
        _marked_furniture(line)
        if not line.label and line.n_words <= 1 and len(line.text) <= 3:
            _set(line, "boilerplate", "one- to three-character page element (size picker, icon)")
        if not line.label and not line.is_sentence and line.n_words <= MAX_SUBHEAD_WORDS:
            line.label, line.reason = "subhead", "short line of the extracted article"
        _set(line, "body", "extracted from the page's article markup")
    return lines


def label_article(article: Article) -> pd.DataFrame:
    """Labels for one article, by where its text comes from and what the manifest says.

    `clean` "no" (the default of an export) keeps every line; a saved page's extracted text is
    labelled by `label_extracted`; a capture that looks clean (`looks_clean`) by
    `label_clean_text`; any other capture, or `clean` "yes", by `label_lines`.
    """
    return labels_frame(label_article_rows(article))


def label_article_rows(article: Article) -> list[LabelledLine]:
    """`label_article` as rows: what the per-article stage reads, with no table per article."""
    clean = article.clean.strip().lower()
    lines = _split(article.text)
    if clean in CLEAN_NO:
        lines = _clean_lines(lines, article.title, "text marked clean in the manifest")
    elif article.kind == "page" and clean not in CLEAN_YES:
        lines = _extracted_lines(lines, article.title)
    elif clean not in CLEAN_YES and _looks_clean(lines):
        lines = _clean_lines(lines, article.title, "capture with no page furniture")
    else:
        lines = _page_lines(lines, article.title, article.outlet)
    return _rows(lines)


def article_lines(labels: pd.DataFrame) -> pd.DataFrame:
    """The lines that make up the article (`body` and `subhead`), in file order."""
    return labels[labels["label"].isin(ARTICLE_LABELS)]


def label_counts(lines: pd.DataFrame) -> pd.DataFrame:
    """Lines per label for each article (rows: doc_id; columns: labels in `LABELS` order)."""
    counts = pd.crosstab(lines["doc_id"], lines["label"])
    return counts.reindex(columns=[label for label in LABELS if label in counts.columns])


def dropped_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines cleaning set aside as page furniture, with the reason for each: the audit."""
    return lines.loc[
        ~lines["label"].isin(ARTICLE_LABELS), ["doc_id", "line_no", "label", "reason", "text"]
    ]
