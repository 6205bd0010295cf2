"""Generate a deterministic corpus of news-like captures for benchmarks and scale tests.

Each article is a raw capture: navigation lines, a headline, a date, about 500 words of body
paragraphs (narration, quotes with attribution, a few sentences shared across outlets as wire
copy does), a photo caption with its credit, related-story links and a footer. The same
arguments always give byte-identical files.

    python benchmarks/generate_corpus.py OUT_DIR --articles 1000 [--outlets 5] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = (
    "Maria",
    "James",
    "Aiko",
    "Omar",
    "Elena",
    "Kwame",
    "Lucia",
    "Pieter",
    "Sana",
    "Tomas",
    "Ingrid",
    "Rafael",
    "Mei",
    "Daniel",
    "Fatima",
    "Viktor",
    "Grace",
    "Hassan",
    "Nora",
    "Luis",
)
LAST = (
    "Alvarez",
    "Becker",
    "Chen",
    "Diallo",
    "Eriksen",
    "Fonseca",
    "Guerra",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kato",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Silva",
    "Tanaka",
    "Umar",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zhou",
)
ROLES = (
    "the foreign minister",
    "the trade minister",
    "a government spokesperson",
    "the opposition leader",
    "a senior negotiator",
    "the central bank governor",
    "an analyst at a research institute",
    "the defence minister",
    "a union leader",
    "the mayor",
)
PLACES = (
    "Geneva",
    "Nairobi",
    "Lisbon",
    "Jakarta",
    "Montreal",
    "Oslo",
    "Santiago",
    "Cairo",
    "Seoul",
    "Warsaw",
    "Dakar",
    "Manila",
)
TOPICS = (
    "trade",
    "climate finance",
    "energy prices",
    "border security",
    "fishing rights",
    "migration",
    "public health",
    "cyber security",
    "food exports",
    "water sharing",
    "debt relief",
    "human rights",
    "labour law",
    "shipping routes",
    "tax reform",
)
VERBS = ("said", "added", "warned", "argued", "insisted", "told reporters", "noted", "claimed")
QUALITIES = (
    "difficult",
    "constructive",
    "tense",
    "productive",
    "frank",
    "disappointing",
    "useful",
    "hostile",
    "cordial",
    "slow",
    "promising",
    "bitter",
)
ACTIONS = (
    "agreed to continue the talks",
    "failed to reach a deal",
    "traded accusations",
    "signed a joint statement",
    "walked out of the meeting",
    "promised new funding",
    "rejected the proposal",
    "called for calm",
    "threatened new sanctions",
    "welcomed the progress",
    "demanded an apology",
    "announced a review",
)
TIMES = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "earlier this month",
    "late on Sunday",
    "after two days of meetings",
    "this year",
)
NARRATION = (
    "{name}, {role}, {verb} that the talks on {topic} had been {quality}.",
    "Officials in {place} {action} {time}, according to people familiar with the discussions.",
    "The dispute over {topic} has strained relations between the two governments for years.",
    "Delegations from both sides {action} {time} in {place}.",
    "Critics said the agreement on {topic} did little to address the concerns of ordinary people.",
    "The meeting in {place} was the first of its kind since the crisis over {topic} began.",
    "Analysts expect the negotiations on {topic} to continue well into next year.",
    "{name} met counterparts in {place} {time} to discuss {topic} and {topic2}.",
    "Markets reacted calmly to the news, with few investors expecting a quick resolution.",
    "The government has faced growing pressure at home over its handling of {topic}.",
)
QUOTES = (
    '"We had {quality} discussions on {topic}, and we will keep talking," {name} {verb}.',
    '"There is no room for compromise on {topic}," {name}, {role}, {verb}.',
    '{name} {verb} that the other side was "not serious" about {topic}.',
    '"This is a {quality} moment for our country," {name} {verb}. "We expect results."',
    "“Nobody should be surprised by the outcome,” {name} {verb} {time}.",
)
WIRE = (
    "The talks are expected to resume next month, officials said.",
    "Neither side released a joint statement at the end of the meeting.",
    "The two countries have held regular talks since the agreement was signed a decade ago.",
    "Both delegations left without speaking to reporters.",
    "The next round of negotiations has not yet been scheduled.",
)
NAV = ("Skip to main content", "Menu", "Search", "World", "Business", "Sign in", "Subscribe")
FOOTER = ("Share this article", "Most read", "Related Topics", "Terms of use", "Contact us")


def _sentence(rng: random.Random) -> str:
    template = rng.choice(QUOTES if rng.random() < 0.3 else NARRATION)
    topics = rng.sample(TOPICS, 2)
    return template.format(
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=rng.choice(ROLES),
        verb=rng.choice(VERBS),
        topic=topics[0],
        topic2=topics[1],
        place=rng.choice(PLACES),
        quality=rng.choice(QUALITIES),
        action=rng.choice(ACTIONS),
        time=rng.choice(TIMES),
    )


def article_text(rng: random.Random, outlet: str, published: date, words: int = 500) -> str:
    """One capture: furniture around about `words` words of body paragraphs."""
    quality, topic, place = rng.choice(QUALITIES), rng.choice(TOPICS), rng.choice(PLACES)
    headline = f"{quality.capitalize()} talks on {topic} in {place}"
    lines = [*rng.sample(NAV, 4), "", headline, "", published.strftime("%B %d, %Y"), ""]
    count = 0
    paragraph_index = 0
    while count < words:
        sentences = [
            WIRE[rng.randrange(len(WIRE))] if rng.random() < 0.1 else _sentence(rng)
            for _ in range(rng.randint(1, 3))
        ]
        paragraph = " ".join(sentences)
        lines += [paragraph, ""]
        count += len(paragraph.split())
        paragraph_index += 1
        if paragraph_index == 3:
            lines += [
                f"{rng.choice(FIRST)} {rng.choice(LAST)}, right, arrives for talks in "
                f"{rng.choice(PLACES)}, {published.strftime('%B %d, %Y')}. "
                f"Image: {rng.choice(LAST)}/AP",
                "",
            ]
        if paragraph_index == 6:
            lines += [
                f"Read more: {rng.choice(QUALITIES).capitalize()} week for {rng.choice(TOPICS)}",
                "",
            ]
    lines += [*rng.sample(FOOTER, 3), f"© {published.year} {outlet}"]
    return "\n".join(lines) + "\n"


def generate(out_dir: Path, n_articles: int, n_outlets: int = 5, seed: int = 7) -> Path:
    """Write `n_articles` captures from `n_outlets` outlets and their manifest into out_dir."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    outlets = [f"Outlet {chr(ord('A') + i)}" for i in range(n_outlets)]
    start = date(2025, 1, 1)
    rows = ["file,outlet,published"]
    for index in range(n_articles):
        outlet = outlets[index % n_outlets]
        published = start + timedelta(days=index % 30)
        name = f"a{index:06d}.txt"
        (out_dir / name).write_text(article_text(rng, outlet, published), encoding="utf-8")
        rows.append(f"{name},{outlet},{published.isoformat()}")
    (out_dir / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--outlets", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.articles, args.outlets, args.seed)


if __name__ == "__main__":
    main()
