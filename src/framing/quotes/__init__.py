"""Direct quotations of the articles, who is quoted, and who each outlet lets speak.

Three rooms: `finding` (which stretches are quotations, and of what kind), `attribution`
(who said each one, from the grammar and position of the text) and `names` (one name per
person across the corpus, and each speaker's side); `voice` counts share of voice and
speaker verbs, `evaluation` scores found quotes against hand-annotated ones.
"""

from framing.quotes.attribution import find_quotes, quote_rows
from framing.quotes.evaluation import (
    GOLD_COLUMNS,
    MATCH_OVERLAP,
    evaluate_quotes,
    evaluation_table,
    outlet_accuracy,
)
from framing.quotes.finding import QUOTE_COLUMNS, QUOTE_SENTENCE_SHARE, mark_quote_sentences
from framing.quotes.names import RESOLVED_COLUMNS, resolve_speakers
from framing.quotes.voice import UNKNOWN, share_of_voice, speaker_verbs, voice_matrix

__all__ = [
    "GOLD_COLUMNS",
    "MATCH_OVERLAP",
    "QUOTE_COLUMNS",
    "QUOTE_SENTENCE_SHARE",
    "RESOLVED_COLUMNS",
    "UNKNOWN",
    "evaluate_quotes",
    "evaluation_table",
    "find_quotes",
    "mark_quote_sentences",
    "outlet_accuracy",
    "quote_rows",
    "resolve_speakers",
    "share_of_voice",
    "speaker_verbs",
    "voice_matrix",
]
