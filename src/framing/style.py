"""House style: the terms an outlet's style sheet produces, kept apart from its framing.

Outlets differ in how they write, not only in what they say: one writes "Mr. Smith", another
"Smith"; one tags every lawmaker "(D-Ore.)"; each names itself. Such terms top a distinctive-
terms list on real coverage while telling a reader nothing about how the event was framed.
The rules here are general, by shape and grammar: honorifics and title abbreviations,
reporting verbs, weekdays and months, party-state labels, single letters and numbers, and the
names of news organisations (a capitalised name ending in a news word such as "News", "Times"
or "Post", a run-together one such as "HuffPost", and the outlet labels of the corpus).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

import pandas as pd

from framing.events import sentence_events
from framing.terms import TERM_COLUMNS, count_terms, distinctive_terms
from framing.tokenize import normalize_text, tokenize

#: Honorifics and abbreviated titles written before a name.
HONORIFICS = frozenset(
    """
    mr mrs ms messrs dr prof sr jr st rev sen sens rep reps gov govs gen lt col maj capt cmdr
    adm sgt cpl pvt brig pres amb atty supt insp det hon esq
    """.split()
)
#: Verbs and phrases that attribute speech: how a story is told, not what it frames.
REPORTING = frozenset(
    """
    said say says saying told tell tells telling according added adds stated noted notes
    asked asks explained explains recalled wrote writes replied responded continued declared
    remarked commented spokesman spokeswoman spokesperson interview statement news press
    """.split()
)
CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec today yesterday tomorrow tonight week weekend month year
    """.split()
)
#: Last words of news organisations' names ("Fox News", "The Daily Post", "Sky TV").
NEWS_WORDS = frozenset(
    """
    news times post journal tribune herald press guardian telegraph gazette chronicle globe
    observer magazine daily weekly network networks radio television tv broadcasting channel
    agency wire report reporter reporters correspondent editor editors newsroom
    """.split()
)
#: Words of page furniture an article text can keep: credits, captions, corrections.
FURNITURE = frozenset(
    """
    contributed contributing correction corrections photo photos photograph caption getty
    images copyright reprint subscribe newsletter click site mobile navigation updated
    """.split()
)
#: The kinds of house style, in the order `style_kind` tests them.
KINDS = ("outlet_name", "honorific", "reporting", "calendar", "party_label", "letter", "furniture")

# A party-state label: (D-Ore.), R-S.C., I-Vt. -> d-ore, r-s, i-vt.
_PARTY_LABEL = re.compile(r"^[dri]-[a-z.]{1,5}$")
# A capitalised name (up to three words) whose last word is a news word, or a run-together
# name that ends in one ("HuffPost", "NBCNews").
_NAME = re.compile(r"\b(?:[A-Z][\w'.&-]*\s+){0,3}[A-Z][\w'.&-]*")
_RUN_TOGETHER = re.compile(r"\b[A-Z][a-z]+(?:" + "|".join(w.title() for w in NEWS_WORDS) + r")\b")
# Any news word, anywhere in a lower-cased text.
_NEWS_WORD = re.compile("|".join(sorted(NEWS_WORDS, key=len, reverse=True)))


def outlet_names(texts: Iterable[str], outlets: Iterable[str] = ()) -> frozenset[str]:
    """The terms (one or two tokens) that name a news organisation in these texts.

    A name is a run of capitalised words whose last word is a news word ("New York Times"),
    or one capitalised word that ends in one ("HuffPost"); its terms are the ones ending on
    that news word ("times", "york times") and the words used only inside such names. The
    corpus's outlet labels count too, so a label such as "Daily Planet" names its outlet even
    where its text never does.
    """
    found: set[str] = set()
    in_names: Counter[str] = Counter()
    texts = [*map(normalize_text, texts), *outlets]
    for text in texts:
        if not _NEWS_WORD.search(text.lower()):
            continue  # most sentences hold no news word, so name no news organisation
        for match in _NAME.finditer(text):
            words = tokenize(match.group())
            for end in range(len(words), 0, -1):
                if words[end - 1] in NEWS_WORDS and end > 1:
                    found.update({words[end - 1], " ".join(words[end - 2 : end])})
                    in_names.update(words[: end - 1])
                    break
        found.update(word.lower() for word in _RUN_TOGETHER.findall(text))
    # A word used only inside such names ("Huffington") is part of the name too.
    used = _token_counts(texts, set(in_names))
    found.update(word for word, count in in_names.items() if count == used[word])
    for label in outlets:
        words = tokenize(label)
        found.update(w for w in words if len(w) > 2)
        found.update(" ".join(pair) for pair in pairwise(words))
    return frozenset(found)


def _token_counts(texts: Sequence[str], words: set[str]) -> Counter[str]:
    """How often each of `words` is a token of the texts. Only texts holding one of them
    as a substring (or, for a dotted acronym, its letters) can, so only those are tokenised."""
    if not words:
        return Counter()
    keys = {key for word in words for key in (word, word.rstrip("."), word.replace(".", ""))}
    holds = re.compile("|".join(map(re.escape, sorted(keys - {""}, key=len, reverse=True))))
    return Counter(
        token
        for text in texts
        if holds.search(text.lower())
        for token in tokenize(text)
        if token in words
    )


def token_kind(token: str) -> str:
    """The house-style kind of one token, or "" when it may carry framing."""
    if token in HONORIFICS:
        return "honorific"
    if token in REPORTING:
        return "reporting"
    if token in CALENDAR:
        return "calendar"
    if _PARTY_LABEL.match(token):
        return "party_label"
    if len(token.rstrip(".")) == 1 or token.replace(",", "").replace(".", "").isdigit():
        return "letter"
    if token in FURNITURE:
        return "furniture"
    return ""


def style_kind(term: str, names: frozenset[str] = frozenset()) -> str:
    """The house-style kind of a term ("" for a framing term): the first kind of its words.

    A term is style when it is an outlet name (see `outlet_names`) or holds a style word:
    "mr obama" is style (honorific) as "obama" alone is not.
    """
    if term in names or any(word in names for word in term.split(" ") if word in NEWS_WORDS):
        return "outlet_name"
    kinds = [token_kind(word) for word in term.split(" ")]
    return next((kind for kind in kinds if kind), "")


def split_style(
    table: pd.DataFrame, names: frozenset[str] = frozenset()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a distinctive-terms table into (framing terms, house-style terms).

    The style table keeps the columns and order of `table` and adds `kind` (see `KINDS`).
    Each distinct term is looked at once: outlets share most of their terms.
    """
    terms = table["term"].astype(str)
    kinds = terms.map({term: style_kind(term, names) for term in terms.unique()})
    is_style = (kinds != "").to_numpy()
    framing = table[~is_style].reset_index(drop=True)
    style = table[is_style].assign(kind=kinds[is_style]).reset_index(drop=True)
    return framing, style


def terms_and_style(
    distinctive: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The `terms` table without house style, and the `style_terms` table of what was taken out.

    Outlet names are found in the corpus's own sentences and outlet labels.
    """
    names = outlet_names(sentences["text"].astype(str), documents["outlet"].astype(str).unique())
    framing, style = split_style(distinctive, names)
    return {"terms": framing, "style_terms": style}


#: Terms kept per outlet and event in `event_terms` (the table a reader scans per story).
EVENT_TOP_TERMS = 20


def event_terms(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    corpus_terms: pd.DataFrame | None = None,
    most: int = EVENT_TOP_TERMS,
) -> pd.DataFrame:
    """Each outlet's distinctive terms within each event that two or more outlets covered.

    The same scoring and house-style rules as the corpus-wide `terms` table, with each event's
    own counts and prior, so a word that marks one story is not diluted by the others. Keeps
    the `most` terms per outlet and event with a positive z. An event that is the whole corpus
    takes `corpus_terms` (the `terms` table) when given, instead of counting it again.

    Returns:
        event, then the columns of `terms`; by event, outlet and z, highest first.
    """
    tagged = sentences.assign(event=sentence_events(sentences, documents))
    frames = []
    for event, part in tagged.groupby("event", sort=True):
        if part["outlet"].nunique() < 2:
            continue
        if corpus_terms is not None and len(part) == len(sentences):
            scored = corpus_terms
        else:
            part = part.reset_index(drop=True)
            own_documents = documents[documents["event"] == event]
            counts = count_terms(part)
            scored = terms_and_style(distinctive_terms(counts), part, own_documents)["terms"]
        top = scored[scored["z"] > 0].groupby("outlet", sort=True).head(most)
        frames.append(top.assign(event=event))
    columns = ["event", *TERM_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]
