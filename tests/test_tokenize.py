"""Sentence splitting and word tokens (framing.tokenize)."""

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from framing.tokenize import (
    ABBREVIATIONS,
    CLAUSE_BREAK,
    SENTENCE_END_CHARS,
    STOPWORDS,
    _sentence_tokenizer,
    content_tokens,
    normalize_text,
    scan,
    sentence_spans,
    split_sentences,
    token_spans,
    tokenize,
)


def test_abbreviations_and_initials_do_not_end_sentences():
    text = (
        "Mr. Smith met Gen. Okoye at the U.S. embassy. The photo is by Frederic J. Brown. "
        "Dr. Lee left at 5 p.m. on Friday."
    )
    assert split_sentences(text) == [
        "Mr. Smith met Gen. Okoye at the U.S. embassy.",
        "The photo is by Frederic J. Brown.",
        "Dr. Lee left at 5 p.m. on Friday.",
    ]


def test_quotation_stays_with_its_sentence_straight_and_typographic():
    straight = '"We are leaving with more paper," she said. "Nobody walked out."'
    curly = "“We are leaving with more paper,” she said. “Nobody walked out.”"
    for text in (straight, curly):
        first, second = split_sentences(text)
        assert first.endswith("she said.")
        assert second.startswith(text[-len(second) :][0]) and second.endswith(text[-1])


def test_sentences_of_a_seed_paragraph(seeds):
    line = next(
        line
        for line in (seeds / "000_584bd00a16c8ebd5.txt").read_text(encoding="utf-8").splitlines()
        if line.startswith("“We believe")
    )
    sentences = split_sentences(line)
    assert len(sentences) == 2
    assert sentences[0].endswith("Yang said.")
    assert sentences[1].startswith("“Many people") and sentences[1].endswith("he added.")


def test_tokens_are_lower_case_without_punctuation():
    assert tokenize("China’s “rules-based” order, it's 15-minute!") == [
        "china",
        "rules-based",
        "order",
        "it's",
        "15-minute",
    ]


def test_acronym_us_never_merges_with_pronoun_us():
    tokens = tokenize("The US told us that the U.S. would act.")
    assert tokens.count("u.s.") == 2
    assert "us" in tokens
    assert "us" not in content_tokens("The US told us.")
    assert "u.s." in content_tokens("The US told us.")


def test_stopword_list_is_documented_size_and_used():
    assert len(STOPWORDS) > 318
    assert content_tokens("the talks of the week") == ["talks", "week"]


def test_normalize_keeps_length_for_quotes_and_dashes():
    text = "“Tough” talks – ‘candid’"
    assert len(normalize_text(text)) == len(text)
    assert normalize_text(text) == "\"Tough\" talks - 'candid'"


@given(st.text(max_size=400))
def test_spans_cover_text_in_order_and_never_crash(text):
    spans = sentence_spans(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    tokenize(text)


@given(st.text(max_size=300))
def test_tokenize_is_stable(text):
    assert tokenize(text) == tokenize(text)
    assert all(token == token.lower() for token in tokenize(text))


def test_party_state_labels_and_dotted_acronyms_do_not_end_a_sentence():
    assert split_sentences(
        '"We will win," said Rep. Jane Q. Doe (D-N.C.) on Tuesday. She left.'
    ) == [
        '"We will win," said Rep. Jane Q. Doe (D-N.C.) on Tuesday.',
        "She left.",
    ]
    assert split_sentences("The R.N.C. said it would appeal. The D.N.C. did not.") == [
        "The R.N.C. said it would appeal.",
        "The D.N.C. did not.",
    ]
    assert split_sentences("He met Sens. Al Roe and Ed Poe. Then he left.") == [
        "He met Sens. Al Roe and Ed Poe.",
        "Then he left.",
    ]


def test_a_quoted_question_keeps_its_attribution():
    assert split_sentences('"Who are you?" the congressman demands. Nobody answered.') == [
        '"Who are you?" the congressman demands.',
        "Nobody answered.",
    ]
    assert split_sentences("\u201cWhy not?\u201d Roe asked. The room went quiet for a while.") == [
        "\u201cWhy not?\u201d Roe asked.",
        "The room went quiet for a while.",
    ]
    # a long sentence after a quoted question is a sentence of its own
    assert len(split_sentences('"Why?" The hearing went on for three more hours that night.')) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and EU met in Brussels' old town.",
        "\u201cWe\u2019ll see,\u201d said Jane\u00a0Roe \u2014 Minister of State.",
        "",
        "Caf\u00e9 \u00c9lys\u00e9e owners' U.N.-backed plan (2024) isn't over.",
    ],
)
def test_a_scan_agrees_with_token_spans_and_the_clause_split(text):
    _check_scan(text)


@given(
    st.text(alphabet=st.sampled_from("aZ.'- ,;:!?()[]{}\"\u2019\u201c\u00e9\u00c9\u2014\u00a01_"))
)
def test_a_scan_agrees_with_token_spans_and_the_clause_split_on_any_text(text):
    _check_scan(text)


def _check_scan(text: str) -> None:
    """One scan gives `tokenize`'s tokens, each one's capital as written, and the tokens of
    each clause as tokenising the clauses one by one does."""
    spans = token_spans(text)
    found = scan(text)
    assert found.tokens == [token for token, _, _ in spans] == tokenize(text)
    assert found.capitals == [text[start].isupper() for _, start, _ in spans]
    clauses = CLAUSE_BREAK.split(normalize_text(text))
    assert [found.tokens[start:end] for start, end in found.clauses()] == list(
        map(tokenize, clauses)
    )


def test_sentence_end_chars_are_punkts():
    assert tuple(PunktLanguageVars.sent_end_chars) == SENTENCE_END_CHARS


@given(st.text(alphabet=st.sampled_from("Ab .?!\"')(\n\t,")))
def test_paragraphs_without_a_candidate_break_are_one_punkt_sentence(text):
    punkt = list(_sentence_tokenizer().span_tokenize(text))
    if not any(char in text[:-1] for char in SENTENCE_END_CHARS):
        assert sentence_spans(text) == punkt


#: Characters Punkt's patterns treat specially: ends, quotes (typographic too), brackets,
#: digits, dashes, initials and spaces.
_PUNKT_TEXT = st.text(alphabet=st.sampled_from("Ab c1 .?!,;:-\"')(]\u201c\u201d\u2019\xab\xbb\n\t"))


@given(_PUNKT_TEXT | st.text(max_size=200))
def test_punkt_with_plain_patterns_splits_as_nltks_own(text):
    """Sentence splitting compiles NLTK's Punkt patterns with `re` instead of NLTK's timed
    `regex` wrapper; the splits must be exactly those of NLTK's own tokenizer."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    nltks = PunktSentenceTokenizer(params)
    assert list(_sentence_tokenizer().span_tokenize(text)) == list(nltks.span_tokenize(text))
