"""Which people of an article are "he" and which are "she", read from the article itself.

No lists of first names: the evidence is the article's own grammar. An honorific says it
("Mr. Roe", "Ms. Roe"), and so does the first personal pronoun of the narration after a
name that opens its sentence, before any other name ("Jane Roe said she ...", "Roe, who
said she would stay, left"), or the pronoun opening the next sentence ("... Her district").
Votes are pooled over the article; a person with as many votes each way, or none, has no
known gender and agrees with both pronouns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from framing.actors import Mention

#: Pronouns of each gender, in the forms the narration uses them.
PRONOUNS: dict[str, frozenset[str]] = {
    "m": frozenset({"he", "him", "his", "himself"}),
    "f": frozenset({"she", "her", "hers", "herself"}),
}
_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
#: The pronouns that vote: "him" and "her" are left out, as objects they are someone else.
_PRONOUN = re.compile(r"\b(?:he|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
#: A noun after "her" makes it a possessive ("her distaste"), of the subject.
_POSSESSED = re.compile(
    r"\s+(?!(?:up|down|out|off|back|over|away|in|on|to|and|as|that|for)\b)[a-z]"
)
#: A sentence opening with a subject or possessive pronoun.
_OPENING = re.compile(r"\s*(?P<pronoun>He|She|His|Her)\b")
#: Weight of an honorific against one pronoun.
HONORIFIC_VOTES = 3


def pronoun_gender(word: str) -> str:
    """ "m", "f" or "" for a word."""
    lowered = word.lower()
    return next((gender for gender, words in PRONOUNS.items() if lowered in words), "")


def genders(
    narrations: Sequence[str],
    sentence_ends: Sequence[Sequence[int]],
    mentions: Sequence[Sequence[Mention]],
) -> dict[str, str]:
    """Person name -> "m" or "f" for the people whose gender the article shows.

    Args:
        narrations: each paragraph's text with its quotations blanked (pronouns inside a
            quotation are the speaker's, not the narrator's).
        sentence_ends: where each sentence of each paragraph ends.
        mentions: the people named in each paragraph, outside its quotations.
    """
    votes: dict[str, Counter[str]] = {}
    for narration, ends, found in zip(narrations, sentence_ends, mentions, strict=True):
        for index, mention in enumerate(found):
            tally = votes.setdefault(mention.name, Counter())
            for role in mention.roles[-1:]:
                if role in _HONORIFICS:
                    tally[_HONORIFICS[role]] += HONORIFIC_VOTES
            sentence_start = max([0, *(end for end in ends if end <= mention.start)])
            first = index == 0 or found[index - 1].end <= sentence_start
            if not first or narration[mention.end : mention.end + 1] == "'":
                continue  # "Roe's aide said she", "Roe met Doe, who said she": not Doe's
            sentence_end = min([end for end in ends if end > mention.end] or [len(narration)])
            following = found[index + 1].start if index + 1 < len(found) else len(narration)
            for pronoun in _PRONOUN.finditer(narration, mention.end, min(sentence_end, following)):
                if pronoun.group().lower() == "her" and not _POSSESSED.match(
                    narration, pronoun.end()
                ):
                    continue  # "backed her up": "her" is someone else, the object
                tally[pronoun_gender(pronoun.group())] += 1
                break
            else:  # "Jane Roe, a Democrat, agrees. Her district ...": the next sentence's opening
                opening = _OPENING.match(narration, sentence_end)
                if opening and opening.end() <= following:
                    tally[pronoun_gender(opening.group("pronoun"))] += 1
    return {
        name: "m" if tally["m"] > tally["f"] else "f"
        for name, tally in votes.items()
        if tally["m"] != tally["f"]
    }
