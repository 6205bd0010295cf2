"""What a speaker string is: a person's name, a group, a description of a person, or nothing.

Only names and groups (organisations, collectives: "the union", "officials") may stand as
speakers of the tables; a description ("a spokeswoman") is kept but marked, and any other
phrase the attribution reads ("percent of voters", "its analysis") is no speaker at all.
The rules are on shape and grammar: capitalisation, the head noun of the phrase and its number.
"""

from __future__ import annotations

import re

from framing.actors import NON_NAME_WORDS, PARTICLES, PARTY_WORDS, TITLE_WORDS
from framing.tokenize import STOPWORDS

#: Kinds of speaker (`speaker_kind`), and "" for none.
KINDS = ("name", "group", "description", "")
#: A leading article, stripped from collective speakers ("the US" -> "US").
ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_DETERMINER = re.compile(
    r"^(?:(?:the|a|an|some|many|several|other|two|three|four|five|his|her|its|their|our|one|"
    r"another|both|most|few)\s+)+",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"\s(?:of|for|at|in|from|with|on|to|who|which|that)\s")
#: Nouns of people that head a description ("a Democratic strategist", "the nominee").
PERSON_NOUNS: frozenset[str] = TITLE_WORDS | frozenset(
    """
    aide strategist consultant source voter supporter critic resident woman man worker expert
    scientist historian author writer friend member lawmaker delegate staffer nominee
    businessman businesswoman billionaire mogul pastor priest rabbi organizer organiser
    protester student teacher doctor nurse veteran mother son daughter wife husband host
    anchor commentator pollster researcher investigator prosecutor detective witness
    neighbor neighbour employee operative donor surrogate insider observer person people
    politician republican democrat conservative liberal progressive independent
    frontrunner front-runner hopeful challenger incumbent rival opponent legislator
    """.split()
)
#: Nouns of organisations and collectives that head a group ("the union", "the campaign").
GROUP_NOUNS: frozenset[str] = NON_NAME_WORDS | frozenset(
    """
    campaign government staff family newspaper magazine paper outlet firm board panel
    coalition alliance movement organisation organization network team group administration
    """.split()
)
#: Words that are never part of a name (`_is_name`), one set rather than a union per word.
_NOT_NAME_PARTS: frozenset[str] = GROUP_NOUNS | PARTY_WORDS | TITLE_WORDS | STOPWORDS


#: Nouns of things that carry words but speak for nobody by themselves ("the statement").
THING_NOUNS: frozenset[str] = frozenset(
    """
    statement report release letter post note interview ad advertisement indictment suit
    lawsuit complaint article election nomination memo email tweet video poll survey study
    book analysis document filing ruling order bill law message speech remarks comments
    """.split()
)


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _is_name(words: list[str]) -> bool:
    """Capitalised words (particles and initials allowed), none of them a party or group word."""
    return any(w[:1].isupper() and len(w.strip(".")) > 1 for w in words) and all(
        (w[:1].isupper() or w in PARTICLES)
        and w.lower().strip(".") not in _NOT_NAME_PARTS
        and not (w.isupper() and len(w) > 1)
        for w in words
    )


def speaker_kind(speaker: str) -> str:
    """ "name", "group", "description" or "" (no speaker) for a speaker string.

    Joint speakers ("X and Y") are names when every part is one. The head of a phrase is its
    last word before a preposition: a capitalised phrase naming no organisation is a name; an
    acronym or an organisation word heads a group; a person noun heads a description when
    singular and a group when plural ("officials", "Republicans").
    """
    text = re.sub(r"\s+", " ", str(speaker)).strip(" ,.")
    if not text:
        return ""
    parts = [part for part in re.split(r",\s*|\s+and\s+", text) if part]
    if len(parts) > 1 and all(speaker_kind(part) == "name" for part in parts):
        return "name"
    bare = _DETERMINER.sub("", text)
    head_phrase = _PREPOSITION.split(f" {bare} ")[0].strip() or bare
    words = head_phrase.split()
    if not words:
        return ""
    if bare == text and _is_name(words):
        return "name"
    head = words[-1].strip(".'")
    lowered = head.lower()
    if (
        (head.isupper() and len(head) > 1)
        or lowered in GROUP_NOUNS
        or _singular(lowered) in GROUP_NOUNS
    ):
        return "group"
    if lowered in PERSON_NOUNS:
        return "description"
    if _singular(lowered) in PERSON_NOUNS or lowered in PARTY_WORDS:
        return "group"
    if head[:1].isupper() and _is_name(words[-1:]):
        return "name" if bare == text else "group"
    if lowered in THING_NOUNS or _singular(lowered) in THING_NOUNS or lowered in STOPWORDS:
        return ""
    if any(word[:1].isupper() for word in words) and head.isalpha():
        return "group"  # a body of an organisation: "the Council presidency"
    if re.fullmatch(r"[a-z-]+(?: [a-z-]+)?", bare) and bare == head_phrase:
        return "group"  # a short noun phrase naming some body: "the trust"
    return ""
