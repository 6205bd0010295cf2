"""Attributing quotations: who is quoted, read from the grammar and position of the text.

Speakers are found without configuration, in this order: the attribution next to the quote
('"...," X said', '"...," said X', 'X said "..."', 'X, a spokesperson for ..., said',
'X was quoted as saying', 'according to X'); the quote before it in the same sentence; the
speaker of a transcript turn ("ROE: ..."); the speaker of a quotation left open in the
paragraph before, or of an attribution ending it with a colon ("He said:"); the signature
line after an all-quotation paragraph ("- Jane Roe."); the person (or organisation) the
sentence is about; the quote before it in the paragraph; the person the previous paragraph
was about. A name inside a quotation is never its speaker. "He" and
"she" are the most recent person who was the subject of an attribution or of the narration,
"they" and "the two officials" the most recent joint or plural speaker, "it" the most recent
collective one, "the minister" the person last introduced with that role. Titles are dropped,
joint speakers stay joint ("X and Y") and collective ones stay as written, without a leading
article ("the US" -> "US").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise, zip_longest

import pandas as pd

from framing.actors import SPEECH_VERBS, TITLE_WORDS, Mention, person_mentions, role_heads
from framing.clean import SIGNATURE
from framing.quotes.finding import (
    QUOTE_COLUMNS,
    Paragraph,
    Span,
    fold,
    is_full,
    paragraphs,
    paragraphs_of,
    quote_marks,
    quote_text,
    typed,
)
from framing.quotes.gender import genders, pronoun_gender
from framing.quotes.kinds import ARTICLE, GROUP_NOUNS, PERSON_NOUNS, speaker_kind
from framing.tokenize import ABBREVIATIONS, STOPWORDS, tokenize

#: Words that may sit between a subject and its speech verb ("X later said", "X has said").
_AUXILIARIES = frozenset(
    """
    has had have was were is are will would could also then later again further once still
    even just earlier today yesterday often repeatedly reportedly publicly privately
    kept keeps began begins started starts
    """.split()
)
#: Words that end the noun phrase before a verb, reading backwards from the verb.
_BOUNDARIES = frozenset(
    """
    while but whereas because although though after before when as since that which who whom
    whose where if so or than nor yet until unless once why how what
    """.split()
)
#: Words that may open a clause before its subject: "the" and coordinating conjunctions.
_OPENING_WORDS = frozenset({"the", "and", "but", "yet", "so"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "i", "we"})
_PLURAL_ANAPHOR = re.compile(
    r"^(?:they|both(?: men| women)?|the (?:two|three|four|pair|duo|trio)(?: [a-z]+)?)$"
)
_ROLE_NP = re.compile(r"^the (?:[\w'-]+ ){0,3}(?P<role>\w[\w-]+)$")
_AGE = re.compile(r",\s+(?P<age>\d{1,3}),")
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+|[A-Z][\w-]*'s\s+)(?P<role>[^,.;]{1,80})[,.]")
#: Phrasal and figurative reporting verbs beside the single words of `SPEECH_VERBS`.
_PHRASAL_VERBS = ("quoted as saying", "shot back", "fired back", "put it", "went on")


def _alternation(words: Sequence[str]) -> str:
    """Lower-case words as one regex alternation tried in the order given, grouped by first
    letter: a position is tried against its letter's words only, and since no two lower-case
    ASCII letters match one character (even ignoring case) the same word wins as in the flat
    list of words."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(re.escape(word[1:]))
    if not all(head.isascii() and head.islower() for head in groups):
        return "(?:" + "|".join(map(re.escape, words)) + ")"
    return "(?:" + "|".join(f"{head}(?:{'|'.join(rest)})" for head, rest in groups.items()) + ")"


_VERB = _alternation([*_PHRASAL_VERBS, *sorted(SPEECH_VERBS, key=len, reverse=True)])
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
#: ... and '..." X, who has not endorsed anyone, told reporters' (an apposition between).
_VERB_AFTER_APPOSED_NP = re.compile(
    rf"[\s,]*(?P<np>[^\s,;:!?\"]+(?:\s+[^\s,;:!?\"]+){{0,4}}?),\s+(?P<apposition>[^,;\"]{{1,100}}?),\s+{_AUX}"
    rf"(?P<verb>{_VERB})\b"
)
#: ... and '"..." are words of the narration, X said on Tuesday, ...' (after a comma within).
_MEDIAL = re.compile(
    rf",\s*(?P<np>[^\s,;:!?\"]+(?:\s+[^\s,;:!?\"]+){{0,7}}?)\s+{_AUX}(?P<verb>{_VERB})\b"
)
#: '"...", and the narration goes on, said X, a role.' (the attribution closes the sentence).
_INVERTED_TRAILING = re.compile(rf",\s+(?P<verb>{_VERB})\s+(?=[A-Z]|(?:the|a|an)\s)")
#: A relative clause from a name to its speech verb: "X (D-Ohio), who (, after ...,) later said".
_RELATIVE = re.compile(rf"(?:\s*\([^()\s]{{1,12}}\))?,\s+who(?:,[^,]{{1,120}},)?\s+{_AUX}")
_VERB_ANYWHERE = re.compile(rf"(?<![\w-])(?P<verb>{_VERB}|[Aa]ccording to)\b")
#: A speech verb opening the sentence before its subject: "Added Roe: ...".
_OPENING_VERB = re.compile(rf"\s*(?P<verb>(?i:{_VERB}))\b(?=\s+[A-Z])")
#: A passive speech verb: "X was asked by Y" (the speaker is Y).
_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+$")
_BY = re.compile(r"\s+by\s+")
#: "a statement from X", "an interview with X": the speaker is X.
_SOURCE = re.compile(
    r"\s*(?:a|an|the)\s+(?:[a-z]+\s+){0,2}(?:statement|report|release|letter|post|note|"
    r"interview|spokesperson|spokesman|spokeswoman)\s+(?:from|by|of|for|with)\s+"
)
_NP_END = re.compile(
    r"\s(?:on|in|at|after|before|during|from|to|with|while|who|which|that|of)\s|[,.(;:]"
)
_WORDS = re.compile(r"\w[\w'.-]*|[^\w\s]")
#: A transcript turn: the speaker's name in capitals and a colon open the paragraph.
_TURN = re.compile(r"(?P<label>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}):\s")
#: A name that labels what follows: at the start, after a dash or "from", before a colon.
_LABEL = re.compile(
    r"(?:^|\s[-\u2013\u2014]+\s*|\bfrom\s+)"
    r"(?P<name>[A-Z][\w.'-]*(?:(?:,| and)? [A-Z][\w.'-]*){0,5}):$"
)
#: A party-state label closing a noun phrase: "(D-Ohio)", "(R)".
_PARTY_LABEL = re.compile(r"\s*\([^()\s]{1,12}\)\s*$")
#: What follows a name that an apposition or a relative clause follows.
_APPOSED = re.compile(r"(?:\s*\([^()\s]{1,12}\))?\s*(?:,|\s-)")
#: A prepositional phrase closing a role ("the senator from Vermont").
_OF_PHRASE = re.compile(r" (?:from|of|for|at|in) ")
#: A lower-case noun right before a name ("columnist Jane Roe").
_ROLE_BEFORE = re.compile(r"(?:^|\s)(?P<role>[a-z][a-z-]+) $")
#: Agent nouns that name what a person does ("columnist", "moderator", "organizer").
_AGENT = re.compile(r"(?:ist|or|er)$")
#: A capitalised name opening a sentence as its subject: "Roe News reported ...".
_ORGANISATION_SUBJECT = re.compile(
    r"\s*(?:The\s+)?(?P<name>(?:[A-Z][\w.&'-]*\s+){0,3}[A-Z][\w.&'-]*)\s+"
    r"(?:[a-z]+ly\s+|also\s+)?(?P<next>[a-z]+)(?:\s+(?P<after>[a-z]+))?"
)
#: A word that can be a finite verb after its subject ("reported", "says", "has").
_VERB_SHAPE = re.compile(r"[a-z]+(?:ed|s)|has|had|was|is|will|would|did|does|can|could|may")
#: The shape of a phrase that can name a speaker: no verb or function word first, none last.
_NOUN_PHRASE = re.compile(
    r"^(?!(?:"
    + "|".join(sorted(STOPWORDS - {"the", "a", "an", "his", "her", "its", "their", "our", "some"}))
    + r")\b)(?![a-z]+(?:ed|ing)\b).*(?<!\band)(?<!\bor)(?<!\bof)$"
)
#: Verbs that name rather than report ('a class called "Perception"'): they need a person.
_NAMING_VERBS = frozenset({"called", "dubbed", "labeled", "labelled", "branded", "titled"})
_AGE_WORD = re.compile(r"\d{1,3}-year-old")


def _possessive(narration: str, mention: Mention) -> bool:
    """True for a name written as a possessive ("Roe's")."""
    return narration[mention.end : mention.end + 1] == "'"


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words and punctuation marks of text[start:end]."""
    return [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(text, start, end)]


def _np_cut(text: str, start: int, hi: int) -> int:
    """Where the noun phrase starting at `start` ends: a clause word or a mark (`_NP_END`).

    A full stop after an initial or a title ("Sen.", "G.K.", "M.") is inside the name.
    """
    for match in _NP_END.finditer(text, start, hi):
        if match.group() == ".":
            word = re.search(r"[\w.]*$", text[start : match.start()]).group()
            if "." in word or (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS:
                continue
        return match.start()
    return hi


def _clause_start(narration: str, lo: int, position: int) -> int:
    """Where the clause holding `position` starts: after the last comma, semicolon, colon or
    dash before it ("WASHINGTON - Jane Roe said"), not before `lo`."""
    marks = [narration.rfind(mark, lo, position) + 1 for mark in ",;:\u2013\u2014\u2015"]
    dash = narration.rfind(" - ", lo, position)
    return max(lo, *marks, dash + 3 if dash >= 0 else lo)


def _blocks_subject(word: str, first: bool) -> bool:
    """A word before a name showing it is not its clause's subject ("with X", "before the X");
    a conjunction opening the clause does not ("And Roe, ..., left")."""
    lowered = word.lower()
    if first and lowered in _OPENING_WORDS:
        return False
    return (
        (lowered in STOPWORDS and lowered not in TITLE_WORDS)
        or lowered in SPEECH_VERBS
        or not (word[:1].isalpha() or word == "'" or _AGE_WORD.fullmatch(lowered))
    )


def _modifies(gap: str) -> bool:
    """True when the words between two names make the first a modifier of the second."""
    words = gap.split()
    return 0 < len(words) <= 3 and all(
        word in PERSON_NOUNS or word in GROUP_NOUNS for word in words
    )


def joined(names: list[str]) -> str:
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
    person_roles: dict[str, set[str]] = field(default_factory=dict)  # person -> role words
    organisation: str = ""  # the most recent organisation that opened a sentence
    organisation_paragraph: int = -10


class _Resolver:
    """Speakers of one article's quotations, paragraph by paragraph, in reading order."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.mentions = person_mentions([p.text for p in paragraphs])
        self.context = _Context()
        self.sentence_subject = ""  # the person the sentence being read is about
        self.index = 0
        #: Each paragraph's people named outside its quotations, in order.
        self.narrated = [
            [m for m in mentions if not any(s.start < m.start and m.end <= s.end for s in p.spans)]
            for p, mentions in zip(paragraphs, self.mentions, strict=True)
        ]
        self.genders = genders(
            [p.narration for p in paragraphs],
            [[p.sentence_end(i) for i in range(len(p.starts))] for p in paragraphs],
            self.narrated,
        )
        #: (paragraph index, start, name) of every person named in the narration, in order.
        self.named = [
            (index, m.start, m.name) for index, found in enumerate(self.narrated) for m in found
        ]

    def agrees(self, name: str, pronoun: str) -> bool:
        """True unless the article shows `name` to be of the other gender than `pronoun`."""
        known = self.genders.get(name, "")
        return not known or known == pronoun_gender(pronoun)

    def latest(self, position: int) -> str:
        """The person named last before `position`, in this paragraph or the one before."""
        before = bisect_left(self.named, (self.index, position))
        if before and self.named[before - 1][0] >= self.index - 1:
            return self.named[before - 1][2]
        return ""

    def organisation(self) -> str:
        """The organisation a bare "the company", "the newspaper" stands for: the one that
        opened a sentence of this paragraph or the one before ("Roe News reported ...")."""
        context = self.context
        return context.organisation if context.organisation_paragraph >= self.index - 1 else ""

    def note_organisation(self, start: int, end: int) -> str:
        """The organisation whose name opens the sentence, remembered for "the company" later:
        a capitalised name of two or more words or an acronym that is not a person's ("Roe
        News reported"), or any name before a group noun ("The Roe campaign said" -> "Roe
        campaign"). Returned when a verb follows it (it is the sentence's subject), else "".
        """
        match = _ORGANISATION_SUBJECT.match(self.paragraph.narration, start, end)
        if match is None:
            return ""
        name, verb = match.group("name"), match.group("next")
        if name.split()[0].lower() in STOPWORDS:
            return ""  # "At Monday's rally", "While Roe News ..."
        if verb in GROUP_NOUNS:
            name, verb = f"{name} {verb}", match.group("after") or ""
        elif self.persons(match.start("name"), match.end("name")):
            return ""
        if not ((" " in name or name.isupper()) and speaker_kind(name) in {"name", "group"}):
            return ""
        self.context.organisation = name
        self.context.organisation_paragraph = self.index
        return name if _VERB_SHAPE.fullmatch(verb) else ""

    def referent(self, pronoun: str, position: int) -> str:
        """The person "he" or "she" at `position` of the paragraph stands for.

        The person in focus, unless the article shows them to be of the other gender: then
        the latest person named before who is of the pronoun's gender.
        """
        focus = self.context.focus
        if self.agrees(focus, pronoun) and focus:
            return focus
        gender = pronoun_gender(pronoun)
        before = bisect_left(self.named, (self.index, position))
        for _, _, name in reversed(self.named[max(0, before - 40) : before]):
            if self.genders.get(name) == gender:
                return name
        return focus

    @property
    def paragraph(self) -> Paragraph:
        return self.paragraphs[self.index]

    def persons(self, start: int, end: int, possessive: bool = True) -> list[Mention]:
        """People named within [start, end) of the current paragraph, outside its quotations
        (and, with `possessive` false, not as a possessive: "Roe's aide").

        A name inside a quotation is someone the speaker talks about, never the speaker.
        """
        narration = self.paragraph.narration
        return [
            m
            for m in self.narrated[self.index]
            if m.start >= start and m.end <= end and (possessive or not _possessive(narration, m))
        ]

    def set_focus(self, name: str) -> None:
        self.context.focus, self.context.focus_paragraph = name, self.index

    def learn_roles(self) -> None:
        """Remember the role written with a name ("X, the bloc's envoy,") for "the envoy said".

        The role is the head word of the title before the name or of an apposition after
        it ("spokesperson" in ", a spokesperson for the ministry,"), or the age (", 41,").
        """
        narration = self.paragraph.narration
        for mention in self.mentions[self.index]:
            heads = [head for role in mention.roles[-1:] for head in role_heads(role)]
            apposition = _APPOSITION.match(narration, mention.end)
            if apposition:
                phrase = re.split(r"\s(?:for|of|at|in|with|to|from)\s", apposition.group("role"))
                heads += re.findall(r"[A-Za-z][\w-]*$", phrase[0].strip())
            age = _AGE.match(narration, mention.end)
            if age:
                heads.append(f"{age.group('age')}-year-old")
            noun = _ROLE_BEFORE.search(narration, 0, mention.start)
            if noun and (noun.group("role") in PERSON_NOUNS or _AGENT.search(noun.group("role"))):
                heads.append(noun.group("role"))  # "columnist Jane Roe", "pollster Jane Roe"
            for head in heads:
                self.context.roles[head.lower()] = mention.name
                self.context.person_roles.setdefault(mention.name, set()).add(head.lower())

    def subject(self, start: int, end: int) -> str:
        """The person a sentence is about: the first name at the start of one of its clauses.

        A sentence opening with "he" or "she" is about the person in focus.
        """
        narration = self.paragraph.narration
        persons = self.persons(start, end)
        for mention, following in zip_longest(persons, persons[1:]):
            if following is not None and _modifies(narration[mention.end : following.start]):
                continue  # "Obama consultant Jane Roe": the subject is Jane Roe
            if _possessive(narration, mention):
                continue  # "Roe's remarks drew fire": Roe is not the subject
            clause = _clause_start(narration, start, mention.start)
            prefix = _words(narration, clause, mention.start)
            blocked = any(_blocks_subject(word, i == 0) for i, (_, _, word) in enumerate(prefix))
            if len(prefix) <= 6 and not blocked:
                return mention.name
        first = _WORDS.search(narration, start, end)
        if first and first.group().lower() in {"he", "she"}:
            return self.referent(first.group(), start)  # "She doubled down, telling CNN: ..."
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

    def clause_head(self, lo: int, hi: int) -> Mention | None:
        """The person who opens the clause before an apposition: "X" in "X, who met Y, said".

        The first person in [lo, hi) named at the start of a clause, not as a possessive, and
        followed by a comma or a dash (after a party-state label, "X (D-Ohio),").
        """
        narration = self.paragraph.narration
        for mention in self.persons(lo, hi):
            if _possessive(narration, mention) or not _APPOSED.match(narration, mention.end):
                continue
            clause = _clause_start(narration, lo, mention.start)
            prefix = _words(narration, clause, mention.start)
            if len(prefix) <= 6 and not any(
                _blocks_subject(word, i == 0) for i, (_, _, word) in enumerate(prefix)
            ):
                return mention
        return None

    def noun_phrase(self, lo: int, verb_start: int) -> tuple[int, int]:
        """The subject noun phrase that ends right before a verb, an apposition skipped."""
        narration = self.paragraph.narration
        end = lo + len(narration[lo:verb_start].rstrip())
        head = self.clause_head(lo, end - 1) if narration[end - 1 : end] in ",-" else None
        if head is not None:  # "X, who met Y, said", "X (D-Ohio), a lawyer at Y, said"
            end = head.end
        elif narration[end - 1 : end] == ",":  # "X, a spokesperson for Y, said"
            named = [
                m.end for m in self.persons(lo, end - 1) if narration[m.end : m.end + 1] == ","
            ]
            previous = narration.rfind(",", lo, end - 1)
            end = named[-1] if named else (previous if previous >= 0 else end - 1)
        words = _words(narration, lo, end)
        while words and (words[-1][2] in _AUXILIARIES or re.fullmatch(r"[a-z]+ly", words[-1][2])):
            words.pop()
        end = words[-1][1] if words else end
        label = _PARTY_LABEL.search(narration, lo, end)
        if label:  # "Rep. Jane Roe (D-Ohio) (kept) said"
            end = label.start()
            words = _words(narration, lo, end)
        start = end
        for position in range(len(words) - 1, max(-1, len(words) - 10), -1):
            word = words[position][2]
            if word in {",", "and"} and self.joins_names(words, position):
                continue
            if _AGE_WORD.fullmatch(word):
                continue  # "Roe and 24-year-old Doe"
            if not (word[:1].isalpha() or word == "'") or word.lower() in _BOUNDARIES | {"and"}:
                break
            start = words[position][0]
        return start, end

    def speaker(self, start: int, end: int) -> str:
        """Who the noun phrase at [start, end) of the paragraph names, resolved in context."""
        context = self.context
        phrase = re.sub(r"\s+", " ", self.paragraph.text[start:end]).strip(" .,")
        lowered = fold(phrase).lower()
        persons = self.persons(start, end, possessive=False)
        between = [self.paragraph.folded[a.end : b.start] for a, b in pairwise(persons)]
        if len(persons) >= 2 and all(
            ("," in gap or " and " in f" {gap} ")
            and set(re.findall(r"[\w.']+", _AGE_WORD.sub("", gap.lower()))) <= {"and"} | TITLE_WORDS
            for gap in between
        ):
            context.group = joined(list(dict.fromkeys(m.name for m in persons)))
            return context.group
        if persons:
            self.set_focus(persons[-1].name)
            return persons[-1].name
        pronouns = [w for w in lowered.split() if w in _SINGULAR_PRONOUNS | {"they"}]
        if pronouns and lowered.split()[0] not in {"the", "a", "an"}:
            lowered = pronouns[-1]  # "he went on to", "... in the U.S. He": the pronoun
        role = _ROLE_NP.match(_OF_PHRASE.split(lowered)[0])  # "the senator from Vermont"
        if lowered in {"he", "she"}:
            if referent := self.referent(lowered, start):
                self.set_focus(referent)
            return referent
        if lowered in _SINGULAR_PRONOUNS:
            return context.focus
        if lowered in {"it", "they"}:
            return context.collective if lowered == "it" else context.group
        if _PLURAL_ANAPHOR.match(lowered) and context.group:
            return context.group
        noun = role.group("role") if role else ""
        if (noun in context.roles or noun in PERSON_NOUNS) and self.quoted_subject(start):
            self.set_focus(self.sentence_subject)  # 'Roe began: "...," the senator said'
            return context.focus
        if noun in context.person_roles.get(context.focus, ()):
            self.set_focus(context.focus)  # "the senator": the one in focus, introduced as one
            return context.focus
        if noun in context.roles:
            self.set_focus(context.roles[noun])
            return context.focus
        if noun in PERSON_NOUNS and (person := context.focus or self.latest(start)):
            self.set_focus(person)  # "the nominee": the person the article is about
            return person
        if noun in GROUP_NOUNS and phrase.islower() and (organisation := self.organisation()):
            context.collective = organisation  # "the company said"
            return organisation
        if not speaker_kind(phrase) or not _NOUN_PHRASE.match(lowered):
            return ""  # "denounced her record and", "against allowing": no one at all
        context.collective = ARTICLE.sub("", phrase)
        if lowered.endswith("s") or " and " in lowered:
            context.group = context.collective
        return context.collective

    def quoted_subject(self, position: int) -> bool:
        """True when the sentence at `position` has a person for its subject and a quotation of
        theirs before `position`: 'Roe began: "...," the senator said' (the senator is Roe)."""
        paragraph = self.paragraph
        opening = paragraph.starts[paragraph.sentence_at(position)]
        return bool(self.sentence_subject) and any(
            opening <= span.start and span.end < position for span in paragraph.spans
        )

    def named_after(self, start: int, hi: int) -> str:
        """The speaker named after a verb ("said X, the envoy", "according to a report by X")."""
        narration = self.paragraph.narration
        source = _SOURCE.match(narration, start, hi)
        start = source.end() if source else start
        return self.speaker(start, _np_cut(narration, start, hi))

    def after(self, lo: int, hi: int) -> tuple[str, str] | None:
        """An attribution after a quotation: '..." X said', '..." said X', '...", X said.'."""
        narration = self.paragraph.narration
        match = _VERB_AFTER_NP.match(narration, lo, hi)
        if match and (who := self.speaker(match.start("np"), match.end("np"))):
            return who, match.group("verb").split()[0].lower()
        match = _VERB_AFTER_APPOSED_NP.match(narration, lo, hi)
        if match and not _VERB_ANYWHERE.search(match.group("apposition")):
            np, apposition = match.span("np"), match.span("apposition")
            if self.persons(*apposition) and not self.persons(*np, possessive=False):
                np = apposition  # '"...," the firm's chief executive, Jane Roe, said'
            if who := self.speaker(*np):
                return who, match.group("verb").split()[0].lower()
        match = _NP_AFTER_VERB.match(narration, lo, hi)
        if match and (who := self.named_after(match.end() - 1, hi)):
            return who, (match.group("verb") or "according to").lower()
        for pattern in (_TRAILING, _MEDIAL):
            match = pattern.search(narration, lo, hi)
            if match and (who := self.speaker(match.start("np"), match.end("np"))):
                return who, match.group("verb").split()[0].lower()
        return None

    def opening(self, lo: int, hi: int) -> tuple[str, str] | None:
        """An attribution opening the sentence after a quoted question: "Roe asked, ..."."""
        narration = self.paragraph.narration
        match = _VERB_AFTER_NP.match(narration, lo, hi)
        if match and (who := self.speaker(match.start("np"), match.end("np"))):
            return who, match.group("verb").split()[0].lower()
        return None

    def closing(self, lo: int, hi: int) -> tuple[str, str] | None:
        """An attribution that closes the sentence after later quotations and narration:
        '"...", and "...", which the narration goes on about, said X, a role.'
        """
        narration = self.paragraph.narration
        match = _TRAILING.search(narration, lo, hi)
        if match and (who := self.speaker(match.start("np"), match.end("np"))):
            return who, match.group("verb").split()[0].lower()
        inverted = list(_INVERTED_TRAILING.finditer(narration, lo, hi))
        if inverted and (who := self.named_after(inverted[-1].end(), hi)):
            return who, inverted[-1].group("verb").lower()
        return None

    def before(self, lo: int, hi: int, subject: str) -> tuple[str, str] | None:
        """An attribution before a quotation: 'X said "...', 'X, a spokesperson, told ... "'.

        The last speech verb before the quotation counts; a participle after a comma
        (", saying") and a verb after "and" share the subject of the sentence.
        """
        narration = self.paragraph.narration
        verbs = [
            verb
            for verb in _VERB_ANYWHERE.finditer(narration, lo, hi)
            if narration[max(lo, verb.start() - 3) : verb.start()] != "to "
        ]  # "refusing to say the words" reports nobody's speech
        opening = _OPENING_VERB.match(narration, lo, hi)
        if opening and not (verbs and verbs[0].start() == opening.start()):
            verbs.insert(0, opening)  # "Added Roe: ..."
        for verb in reversed(verbs):
            if found := self._before_verb(lo, hi, verb, subject):
                return found
        return None

    def _before_verb(
        self, lo: int, hi: int, verb: re.Match[str], subject: str
    ) -> tuple[str, str] | None:
        """The speaker of one speech verb before a quotation (`before`)."""
        narration = self.paragraph.narration
        if verb.group("verb").lower() == "according to":
            who = self.named_after(verb.end(), hi)
            return (who, "according to") if who else None
        name = verb.group("verb").split()[0].lower()
        by = _BY.match(narration, verb.end(), hi)
        if by and _PASSIVE.search(narration, lo, verb.start()):
            who = self.named_after(by.end(), hi)  # "X was asked by Y whether ..."
            return (who, name) if who else None
        if relative := self.relative_subject(lo, verb.start()):
            return relative, name
        start, end = self.noun_phrase(lo, verb.start())
        leading = narration[lo : verb.start()].rstrip()
        if (name.endswith("ing") and leading.endswith(",")) or end <= start:
            who = subject if leading else self.named_after(verb.end(), hi)
        else:
            who = self.speaker(start, end)
        if name in _NAMING_VERBS and speaker_kind(who) != "name":
            return None  # 'a class called "Perception"': nobody speaks
        inverted = _INVERTED_TRAILING.match(narration, lo + len(leading) - 1, hi)
        if inverted and speaker_kind(who) != "name" and not name.endswith("ing"):
            who = self.named_after(inverted.end(), hi) or who  # '... narration, said X, a role.'
        return (who, name) if who else None

    def relative_subject(self, lo: int, verb_start: int) -> str:
        """The person a relative "who" before a speech verb stands for: "X, who said"."""
        narration = self.paragraph.narration
        for mention in reversed(self.persons(lo, verb_start, possessive=False)):
            if _RELATIVE.fullmatch(narration, mention.end, verb_start):
                self.set_focus(mention.name)
                return mention.name
        return ""

    def labelled(self, lo: int, hi: int) -> str:
        """The speaker a name and a colon give a quotation ('... - Jane Roe: "..."').

        The name opens the sentence or follows a dash or "from" ("More from Roe:",
        "- Roe Research:"); a name after other words ("a message to Roe:") is no label.
        """
        narration = self.paragraph.narration
        before = narration[lo:hi].rstrip(" ,")
        if not before.endswith(":"):
            return ""
        colon = lo + len(before) - 1
        label = _LABEL.search(narration, lo, colon + 1)
        if label is None:
            return ""
        who = self.speaker(label.start("name"), colon)
        return who if speaker_kind(who) in {"name", "group"} else ""

    def signature(self) -> str:
        """The name signing the current paragraph when it is all quotation and the next
        paragraph is its signature ("- Jane Roe.")."""
        paragraph = self.paragraph
        if self.index + 1 >= len(self.paragraphs) or re.search(r"\w", paragraph.narration):
            return ""
        following = self.paragraphs[self.index + 1]
        signed = SIGNATURE.fullmatch(following.folded.strip())
        if signed is None:
            return ""
        named = [m.name for m in self.mentions[self.index + 1] if m.start >= signed.start("name")]
        return named[0] if named else signed.group("name")

    def attribute(self, position: int, subject: str, open_quote: Span | None) -> tuple[str, str]:
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
        if not is_full(paragraph, span):
            attempts.reverse()
        attempts.append(lambda: self.closing(span.end + 1, paragraph.sentence_end(closing)))
        if closing + 1 < len(paragraph.starts) and hi == paragraph.sentence_end(closing):
            after_question = paragraph.starts[closing + 1]  # '"Who?" | Roe asked, adding ...'
            if following > after_question and paragraph.folded[span.end - 1] in "?!":
                attempts.append(lambda: self.opening(after_question, following))
        for attempt in attempts:
            if found := attempt():
                return found
        if same_sentence:
            return previous.speaker, previous.verb
        label = _TURN.match(paragraph.folded)
        if label and span.start >= label.end():
            return label.group("label").title(), ""  # a transcript turn: "ROE: ..."
        if who := self.labelled(lo, span.start):
            return who, ""
        if who := self.signature():
            return who, ""
        if position == 0 and span.start == 0 and open_quote is not None:
            return open_quote.speaker, open_quote.verb
        if subject:
            return subject, ""
        if previous is not None:
            return previous.speaker, previous.verb
        if context.focus and context.focus_paragraph >= self.index - 1:
            return context.focus, ""
        return "", ""

    def resolve(self) -> list[Paragraph]:
        """Give every quotation of the article a speaker and a verb, in reading order."""
        open_quote = None
        for index, paragraph in enumerate(self.paragraphs):
            self.index = index
            self.learn_roles()
            for sentence in range(len(paragraph.sent_ids)):
                start, end = paragraph.starts[sentence], paragraph.sentence_end(sentence)
                subject = self.subject(start, end)
                self.sentence_subject = subject
                if subject:
                    self.set_focus(subject)
                organisation = self.note_organisation(start, end)
                positions = [
                    i
                    for i, span in enumerate(paragraph.spans)
                    if paragraph.sentence_at(span.start) == sentence
                ]
                said = None
                if not positions:
                    said = self.before(start, end, subject or organisation)  # who "he" is
                    if subject and not _TRAILING.search(paragraph.narration, start, end):
                        self.set_focus(subject)  # ... its subject's, unless "..., X said."
                for position in positions:
                    span = paragraph.spans[position]
                    span.speaker, span.verb = self.attribute(
                        position, subject or organisation, open_quote
                    )
            last = paragraph.spans[-1] if paragraph.spans else None
            open_quote = last if last is not None and not last.closed else None
            if said and paragraph.narration.rstrip().endswith(":"):
                open_quote = Span(0, 0, True, *said)  # "He said:" introduces the next paragraph
        return self.paragraphs


def _article(article_sentences: pd.DataFrame) -> list[Paragraph]:
    """An article's paragraphs with their quotations and speakers."""
    return _Resolver(paragraphs(article_sentences)).resolve()


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


def _quotes(article_sentences: pd.DataFrame, paragraphs: list[Paragraph]) -> pd.DataFrame:
    frame = pd.DataFrame(_rows(paragraphs), columns=QUOTE_COLUMNS[2:])
    if len(article_sentences):
        frame.insert(0, "outlet", article_sentences["outlet"].iloc[0])
        frame.insert(0, "doc_id", article_sentences["doc_id"].iloc[0])
    return typed(frame, QUOTE_COLUMNS)


def _rows(paragraphs: list[Paragraph]) -> list[tuple]:
    """The quotes of `find_quotes` as tuples, without doc_id and outlet."""
    rows = []
    for paragraph in paragraphs:
        for span in paragraph.spans:
            quote = quote_text(paragraph.text, span)
            rows.append(
                (
                    paragraph.line_no,
                    paragraph.sent_ids[paragraph.sentence_at(span.start)],
                    quote,
                    span.speaker,
                    span.verb,
                    "full" if is_full(paragraph, span) else "partial",
                    len(tokenize(quote)),
                )
            )
    return rows


def quote_rows(
    sent_ids: Sequence[int], line_nos: Sequence[int], texts: Sequence[str]
) -> tuple[list[tuple], list[bool]]:
    """`find_quotes` and `mark_quote_sentences` of one article, its paragraphs read once, on
    plain columns for the per-article stage (no DataFrame per article): the quotes as tuples
    (the columns of `find_quotes` after doc_id and outlet) and each sentence's is_quote flag,
    in the order of `sent_ids`."""
    paragraphs = _Resolver(paragraphs_of(sent_ids, line_nos, texts)).resolve()
    rows = _rows(paragraphs)
    full = {(row[1], row[2]) for row in rows if row[5] == "full"}
    marked = quote_marks(sent_ids, full, paragraphs)
    return rows, [marked[sent_id] for sent_id in sent_ids]
