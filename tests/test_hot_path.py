"""The per-article hot path: each piece of work done once per article, same results as the
plain functions it stands for (texts written for these tests)."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import actors, clean, frames, overlap, pipeline, quotes, terms
from framing.load import Article
from framing.quotes import attribution
from framing.tokenize import tokenize

PARAGRAPHS = (
    "Foreign Minister Jane Roe arrived in Valdora on Monday. Roe said the talks were tense.",
    '"We will not give ground," Roe told reporters. "Not an inch."',
    "Mr. Okoro, a spokesperson for the port authority, said: \"It's the harbour's busiest "
    'week." He added that Roe\'s plan was "a start".',
    "The Harbour Workers' Union said its members would strike. Certainly Okoro disagreed.",
    "Analyst Li Wei-Ming of the Institute for Coastal Studies said U.S. envoys met Okoro.",
)
WORDS = st.sampled_from(
    [
        "Jane",
        "Roe",
        "Mr.",
        "Okoro",
        "said",
        "the",
        "minister",
        "Foreign",
        "Minister",
        "U.S.",
        "J.",
        "Roe's",
        "O'Neil",
        "Wei-Ming",
        "von",
        "(D-N.Y.)",
        '"',
        "“",
        "”",
        "'",
        ",",
        ".",
        "told",
        "reporters",
        "in",
        "Valdora",
        "he",
        "\n",
        "é",
    ]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=50).map(" ".join))
RELAXED = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _article(doc_id: str, outlet: str, paragraphs: tuple[str, ...] = PARAGRAPHS) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(doc_id=doc_id, file=f"{doc_id}.txt", outlet=outlet, text=text, clean="no")


NO_ACTORS = pd.DataFrame(columns=["name", "aliases", "side"])
NO_TOPICS = pd.DataFrame(columns=["topic", "patterns"])


def _no_resources() -> pipeline.Resources:
    """The packaged lexicon, no actors.csv and no topics.csv: people and topics are found."""
    return pipeline.Resources(frames.load_lexicon(), NO_ACTORS, NO_TOPICS)


def test_people_are_found_once_per_article_for_actors_and_topics(monkeypatch):
    calls: list[int] = []
    real = actors.person_mentions

    def counted(texts, tokenised=None):
        calls.append(len(texts))
        return real(texts, tokenised)

    monkeypatch.setattr(actors, "person_mentions", counted)
    monkeypatch.setattr(attribution, "person_mentions", counted)
    articles = [_article("a1", "North"), _article("a2", "South"), _article("a3", "North")]
    tables = pipeline.analyze_partition(articles, _no_resources())
    # once over the article's paragraphs (quote attribution), once over its sentences
    # (found actors and found topics share it)
    assert len(calls) == 2 * len(articles)
    assert "Jane Roe" in set(tables["sentence_actors"]["actor"])
    assert not tables["sentence_topics"].empty


def _old_tokens(text: str) -> list[tuple[int, int, str, bool]]:
    """`actors._tokens` as it was written before it cached word forms (the reference)."""
    tokens = []
    for match in actors._WORD.finditer(text):
        word, stop = match.group(), False
        if word.endswith(".") and not actors._DOTTED.fullmatch(word):
            word = word[:-1]
            stop = len(word) > 1 and word.lower() not in actors.TITLE_WORDS
        if word.lower().endswith("'s"):
            word, stop = word[:-2], True
        following = text[match.end() : match.end() + 1]
        stop = (
            stop
            or (following != "" and following != " ")
            or text[match.end() + 1 : match.end() + 2] == "("
        )
        tokens.append((match.start(), match.start() + len(word), word, stop))
    return tokens


@RELAXED
@given(TEXTS)
def test_name_tokens_are_those_of_the_plain_reading(text):
    tokens = actors._tokens(text)
    assert [tuple(token)[:4] for token in tokens] == _old_tokens(text)
    assert [token.capital for token in tokens] == [
        actors._is_capitalised(token.word) for token in tokens
    ]


def _sentences(*articles: Article) -> pd.DataFrame:
    frames = [pipeline.clean_article(article)[1] for article in articles]
    return pd.concat(frames, ignore_index=True)


@RELAXED
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_quote_rows_are_find_quotes_and_mark_quote_sentences(paragraphs):
    text = "\n\n".join(paragraph.replace("\n", " ") for paragraph in paragraphs)
    sentences = pipeline.article_sentences(
        Article(doc_id="d", file="d.txt", outlet="O", text=text),
        pd.DataFrame(
            {
                "line_no": range(1, len(paragraphs) + 1),
                "label": "body",
                "reason": "",
                "text": text.split("\n\n"),
            }
        ),
    )
    rows, is_quote = quotes.quote_rows(
        sentences["sent_id"].tolist(), sentences["line_no"].tolist(), sentences["text"].tolist()
    )
    found = quotes.find_quotes(sentences)
    assert [tuple(row) for row in found.iloc[:, 2:].itertuples(index=False)] == rows
    assert quotes.mark_quote_sentences(sentences, found).tolist() == is_quote


def test_actors_and_topics_from_given_people_equal_those_found_anew():
    sentences = _sentences(_article("a1", "North"), _article("a2", "South", PARAGRAPHS[::-1]))
    people = actors.sentence_people(sentences)
    pd.testing.assert_frame_equal(
        actors.actor_mentions(sentences, NO_ACTORS, people),
        actors.actor_mentions(sentences, NO_ACTORS),
    )
    pd.testing.assert_frame_equal(
        overlap.sentence_topics(sentences, NO_TOPICS, people),
        overlap.sentence_topics(sentences, NO_TOPICS),
    )
    by_row = {
        (doc_id, sent_id): {mention.name for mention in found}
        for doc_id, sent_id, found in zip(
            sentences["doc_id"], sentences["sent_id"], people, strict=True
        )
    }
    assert "Jane Roe" in by_row[("a1", 2)]  # "Roe said": the full name used before


def test_sentence_names_give_each_sentences_name_phrases():
    sentences = _sentences(_article("a1", "North"), _article("a2", "South", PARAGRAPHS[::-1]))
    people, phrases = actors.sentence_names(sentences)
    assert phrases == [actors.name_phrases(text) for text in sentences["text"]]
    assert people == actors.sentence_people(sentences)
    pd.testing.assert_frame_equal(
        overlap.sentence_topics(sentences, NO_TOPICS, people, phrases),
        overlap.sentence_topics(sentences, NO_TOPICS, people),
    )


def test_sentence_people_read_each_article_in_sent_id_order():
    sentences = _sentences(_article("a1", "North"))
    shuffled = sentences.iloc[::-1].reset_index(drop=True)
    people = actors.sentence_people(shuffled)
    assert people[::-1] == actors.sentence_people(sentences)


@RELAXED
@given(st.lists(TEXTS, min_size=1, max_size=5))
def test_term_counts_from_known_tokens_equal_those_counted_anew(texts):
    sentences = pd.DataFrame({"outlet": ["A", "B"] * len(texts), "text": texts * 2})
    tokens = [tokenize(text) for text in sentences["text"]]
    pd.testing.assert_frame_equal(
        terms.count_terms(sentences, tokens), terms.count_terms(sentences)
    )


def test_a_batch_gives_the_tables_of_its_articles_analysed_one_by_one():
    resources = _no_resources()
    articles = [_article("a1", "North"), _article("a2", "South", PARAGRAPHS[1:])]
    batch = pipeline.analyze_partition(articles, resources)
    single = [pipeline.analyze_partition([article], resources) for article in articles]
    for name in ("lines", "sentences", "quotes", "sentence_frames", "sentence_actors"):
        one_by_one = pd.concat([part[name] for part in single], ignore_index=True)
        pd.testing.assert_frame_equal(batch[name], one_by_one, check_dtype=True)
    assert batch["documents"]["n_sentences"].sum() == len(batch["sentences"])


CAPTURE = "\n".join(
    [
        "Home | World | Business",
        "",
        "Harbour pilots end their strike after two weeks",
        "By Ana Lund",
        "March 3, 2025",
        "",
        "The harbour pilots returned to work on Monday after two weeks on strike.",
        "Photo: Port archive",
        "Their union said the new rota was fair to the older pilots.",
        "What comes next",
        "Ships that waited at anchor began to enter the port by noon, officials said.",
        "Read more: Ferry fares rise again",
        "© 2025 The Coast Post",
    ]
)


def test_a_batch_lines_table_is_that_of_label_article_for_each_kind_of_text():
    articles = [
        Article(doc_id="p", file="p.txt", outlet="Coast Post", text=CAPTURE),
        Article(doc_id="c", file="c.txt", outlet="North", text="\n\n".join(PARAGRAPHS)),
        _article("n", "South"),
        Article(doc_id="f", file="f.txt", outlet="North", text="Menu\nLogin\nSubscribe"),
    ]
    batch = pipeline.analyze_partition(articles, _no_resources())
    expected = pd.concat(
        [
            clean.label_article(article).assign(doc_id=article.doc_id, file=article.file)
            for article in articles
        ],
        ignore_index=True,
    )[pipeline.LINE_COLUMNS]
    pd.testing.assert_frame_equal(batch["lines"], expected)
    labels = dict(zip(batch["lines"]["text"], batch["lines"]["label"], strict=True))
    assert (
        labels["The harbour pilots returned to work on Monday after two weeks on strike."] == "body"
    )
    assert labels["Photo: Port archive"] == "credit"
    assert labels["Menu"] == "boilerplate"  # the skipped article's lines stay in the audit
    assert batch["warnings"]["message"].str.startswith(pipeline.SKIPPED_PREFIX).sum() == 1


def _flat_alias_pattern(keys: list[str]) -> str:
    """`actors._alias_pattern` as it was written before it grouped aliases (the reference)."""
    parts = []
    for key in sorted(set(keys), key=lambda a: (-len(a), a)):
        head = key[:1]
        first = f"[{head.upper()}{head}]" if head.isalpha() else re.escape(head)
        parts.append(first + re.escape(key[1:]))
    return r"(?<![\w.])(?:" + "|".join(parts) + r")(?!\w)"


ALIAS_KEYS = st.lists(
    st.text(alphabet=st.sampled_from("roeRO. -\u00df's"), min_size=0, max_size=6),
    max_size=8,
)


@RELAXED
@given(ALIAS_KEYS, st.text(alphabet=st.sampled_from("roeRO. -\u00dfSs'"), max_size=40))
def test_grouped_aliases_match_as_the_flat_list(keys, text):
    keys = [actors._alias_key(key) for key in keys]
    grouped = actors._alias_pattern(keys)
    flat = re.compile(_flat_alias_pattern(keys))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]


VERB_TEXTS = st.lists(
    st.sampled_from(
        [
            "said",
            "says",
            "Said",
            "SAID",
            "saying",
            "quoted",
            "as",
            "shot",
            "back",
            "put",
            "it",
            "Roe",
            "the",
            "minister",
            "according",
            "to",
            ",",
            '"',
            "sa",
            "went",
            "on",
            "added",
        ]
    ),
    max_size=12,
).map(" ".join)


@RELAXED
@given(VERB_TEXTS)
def test_grouped_speech_verbs_match_as_the_flat_list(text):
    words = [*attribution._PHRASAL_VERBS, *sorted(actors.SPEECH_VERBS, key=len, reverse=True)]
    flat = "(?:" + "|".join(words) + ")"
    for template in (
        r"(?<![\w-])(?P<verb>{}|[Aa]ccording to)\b",
        r"\s*(?P<verb>(?i:{}))\b(?=\s+[A-Z])",
        r"(?P<np>\w+(?:\s+\w+){{0,3}}?)\s+(?P<verb>{})\b",
    ):
        grouped = re.compile(template.format(attribution._VERB))
        reference = re.compile(template.format(flat))
        for position in range(len(text) + 1):
            found = grouped.match(text, position)
            expected = reference.match(text, position)
            assert (found and found.groupdict()) == (expected and expected.groupdict())
