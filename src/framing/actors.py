"""Find who a text talks about: the people it names, and the actors each sentence mentions.

People are found without any configuration, from the shape of names: runs of capitalised
words, with titles ("Foreign Minister", "spokesperson", "Mr") split off. A run is kept as a
person when the text gives evidence for it (a title or role word before it, an apposition or
a speech verb after it) or when nothing suggests a place or an organisation (a name right
after "in", "the", "of", ... is taken for one). Within one text, a later surname-only mention
("Smith") joins the full name used before it ("Jane Smith"). With a corpus `actors` table,
its aliases are matched instead, as whole words or phrases, longest first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import pandas as pd

from framing.tokenize import STOPWORDS, normalize_text

#: Words of titles and roles that precede or describe a name; split off, never part of one.
TITLE_WORDS: frozenset[str] = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev father sister brother
    president vice prime minister ministers secretary state foreign defense defence interior
    finance home justice deputy chief spokesperson spokesman spokeswoman adviser advisor
    national security ambassador envoy senator sen rep representative congressman
    congresswoman governor gov mayor chancellor premier king queen prince princess pope
    emperor general gen admiral adm colonel col lieutenant lt major maj captain capt
    commander sergeant sgt director chairman chairwoman chair chairperson ceo head leader
    judge officer commissioner councillor councilor attorney speaker former acting then
    senior top coach manager executive founder official diplomat negotiator correspondent
    reporter analyst economist activist lawyer editor presenter candidate councilman
    striker midfielder defender goalkeeper player owner boss sheikh emir ayatollah imam
    """.split()
)
#: Titles after which a single capitalised word is a person's name ("Mr Smith", "President X").
HONORIFICS: frozenset[str] = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev president senator sen rep
    governor gov mayor chancellor premier king queen prince princess pope judge minister
    secretary general gen admiral colonel captain commander ambassador
    """.split()
)
#: Capitalised words that belong to places, organisations, events and dates, not to people.
NON_NAME_WORDS: frozenset[str] = frozenset(
    """
    ministry department party office commission committee council agency administration
    house senate congress parliament assembly court bank fund union nations states republic
    kingdom province region county city street road avenue square university college
    institute foundation group association organisation organization company corporation
    inc ltd llc news post times press network club team army navy force forces police
    service centre center airport station hospital school church museum summit conference
    talks forum agreement treaty act bill day week month year cup league games government
    muslims christians jews north south east west central northern southern eastern western
    new united great upper lower saint island islands sea ocean river mountains valley bay
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december image images photo video
    """.split()
)
#: Role words a title stands for ("Sen. X" is "the senator", "Rep. X" "the congressman").
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "sen": ("senator", "lawmaker"),
    "senator": ("sen", "lawmaker"),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "representative": ("rep", "congressman", "congresswoman", "lawmaker"),
    "congressman": ("lawmaker",),
    "congresswoman": ("lawmaker",),
    "gov": ("governor",),
    "governor": ("gov",),
    "gen": ("general",),
    "adm": ("admiral",),
    "col": ("colonel",),
    "capt": ("captain",),
    "prof": ("professor",),
    "dr": ("doctor",),
    "del": ("delegate",),
    "sec": ("secretary",),
    "pres": ("president",),
}
#: Party and party-member words: a label before or after a name, never part of it.
PARTY_WORDS: frozenset[str] = frozenset(
    "republican republicans democrat democrats democratic gop independent libertarian".split()
)
#: Lower-case parts of names ("Ursula von der Leyen", "Charles de Gaulle").
PARTICLES: frozenset[str] = frozenset(
    "von van der den de del della da di du la le bin ibn al el".split()
)
#: A capitalised run right after one of these words is taken for a place or an organisation.
NOT_PERSON_BEFORE: frozenset[str] = frozenset(
    """
    the a an this that these those its their our in at on from to into of across near over
    around throughout toward towards via outside inside within between as group party firm
    company agency newspaper ministry department union movement campaign bank club team
    province state city region
    """.split()
)
#: Verb forms that introduce what someone said; shared with the quote attribution.
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say says said saying adds added adding tells told telling asked asking explains explained
    explaining noted noting stated declared insists insisted insisting warns warned warning
    argues argued arguing claimed claiming accuses accused accusing retorted responded
    replies replied countered writes wrote tweeted announced acknowledged admits admitted
    conceded continued stressed emphasised emphasized urged called calling described
    describing remarked recalled suggested predicted vowed pledged promised complained
    charged alleged lamented joked boasted cautioned observed agreed confirmed denied
    demanded criticised criticized condemned slammed blasted fumed raged snapped shouted
    yelled screamed whispered sighed branded labelled labeled dubbed quoted blamed blaming
    thundered reported reports asserted contended maintained recounted concluded quipped
    mused wondered posted writes notes asks claims vows promises concedes suggests recalls
    predicts pledges urges jokes responds stresses declares retaliated interjected
    """.split()
)

_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:['-][^\W\d_]+)*\.?")
_APPOSITION = re.compile(r"^,\s+(?:a|an|the|who|whose|\d+|[A-Z][\w-]*'s)\b")
_SPEECH_AFTER = re.compile(r"^\s+(?:[a-z]+ly\s+|also\s+|then\s+|later\s+|has\s+|had\s+)?([a-z]+)\b")


class _Token(NamedTuple):
    start: int
    end: int
    word: str  # without a final period or possessive 's
    stop: bool  # a run of capitalised words ends after this token
    capital: bool  # `_is_capitalised(word)`: the word can be part of a name


@dataclass(frozen=True)
class Mention:
    """A person named in a text: where (start, end of the name), who, and the title before it."""

    start: int
    end: int
    name: str  # full name as resolved within the text
    written: str  # the name as written, titles dropped
    roles: tuple[str, ...]  # lower-case title and role words written before the name


#: `_WORD`, and (group 1) what follows it when that ends a run of capitalised words: any
#: character but a space, or a space and an opening bracket; the group is empty otherwise.
_WORD_AHEAD = re.compile(rf"(?:{_WORD.pattern})(?=([^ ]| \()?)")


@lru_cache(maxsize=1 << 16)
def _word_form(raw: str) -> tuple[str, bool, bool]:
    """A word as matched without its final period or possessive 's, whether a run of
    capitalised words ends after it for that reason, and whether it is capitalised (cached:
    words repeat)."""
    word, stop = raw, False
    if word.endswith(".") and not _DOTTED.fullmatch(word):
        word = word[:-1]
        stop = len(word) > 1 and word.lower() not in TITLE_WORDS  # not "J." nor "Mr."
    if word.lower().endswith("'s"):
        word, stop = word[:-2], True
    return word, stop, _is_capitalised(word)


def _tokens(text: str) -> list[_Token]:
    """The words of a text with their places and flags; the matches' starts, words and
    endings are read by mapping over all matches at once, not match by match (a paragraph
    has hundreds of words, few of them names)."""
    matches = list(_WORD_AHEAD.finditer(text))
    forms = map(_word_form, map(re.Match.group, matches))
    endings = map(re.Match.group, matches, repeat(1))
    return [
        _Token(start, start + len(word), word, stop or ending is not None, capital)
        for start, (word, stop, capital), ending in zip(
            map(re.Match.start, matches), forms, endings, strict=True
        )
    ]


def _is_capitalised(word: str) -> bool:
    """A word that can be part of a name: capitalised, not an acronym, not a dotted acronym."""
    return word[:1].isupper() and (len(word) == 1 or not word.isupper()) and "." not in word


@lru_cache(maxsize=1 << 16)
def _is_name_word(word: str) -> bool:
    lowered = word.lower()
    return (
        all(_is_capitalised(part) for part in word.split("-"))
        and len(word) > 1
        and lowered not in TITLE_WORDS
        and lowered not in NON_NAME_WORDS
        and lowered not in PARTY_WORDS
        and lowered not in STOPWORDS
    )


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    words: tuple[str, ...]
    roles: tuple[str, ...]
    before: str  # the lower-cased word right before the name ("" at the start)
    after: str  # the text right after the name


def _runs(tokens: list[_Token]) -> list[list[int]]:
    """Indices of maximal runs of capitalised words (particles allowed inside)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, token in enumerate(tokens):
        inside = token.capital or (
            current
            and token.word in PARTICLES
            and index + 1 < len(tokens)
            and tokens[index + 1].capital
        )
        if inside:
            current.append(index)
            if token.stop:
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _given_name(text: str, tokens: list[_Token], run: list[int], first: int, last: int) -> bool:
    """True when the word before a name is its given name though it is also a common name
    word ("Bill", "Young"): it follows a title in the same run ("Mayor Bill Roe"), or opens
    the run and an apposition follows the name ("Bill Roe, a lawyer,")."""
    index = first - 1
    if index < run[0] or tokens[index].word.lower() not in NON_NAME_WORDS:
        return False
    if index > run[0] and tokens[index - 1].word.lower() in TITLE_WORDS:
        return True
    return index == run[0] and bool(_APPOSITION.match(text[tokens[last].end :]))


#: A text's name tokens and their runs of capitalised words (`_name_tokens`).
_NameTokens = tuple[list[_Token], list[list[int]]]


def _name_tokens(text: str) -> _NameTokens:
    """The tokens of a (folded) text and its runs of capitalised words: what both the people
    (`person_mentions`) and the name phrases (`name_phrases`) of a text are read from."""
    tokens = _tokens(text)
    return tokens, _runs(tokens)


def _candidates(text: str, tokens: list[_Token], runs: list[list[int]]) -> list[_Candidate]:
    """Name-shaped stretches of a text (its `_name_tokens`): the end of each capitalised run,
    titles split off."""
    found = []
    for run in runs:
        names: list[int] = []
        for index in reversed(run):
            word = tokens[index].word
            if _is_name_word(word) or (names and word in PARTICLES) or (len(word) == 1 and names):
                names.insert(0, index)
            else:
                break
        while names and not _is_name_word(tokens[names[0]].word):
            names.pop(0)
        if not names:
            continue
        first = names[0]
        while first > run[0] and tokens[first - 1].word in PARTICLES:
            first -= 1  # "Mayor Bill de Roe": the given name is before the particles
        if _given_name(text, tokens, run, first, names[-1]):
            names[:0] = range(first - 1, names[0])  # "Mayor Bill Roe", "Bill Roe, a lawyer,"
        first, last = names[0], names[-1]
        roles = [tokens[i].word.lower() for i in run if i < first]
        previous = run[0] - 1
        while previous >= 0 and tokens[previous].word.lower() in TITLE_WORDS:
            roles.insert(0, tokens[previous].word.lower())
            previous -= 1
        before_index = first - 1
        before = tokens[before_index].word.lower() if before_index >= 0 else ""
        if before_index >= 0 and text[tokens[before_index].end : tokens[first].start].strip(" "):
            before = ""  # punctuation in between: the word does not govern the name
        elif (
            before == "to" and before_index and tokens[before_index - 1].word.lower() == "according"
        ):
            before = "according to"  # a source, not a place ("according to Jane Roe")
        found.append(
            _Candidate(
                start=tokens[first].start,
                end=tokens[last].end,
                words=tuple(tokens[i].word for i in names),
                roles=tuple(roles),
                before=before,
                after=text[tokens[last].end : tokens[last].end + 40],
            )
        )
    return found


def _evidence(candidate: _Candidate) -> int:
    """+1 for a sign of a person, -1 for a sign of a place or organisation, 0 for neither."""
    if candidate.roles or _APPOSITION.match(candidate.after):
        return 1
    speech = _SPEECH_AFTER.match(candidate.after)
    if speech and speech.group(1) in SPEECH_VERBS:
        return 1
    if candidate.before in NOT_PERSON_BEFORE:
        return -1
    return 0


def _trimmed(candidate: _Candidate, common: set[str], surnames: set[str]) -> _Candidate:
    """A name without a first word the document writes in lower case.

    A capitalised word that opens a sentence ("Certainly Jane Roe", "Like Roe") is a common
    word when the text uses it in lower case elsewhere; it is dropped from a name of three or
    more words, or of two when the second is the surname of a longer name in the document.
    """
    words = candidate.words
    if words[0].lower() not in common or not (
        len(words) >= 3 or (len(words) == 2 and words[1] in surnames)
    ):
        return candidate
    start = candidate.start + len(words[0]) + 1
    return replace(candidate, start=start, words=words[1:], before="")


def _speaks(candidate: _Candidate) -> bool:
    """A lone name word that is the subject of a speech verb ("Roe said"), with no title."""
    speech = _SPEECH_AFTER.match(candidate.after)
    return (
        not candidate.roles
        and candidate.before not in NOT_PERSON_BEFORE
        and speech is not None
        and speech.group(1) in SPEECH_VERBS
    )


def _people(candidates: Iterable[_Candidate]) -> list[str]:
    """Full names (two or more words) with evidence of a person, in order of first appearance."""
    signs: dict[str, list[int]] = {}
    for candidate in candidates:
        words = [word for word in candidate.words if len(word) > 1 and word not in PARTICLES]
        if 2 <= len(words) <= 4:
            signs.setdefault(" ".join(candidate.words), []).append(_evidence(candidate))
    return [name for name, found in signs.items() if 1 in found or -1 not in found]


def _resolve(word: str, people: Sequence[str], earlier: Sequence[str]) -> str:
    """The full name a single name word stands for: the latest earlier person it belongs to."""
    for pool in (reversed(earlier), people):
        for name in pool:
            parts = name.split()
            if word in (parts[-1], parts[0]):
                return name
    return ""


def person_mentions(
    texts: Sequence[str], tokenised: Sequence[_NameTokens] | None = None
) -> list[list[Mention]]:
    """People named in each text of one document (sentences or paragraphs, in order).

    Evidence that a name is a person is pooled over the document, and a first word the
    document also writes in lower case is dropped ("Certainly Jane Roe"); a single name word joins
    the full name it belongs to, the latest one mentioned before it, else the first after it.
    A single word after an honorific ("Mr", "President") with no full name is kept as is, and
    so is one right before a speech verb, without a title, that the document never writes in
    lower case ("Roe said", not "Officials said" beside "officials"). `tokenised`, when
    given, are the folded texts' `_name_tokens`, found beforehand.
    """
    folded = [_fold(text) for text in texts]
    common = {word for text in folded for word in re.findall(r"\b[a-z][a-z'-]+\b", text)}
    if tokenised is None:
        tokenised = [_name_tokens(text) for text in folded]
    found = [_candidates(text, *names) for text, names in zip(folded, tokenised, strict=True)]
    surnames = {
        c.words[-1]
        for cs in found
        for c in cs
        if len(c.words) >= 2 and c.words[0].lower() not in common
    }
    per_text = [[_trimmed(c, common, surnames) for c in cs] for cs in found]
    people = _people(candidate for candidates in per_text for candidate in candidates)
    known = set(people)
    speakers = {  # a lone name seen speaking once is a person wherever the document uses it
        c.words[0]
        for cs in per_text
        for c in cs
        if len(c.words) == 1 and _speaks(c) and c.words[0].lower() not in common
    }
    earlier: list[str] = []
    result = []
    for candidates in per_text:
        mentions = []
        for candidate in candidates:
            written = " ".join(candidate.words)
            if written in known:
                name = written
            elif len(candidate.words) == 1:
                title = candidate.roles[-1] if candidate.roles else candidate.before
                name = _resolve(written, people, earlier) or (
                    written if title in HONORIFICS or written in speakers else ""
                )
            else:
                name = ""
            if name:
                earlier.append(name)
                mentions.append(
                    Mention(candidate.start, candidate.end, name, written, candidate.roles)
                )
        result.append(mentions)
    return result


def _fold(text: str) -> str:
    """A text as names are read in it: typographic marks folded, zero-width spaces blank."""
    return normalize_text(text.replace("\u200b", " "))


def role_heads(role: str) -> tuple[str, ...]:
    """The role words a title or role written with a name answers to ("sen" -> "senator")."""
    return (role, *ROLE_SYNONYMS.get(role, ()))


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _name_words(name: str) -> list[str]:
    """The words of a person's name, titles, party labels and a generational suffix dropped."""
    words = normalize_text(name).replace(".", ". ").split()
    while words and words[0].lower().strip(".") in TITLE_WORDS | PARTY_WORDS:
        words.pop(0)
    while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
        words.pop()
    return [word.strip(",") for word in words]


def _suffix(name: str) -> str:
    """The generational suffix closing a name ("jr" for "Jane Roe Jr."), or ""."""
    last = name.split()[-1].lower().strip(".,") if name.split() else ""
    return last if last in _SUFFIXES else ""


def _same_first_name(a: str, b: str) -> bool:
    """Two first names that can be one person's: equal, or one the other's initial."""
    a, b = a.strip(".").lower(), b.strip(".").lower()
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Map each surface form of a person's name in a corpus to one name for that person.

    "Donald J. Trump", "Donald Trump", "Mr. Trump" and "Trump" are one person when the
    corpus names only one person of that surname (full names whose first names agree, an
    initial matching its name, and whose generational suffixes agree, count as one): all map
    to the full form used most often (ties: the shorter, then the alphabetically first). A
    surname shared by two people, or only with a "Jr." name, stays as written; so does any
    string that is not a name.
    A single word that is the first word of exactly one full name and nobody's surname (a
    family name written first) maps to that full name.

    Returns:
        surface name -> canonical name, for every distinct non-empty input.
    """
    counts = Counter(name for name in names if name)
    words_of = {name: _name_words(name) for name in counts}
    people: dict[str, list[list[str]]] = {}  # surname -> clusters of full names
    for name in sorted(counts, key=lambda n: (-counts[n], len(n), n)):
        words = words_of[name]
        if not 2 <= len(words) <= 5 or not all(w[:1].isupper() or w in PARTICLES for w in words):
            continue
        clusters = people.setdefault(words[-1], [])
        for cluster in clusters:
            if _same_first_name(words_of[cluster[0]][0], words[0]) and _suffix(
                cluster[0]
            ) == _suffix(name):  # "Jane Roe Jr." is not Jane Roe
                cluster.append(name)
                break
        else:
            clusters.append([name])
    firsts: dict[str, set[str]] = {}
    for clusters in people.values():
        for cluster in clusters:
            firsts.setdefault(words_of[cluster[0]][0], set()).add(cluster[0])
    mapping = {}
    for name in counts:
        words = words_of[name]
        clusters = people.get(words[-1], []) if words else []
        full = [c for c in clusters if name in c]
        if full:
            mapping[name] = _untitled(full[0][0])
        elif len(words) == 1 and len(clusters) == 1 and not _suffix(clusters[0][0]):
            mapping[name] = _untitled(clusters[0][0])
        elif len(words) == 1 and not clusters and len(firsts.get(words[0], ())) == 1:
            mapping[name] = _untitled(next(iter(firsts[words[0]])))
        else:
            mapping[name] = name
    return mapping


def _untitled(name: str) -> str:
    """A name without the titles and party labels written before it ("Rep. Jane Roe")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(".") in TITLE_WORDS | PARTY_WORDS:
        words.pop(0)
    return " ".join(words)


def find_person_names(text: str) -> list[str]:
    """People named in a text, full names first-seen order, without any configuration.

    Titles are dropped ("Foreign Minister Jane Roe" -> "Jane Roe") and a later surname-only
    mention counts as the full name used before it.
    """
    return list(dict.fromkeys(m.name for m in person_mentions([text])[0]))


def name_phrases(text: str) -> list[str]:
    """Capitalised phrases of a text: names of people, places, organisations, in order.

    Titles are kept ("Foreign Ministry"); a leading function word ("The") is dropped. A
    single word counts only inside the sentence (a capital at its start says nothing) and
    when it is not a title, a stopword or a calendar word.
    """
    return _phrases(*_name_tokens(_fold(text)))


def _phrases(tokens: list[_Token], runs: list[list[int]]) -> list[str]:
    """`name_phrases` of a text from its `_name_tokens`."""
    phrases = []
    for run in runs:
        words = [tokens[i].word for i in run]
        while words and words[0].lower() in STOPWORDS:
            words.pop(0)
        if len(words) >= 2 or (len(words) == 1 and run[0] > 0 and _is_name_word(words[0])):
            phrases.append(" ".join(words))
    return phrases


def _alias_key(alias: str) -> str:
    """Aliases match whatever the case of their first letter (a sentence may start with one)."""
    return alias[:1].lower() + alias[1:]


def _alias_pattern(keys: Iterable[str]) -> re.Pattern[str]:
    """One pattern for all aliases as whole words or phrases, the longest tried first.

    Aliases are grouped by their first letter, each group in that order, so a position is
    tried against one group instead of every alias; that matches what the flat list of
    aliases does as long as no two first letters match the same character (else, and with an
    empty alias, the list stays flat).
    """
    ordered = sorted(set(keys), key=lambda a: (-len(a), a))
    groups: dict[str, list[str]] = {}
    for key in ordered:
        groups.setdefault(key[:1], []).append(key)
    heads = {head: _alias_head(head) for head in groups}
    letters = [set(head.upper() + head) if head.isalpha() else {head} for head in groups]
    if "" in groups or len(set().union(*letters)) < sum(map(len, letters)):
        parts = [heads[key[:1]] + re.escape(key[1:]) for key in ordered]
    else:
        parts = [
            heads[head] + "(?:" + "|".join(re.escape(key[1:]) for key in group) + ")"
            for head, group in groups.items()
        ]
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?!\w)")


def _alias_head(head: str) -> str:
    """The pattern of an alias's first character: either case of a letter."""
    return f"[{head.upper()}{head}]" if head.isalpha() else re.escape(head)


def _configured_mentions(sentences: pd.DataFrame, actors: pd.DataFrame) -> list[tuple]:
    """(doc_id, sent_id, actor, side) for every actor whose name or alias a sentence holds."""
    owner: dict[str, tuple[str, str]] = {}
    for name, aliases, side in zip(actors["name"], actors["aliases"], actors["side"], strict=True):
        for alias in (name, *aliases):
            owner.setdefault(_alias_key(normalize_text(alias).strip()), (name, side or ""))
    pattern = _alias_pattern(owner)
    rows = []
    for doc_id, sent_id, text in zip(
        sentences["doc_id"], sentences["sent_id"], sentences["text"], strict=True
    ):
        matches = pattern.finditer(normalize_text(text))
        found = dict.fromkeys(owner[_alias_key(match.group())] for match in matches)
        rows.extend((doc_id, sent_id, name, side) for name, side in found)
    return rows


def _article_rows(sentences: pd.DataFrame) -> dict[str, list[int]]:
    """Row positions of each article's sentences in sent_id order, articles as they come."""
    rows: dict[str, list[int]] = {}
    for position, doc_id in enumerate(sentences["doc_id"].tolist()):
        rows.setdefault(doc_id, []).append(position)
    sent_ids = sentences["sent_id"].tolist()
    return {doc_id: sorted(found, key=sent_ids.__getitem__) for doc_id, found in rows.items()}


class SentenceNames(NamedTuple):
    """What each sentence names, one list per row: its people (`person_mentions` over its
    article) and its capitalised phrases (`name_phrases`)."""

    people: list[list[Mention]]
    phrases: list[list[str]]


def sentence_names(sentences: pd.DataFrame) -> SentenceNames:
    """The people and the name phrases of each sentence, in the rows' order, read from one
    tokenisation of each sentence: found once per article for every stage that needs them
    (found actors, found topics). People are found over the article's sentences in sent_id
    order."""
    texts = sentences["text"].tolist()
    people: list[list[Mention]] = [[] for _ in texts]
    phrases: list[list[str]] = [[] for _ in texts]
    for positions in _article_rows(sentences).values():
        article = [texts[p] for p in positions]
        tokenised = [_name_tokens(_fold(text)) for text in article]
        found = person_mentions(article, tokenised)
        for position, mentions, names in zip(positions, found, tokenised, strict=True):
            people[position], phrases[position] = mentions, _phrases(*names)
    return SentenceNames(people, phrases)


def sentence_people(sentences: pd.DataFrame) -> list[list[Mention]]:
    """The people each sentence names (`sentence_names`), one list per row in the rows' order."""
    return sentence_names(sentences).people


def _found_mentions(sentences: pd.DataFrame, people: Sequence[list[Mention]]) -> list[tuple]:
    """(doc_id, sent_id, person, "") for the people found by name in each article."""
    rows = []
    sent_ids = sentences["sent_id"].tolist()
    for doc_id, positions in _article_rows(sentences).items():
        for position in positions:
            names = dict.fromkeys(mention.name for mention in people[position])
            rows.extend((doc_id, sent_ids[position], name, "") for name in names)
    return rows


def actor_mentions(
    sentences: pd.DataFrame,
    actors: pd.DataFrame,
    people: Sequence[list[Mention]] | None = None,
) -> pd.DataFrame:
    """Which actors each sentence mentions: doc_id, sent_id, actor, side (one row per pair).

    With an `actors` table, its names and aliases are matched as whole words or phrases, the
    longest first, so "Foreign Minister Jane Roe" counts once. Without one (empty frame), the
    people found by name stand in, surname-only mentions joined to the full name used
    earlier in the article, with side ""; `people`, when given, are the sentences'
    `sentence_people`, found beforehand.
    """
    if actors.empty:
        people = sentence_people(sentences) if people is None else people
        rows = _found_mentions(sentences, people)
    else:
        rows = _configured_mentions(sentences, actors)
    frame = pd.DataFrame(rows, columns=["doc_id", "sent_id", "actor", "side"])
    return frame.astype({"doc_id": "str", "sent_id": "int64", "actor": "str", "side": "str"})


#: Without an actors table, the people found by name in at least this many sentences ...
MIN_FOUND_SENTENCES = 2
#: ... and at most this many of them (the most mentioned) stand in for the actors.
MAX_FOUND_ACTORS = 20


def keep_actors(mentions: pd.DataFrame, configured: bool) -> pd.DataFrame:
    """The mentions a corpus analysis keeps: all configured actors, else the most named people.

    Found people take one name across the corpus (`canonical_names`) and are ranked by the
    sentences that name them (ties by name), so a name seen once in one article does not
    crowd the tables.
    """
    if configured:
        return mentions.reset_index(drop=True)
    mentions = mentions.assign(actor=mentions["actor"].map(canonical_names(mentions["actor"])))
    mentions = mentions.drop_duplicates(["doc_id", "sent_id", "actor"])
    counts = mentions.groupby("actor").size()
    counts = counts[counts >= MIN_FOUND_SENTENCES].sort_index()
    top = counts.sort_values(ascending=False, kind="stable").index[:MAX_FOUND_ACTORS]
    return mentions[mentions["actor"].isin(top)].reset_index(drop=True)
