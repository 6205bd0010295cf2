"""Generate a deterministic corpus of news-like captures for benchmarks and scale tests.

The corpus follows a run of diplomatic talks between two fictional governments, covered by
several outlets. Articles come in stories: every story (a meeting, on one topic, in one place,
on one day) is covered by each outlet twice, so outlets report the same facts in their own
words, quote the same people (sometimes the very same words), and now and then print the same
wire sentence verbatim, as real coverage of one event does. Each article is a raw capture:
navigation lines, a headline, a byline and date, about 500 words of body paragraphs
(narration, quotations with attributions in the usual forms: '"...," X said', '"...," said X,
the trade minister', 'X said: "..."', quotes split by their attribution, partial quotes,
'according to X', "he said" after a first mention), a photo caption with its credit,
related-story links and a footer.

People come from a fixed cast: the corpus's `actors.csv` lists most of them (name, aliases,
side) and `topics.csv` the topics, so the actor, quote and topic stages all have work to do;
a few speakers (analysts, residents) are not in the cast, as in real corpora.

The same arguments always give byte-identical files, and the first N articles of a larger
corpus are the articles of the corpus of N (each story and article has its own seeded
generator), so corpora of different sizes have the same density of stories, names and quotes.

    python benchmarks/generate_corpus.py OUT_DIR --articles 1000 [--outlets 5] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

#: Articles per story: each outlet of five covers a story twice.
STORY_ARTICLES = 10

COUNTRIES = ("Norvania", "Estrelia")
ADJECTIVES = {"Norvania": "Norvanian", "Estrelia": "Estrelian"}
FEMALE = (
    "Maria", "Aiko", "Elena", "Lucia", "Sana", "Ingrid", "Mei", "Fatima", "Grace", "Nora",
    "Amara", "Helena", "Priya", "Sofia", "Yara", "Chloe", "Irene", "Leila", "Marta", "Zofia",
)  # fmt: skip
MALE = (
    "James", "Omar", "Kwame", "Pieter", "Tomas", "Rafael", "Daniel", "Viktor", "Hassan",
    "Luis", "Anders", "Bruno", "Carlos", "Dmitri", "Emil", "Felix", "Goran", "Idris", "Jonas",
    "Kenji",
)  # fmt: skip
LAST = (
    "Alvarez", "Becker", "Chen", "Diallo", "Eriksen", "Fonseca", "Guerra", "Haddad",
    "Ivanova", "Jensen", "Kato", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quinn", "Rossi", "Silva", "Tanaka", "Umar", "Varga", "Weber", "Yilmaz", "Zhou", "Mendes",
    "Novak", "Ortega", "Park", "Sato", "Torres", "Vogel", "Bakker", "Costa", "Dubois",
    "Farouk", "Horvat", "Keller", "Lopes", "Mwangi",
)  # fmt: skip
#: Official roles: (title written before a name, description written after it).
OFFICIAL_ROLES = (
    ("Foreign Minister", "the {adj} foreign minister"),
    ("Trade Minister", "the {adj} trade minister"),
    ("Finance Minister", "the {adj} finance minister"),
    ("Defence Minister", "the {adj} defence minister"),
    ("Ambassador", "{country}'s ambassador to the talks"),
    ("Deputy Foreign Minister", "the deputy foreign minister of {country}"),
    ("Prime Minister", "the {adj} prime minister"),
    ("President", "the president of {country}"),
    ("spokesperson", "a spokesperson for the {adj} foreign ministry"),
    ("chief negotiator", "{country}'s chief negotiator"),
    ("Energy Minister", "the {adj} energy minister"),
    ("opposition leader", "the leader of the {adj} opposition"),
)
#: Speakers outside the cast: descriptions written after a name.
OUTSIDERS = (
    "an analyst at the Institute for Regional Studies",
    "a trade economist at Meridian University",
    "a fisherman from the coastal town of Port Alder",
    "a former diplomat who took part in earlier rounds",
    "a researcher at the Centre for Energy Policy",
    "the head of the national farmers' association",
    "a shipping executive",
    "a human rights lawyer",
)
PLACES = (
    "Geneva", "Nairobi", "Lisbon", "Jakarta", "Montreal", "Oslo", "Santiago", "Cairo",
    "Seoul", "Warsaw", "Dakar", "Manila", "Vienna", "Doha", "Helsinki", "Accra",
)  # fmt: skip
#: Topics with the words a topics.csv would list for them and things negotiators argue about.
TOPICS = (
    ("Trade", "trade", ("tariffs", "export quotas", "steel imports", "customs checks")),
    ("Fisheries", "fishing rights", ("fishing quotas", "the northern fishing grounds")),
    ("Energy", "energy prices", ("gas pipeline", "electricity exports", "the power grid")),
    ("Border", "border security", ("border crossings", "the frontier patrols", "visa rules")),
    ("Migration", "migration", ("asylum claims", "seasonal workers", "refugee camps")),
    ("Climate", "climate finance", ("emissions targets", "the adaptation fund", "coal plants")),
    ("Water", "water sharing", ("the Varna dam", "river flows", "irrigation rights")),
    ("Debt", "debt relief", ("loan repayments", "bond markets", "interest payments")),
    ("Human rights", "human rights", ("political prisoners", "press freedom", "detentions")),
    ("Shipping", "shipping routes", ("port fees", "the strait", "container traffic")),
    ("Health", "public health", ("vaccine supplies", "hospital funding", "the outbreak")),
    ("Cyber", "cyber security", ("the hacking campaign", "data centres", "network attacks")),
)  # fmt: skip
QUALITIES = (
    "difficult", "constructive", "tense", "productive", "frank", "disappointing", "useful",
    "hostile", "cordial", "slow", "promising", "bitter", "candid", "fraught", "businesslike",
)  # fmt: skip
ACTIONS = (
    "agreed to continue the talks", "failed to reach a deal", "traded accusations",
    "signed a joint statement", "walked out of the meeting", "promised new funding",
    "rejected the proposal", "called for calm", "threatened new sanctions",
    "welcomed the progress", "demanded an apology", "announced a review",
    "postponed a decision", "set up a working group", "exchanged draft texts",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WHEN = (
    "on {day}", "late on {day}", "early on {day}", "on {day} evening", "after two days of talks",
    "earlier this month", "last week", "at the weekend", "overnight",
)  # fmt: skip
VERBS = (
    "said", "said", "said", "told reporters", "added", "warned", "argued", "insisted",
    "noted", "claimed", "stressed", "told a news conference",
)  # fmt: skip
INVERTIBLE = ("said", "added", "warned", "argued", "insisted", "noted")
MONEY = ("million", "billion")
GROUPS = (
    "farmers", "exporters", "fishing communities", "business leaders", "opposition lawmakers",
    "trade unions", "environmental groups", "residents of border towns", "investors",
)  # fmt: skip
FEELINGS = (
    "angry", "worried", "hopeful", "frustrated", "relieved", "sceptical", "cautiously optimistic",
)  # fmt: skip

#: Facts of a story; each has several wordings, and outlets pick their own.
FACTS = (
    (
        "Delegations from {a} and {b} {action} {when} in {place}.",
        "Negotiators from the two countries {action} in {place} {when}.",
        "In {place}, officials from {a} and {b} {action} {when}.",
    ),
    (
        "The talks focused on {thing} and {thing2}, officials said.",
        "Officials said the discussions centred on {thing} and {thing2}.",
        "{thing_cap} and {thing2} dominated the agenda, according to officials.",
    ),
    (
        "{a} has offered to cut {thing} by {pct} percent over {years} years.",
        "Under the {a_adj} offer, {thing} would fall by {pct} percent within {years} years.",
        "{a_adj} negotiators proposed a {pct} percent reduction in {thing} over {years} years.",
    ),
    (
        "The dispute over {topic} has cost the two economies an estimated ${amount} {money}.",
        "Economists put the cost of the {topic} dispute at about ${amount} {money}.",
        "The row over {topic} has cost an estimated ${amount} {money}, economists say.",
    ),
    (
        "{b} wants a deal on {thing} before the {season} deadline.",
        "{b_adj} officials are pressing for an agreement on {thing} before the {season}.",
        "The {b_adj} side has said it wants {thing} settled before the {season} deadline.",
    ),
    (
        "It was the {nth} round of talks since the crisis over {topic} began in {year}.",
        "The meeting was the {nth} since relations soured over {topic} in {year}.",
        "Relations have been strained since {year}, when the crisis over {topic} began; this "
        "was the {nth} round of talks.",
    ),
    (
        "About {people} {group} protested outside the venue, calling for a fair deal on {topic}.",
        "Outside the conference centre, some {people} {group} demonstrated over {topic}.",
        "Protesters, mostly {group}, gathered outside the talks in {place}; police put their "
        "number at {people}.",
    ),
    (
        "Markets in {a} rose {small} percent after the meeting, while the {b_adj} currency "
        "slipped.",
        "The {b_adj} currency weakened slightly after the talks, and shares in {a} gained "
        "{small} percent.",
    ),
)
#: Sentences without story facts: background and colour, drawn afresh for each article.
BACKGROUND = (
    "{group_cap} in {place2} have been {feeling} about the talks since {month}, a survey of "
    "{people} people by the {adj} statistics office found.",
    "The two governments have clashed over {thing} for more than {years} years, and {n} "
    "earlier rounds of talks ended without a deal.",
    "A previous agreement on {thing} collapsed in {month} {year} amid mutual recriminations.",
    "Few observers expect a breakthrough on {topic} before the elections in {country} on {date2}.",
    "{country} accounts for about {pct} percent of {other_adj} spending on {thing}, according "
    "to figures for {year}.",
    "The {adj} parliament, where the government holds {seats} of {total} seats, must approve "
    "any deal on {thing}.",
    "Talks on {topic} were suspended for {months} months in {year} after a diplomatic row over "
    "{thing2}.",
    "A poll of {people} {adj} voters published on {day} found that {pct} percent back a "
    "compromise on {topic}.",
    "{name}, {outsider}, said the dispute over {thing} had cost her organisation about "
    "${amount} million since {year}.",
    "Regional partners, led by the government in {place2}, have urged the two countries to "
    "settle the row over {thing} by {date2}.",
    "The {adj} government faces growing pressure at home over {thing}, with {n} ministers "
    "resigning since {month}.",
    "Trade between the two neighbours fell by {pct} percent in {year}, to ${amount} {money}, "
    "from ${amount2} {money} a year earlier.",
    "The {nth} session of talks is expected to be held in {place2} in {month}.",
    "{group_cap} in {place2} say they have lost about ${amount} million since {month} {year}.",
    "Satellite images published on {date2} showed new construction near {place2}, {n} "
    "kilometres from the border.",
    "Critics, including {n} {group} who signed an open letter in {month}, said the process "
    "had done little to address their concerns about {thing}.",
    "{country} imported {amount} million tonnes of grain from {other} in {year}, customs data "
    "show.",
    "At least {n} people were detained at a protest over {thing} in {place2} on {day}, police "
    "said.",
)
#: Wire copy: printed verbatim by several outlets covering the same story.
WIRE = (
    "The talks in {place} are expected to resume on {date2}, officials said.",
    "Neither side released a joint statement at the end of the meeting in {place} on {day}.",
    "The two countries have held {n} rounds of talks since a framework agreement was signed in "
    "{year}.",
    "Both delegations left {place} on {day} without speaking to reporters.",
    "The next round of negotiations on {thing} has not yet been scheduled, a spokesperson for "
    "the {adj} foreign ministry said on {day}.",
    "The {adj} foreign ministry did not respond to a request for comment on {thing} on {day}.",
)
#: What people say, as quotations.
SAYINGS = (
    "We had {quality} discussions on {topic}, and we will keep talking",
    "There is no room for compromise on {thing}",
    "We are not going to accept a deal that hurts ordinary families",
    "This is a {quality} moment for our two countries",
    "Nobody should be surprised by the outcome",
    "The ball is now in {other}'s court",
    "We came here in good faith, and we expect the same from {other}",
    "Our position on {thing} has not changed",
    "If there is no progress on {topic} by the {season}, we will have to reconsider",
    "These talks are about the livelihoods of {people} families",
    "I think we are closer to an agreement than we were a year ago",
    "{other} has to stop using {thing} as a bargaining chip",
    "Frankly, the proposal on the table is unacceptable",
    "We have made real progress, but there is still a long way to go",
    "People in {place2} are tired of waiting",
    "The other side is simply not serious about {topic}",
)
#: Short phrases quoted inside narration (partial quotes).
PARTIALS = (
    "not serious", "a step backwards", "deeply disappointing", "a real breakthrough",
    "unacceptable", "a good start", "blackmail", "a historic opportunity", "pure theatre",
    "dead on arrival",
)  # fmt: skip
NAV = (
    "Skip to main content", "Menu", "Search", "World", "Business", "Sign in", "Subscribe",
    "Home", "Politics", "Newsletters",
)  # fmt: skip
FOOTER = (
    "Share this article", "Most read", "Related Topics", "Terms of use", "Contact us",
    "Privacy policy", "Cookie settings", "Advertise with us",
)  # fmt: skip
CREDITS = ("AP", "Reuters", "AFP", "Getty Images", "EPA")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
PROPER = (*COUNTRIES, *ADJECTIVES.values())
#: Ways outlets frame a fact they all report ("{}" is the fact, first letter lower-cased).
FACT_FRAMES = ("{}", "{}", "On {day}, {}", "Meanwhile, {}", "Officials confirmed on {day} that {}")
SEASONS = ("spring", "summer", "autumn", "winter", "year-end")
AFTERTHOUGHTS = (
    "a point {pronoun} repeated later",
    "adding that the talks would go on",
    "before leaving the venue",
    "in a statement released by the ministry",
    "in an interview broadcast on national television",
)
NTH = ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True)
class Person:
    name: str
    title: str  # written before the name: "Trade Minister"
    role: str  # written after it: "the Norvanian trade minister"
    side: str
    pronoun: str

    @property
    def last(self) -> str:
        return self.name.split()[-1]


def cast(seed: int, size: int = 40) -> list[Person]:
    """The corpus's recurring people: officials of both sides, with titles and roles."""
    rng = random.Random(f"{seed}-cast")
    surnames = rng.sample(LAST, size)
    people = []
    for index, last in enumerate(surnames):
        female = rng.random() < 0.5
        first = rng.choice(FEMALE if female else MALE)
        country = COUNTRIES[index % 2]
        title, role = OFFICIAL_ROLES[(index // 2) % len(OFFICIAL_ROLES)]
        role = role.format(adj=ADJECTIVES[country], country=country)
        pronoun = "she" if female else "he"
        people.append(Person(f"{first} {last}", title, role, country, pronoun))
    return people


def outsider(rng: random.Random) -> Person:
    """A speaker outside the cast (an analyst, a resident): not in actors.csv."""
    female = rng.random() < 0.5
    first = rng.choice(FEMALE if female else MALE)
    name = f"{first} {rng.choice(LAST)}-{rng.choice(LAST)}"
    return Person(name, "", rng.choice(OUTSIDERS), "", "she" if female else "he")


@dataclass(frozen=True)
class Story:
    """One meeting: where, when, about what, the facts outlets report and who speaks."""

    headline_quality: str
    topic: tuple[str, str, tuple[str, ...]]
    place: str
    published: date
    slots: dict[str, str]
    facts: tuple[int, ...]
    speakers: tuple[Person, ...]
    sayings: tuple[str, ...]  # one per speaker, the words outlets share
    wire: tuple[str, ...]


def _slots(rng: random.Random, topic: tuple[str, str, tuple[str, ...]], place: str) -> dict:
    a, b = rng.sample(COUNTRIES, 2)
    things = rng.sample(topic[2], min(2, len(topic[2])))
    thing2 = things[1] if len(things) > 1 else rng.choice(TOPICS)[2][0]
    country = rng.choice(COUNTRIES)
    other = COUNTRIES[1 - COUNTRIES.index(country)]
    return {
        "a": a,
        "b": b,
        "a_adj": ADJECTIVES[a],
        "b_adj": ADJECTIVES[b],
        "country": country,
        "other": other,
        "adj": ADJECTIVES[country],
        "other_adj": ADJECTIVES[other],
        "topic": topic[1],
        "thing": things[0],
        "thing_cap": things[0][:1].upper() + things[0][1:],
        "thing2": thing2,
        "place": place,
        "place2": rng.choice(PLACES),
        "action": rng.choice(ACTIONS),
        "when": rng.choice(WHEN).format(day=rng.choice(DAYS)),
        "pct": str(rng.randint(3, 60)),
        "small": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
        "years": str(rng.randint(2, 15)),
        "months": str(rng.randint(2, 11)),
        "year": str(rng.randint(1998, 2024)),
        "amount": f"{rng.randint(1, 90)}.{rng.randint(1, 9)}",
        "money": rng.choice(MONEY),
        "people": f"{rng.randint(2, 40) * 100:,}",
        "group": rng.choice(GROUPS),
        "group_cap": rng.choice(GROUPS).capitalize(),
        "feeling": rng.choice(FEELINGS),
        "season": rng.choice(SEASONS),
        "nth": rng.choice(NTH),
        "quality": rng.choice(QUALITIES),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "date2": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}",
        "n": str(rng.randint(2, 60)),
        "seats": str(rng.randint(80, 200)),
        "total": str(rng.choice((201, 240, 300, 350))),
        "amount2": f"{rng.randint(1, 90)}.{rng.randint(1, 9)}",
        "name": f"{rng.choice(FEMALE)} {rng.choice(LAST)}",
        "outsider": rng.choice(OUTSIDERS),
    }


def make_story(seed: int, index: int, people: list[Person], published: date | None = None) -> Story:
    """Story number `index` of the corpus (its own generator, so any story can be made alone)."""
    rng = random.Random(f"{seed}-story-{index}")
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    slots = _slots(rng, topic, place)
    speakers = (*rng.sample(people, 4), outsider(rng))
    sayings = tuple(rng.choice(SAYINGS).format(**slots) for _ in speakers)
    wire = tuple(w.format(**slots) for w in rng.sample(WIRE, 2))
    return Story(
        headline_quality=rng.choice(QUALITIES),
        topic=topic,
        place=place,
        published=published or date(2025, 1, 1) + timedelta(days=index // 2),
        slots=slots,
        facts=tuple(rng.sample(range(len(FACTS)), 5)),
        speakers=speakers,
        sayings=sayings,
        wire=wire,
    )


class Writer:
    """Writes one article's body: remembers who has been introduced and who spoke last."""

    def __init__(self, rng: random.Random, story: Story) -> None:
        self.rng = rng
        self.story = story
        self.introduced: set[str] = set()
        self.last_speaker: Person | None = None
        self.shared_said: set[int] = set()
        self._decks: dict[str, list[int]] = {}

    def draw(self, deck: str, size: int) -> int:
        """The next of `size` items of a deck dealt without repeats (reshuffled when empty)."""
        cards = self._decks.get(deck)
        if not cards:
            cards = self._decks[deck] = self.rng.sample(range(size), size)
        return cards.pop()

    def fill(self, template: str) -> str:
        slots = dict(_slots(self.rng, self.story.topic, self.story.place))
        for key in ("a", "b", "a_adj", "b_adj", "topic", "place", "thing", "thing2", "thing_cap"):
            slots[key] = self.story.slots[key]
        return template.format(**slots)

    def _name(self, person: Person) -> str:
        """Full name with role on first mention, surname after."""
        if person.name in self.introduced:
            if person.title and person.title[0].isupper() and self.rng.random() < 0.3:
                return f"{person.title} {person.last}"
            return person.last
        self.introduced.add(person.name)
        return f"{person.name}, {person.role},"

    def _saying(self, index: int) -> str:
        if index not in self.shared_said and self.rng.random() < 0.6:
            self.shared_said.add(index)
            return self.story.sayings[index]  # the words every outlet quotes
        return self.fill(self.rng.choice(SAYINGS))

    def quote(self) -> str:
        rng = self.rng
        index = rng.randrange(len(self.story.speakers))
        person = self.story.speakers[index]
        said = self._saying(index)
        verb = rng.choice(VERBS)
        form = rng.randrange(8)
        if person is self.last_speaker and form < 4:
            form = 8  # a pronoun for the one who just spoke
        name = self._name(person)  # "Maria Chen, the trade minister," or "Chen"
        lead = name if name.endswith(",") else f"{name},"
        tail = name.rstrip(",")
        more = self.fill(rng.choice(SAYINGS))
        o, c = ("\u201c", "\u201d") if rng.random() < 0.3 else ('"', '"')
        self.last_speaker = person
        if form == 0:
            return f"{o}{said},{c} {name} {verb}."
        if form == 1:
            return f"{o}{said},{c} {rng.choice(INVERTIBLE)} {tail}."
        if form == 2:
            return f"{name} {verb}: {o}{said}.{c}"
        if form == 3:
            return f"{o}{said},{c} {name} {verb}. {o}{more}.{c}"
        if form == 4:
            return f"{name} {verb} the latest proposal was {o}{rng.choice(PARTIALS)}{c}."
        if form == 5:
            topic, quality = self.story.slots["topic"], rng.choice(QUALITIES)
            return f"According to {lead} the talks on {topic} had been {quality}."
        if form == 6:
            when = rng.choice(WHEN).format(day=rng.choice(DAYS))
            return f"{o}{said},{c} {name} {verb} {when}."
        if form == 7:
            after = rng.choice(AFTERTHOUGHTS).format(pronoun=person.pronoun)
            return f"{name} {verb} {o}{said}{c}, {after}."
        return f"{o}{said},{c} {person.pronoun} {rng.choice(INVERTIBLE)}."

    def fact(self) -> str:
        group = FACTS[self.story.facts[self.draw("facts", len(self.story.facts))]]
        text = self.rng.choice(group).format(**self.story.slots)
        frame = self.rng.choice(FACT_FRAMES)
        if frame.startswith("{}"):
            text = frame.format(text)
        else:
            if text.split()[0] not in PROPER:
                text = text[:1].lower() + text[1:]
            text = frame.replace("{day}", self.rng.choice(DAYS)).format(text)
        return text[:1].upper() + text[1:]

    def sentence(self) -> str:
        roll = self.rng.random()
        if roll < 0.06:
            return self.rng.choice(self.story.wire)
        if roll < 0.30:
            return self.fact()
        if roll < 0.58:
            return self.quote()
        text = self.fill(BACKGROUND[self.draw("background", len(BACKGROUND))])
        return text[:1].upper() + text[1:]


def article_text(
    rng: random.Random,
    outlet: str,
    published: date,
    words: int = 500,
    story: Story | None = None,
) -> str:
    """One capture: furniture around about `words` words of body paragraphs.

    Lines 0-3 are navigation, line 5 the headline. Without a story, one is made from `rng`.
    """
    if story is None:
        story = make_story(rng.randrange(2**32), 0, cast(rng.randrange(2**32)), published)
    writer = Writer(rng, story)
    headline = (
        f"{story.headline_quality.capitalize()} talks on {story.topic[1]} in {story.place}"
        if rng.random() < 0.5
        else f"{writer.fill(rng.choice(SAYINGS))}, says {story.speakers[0].title or 'official'}"
    )
    byline = f"By {rng.choice(FEMALE + MALE)} {rng.choice(LAST)}"
    lines = [*rng.sample(NAV, 4), "", headline, "", byline, published.strftime("%B %d, %Y"), ""]
    count = 0
    paragraph_index = 0
    while count < words:
        sentences = [writer.sentence() for _ in range(rng.randint(1, 3))]
        paragraph = " ".join(sentences)
        lines += [paragraph, ""]
        count += len(paragraph.split())
        paragraph_index += 1
        if paragraph_index == 3:
            person = rng.choice(story.speakers)
            lines += [
                f"{person.name}, right, arrives for talks in {story.place}, "
                f"{published.strftime('%B %d, %Y')}. Image: {rng.choice(CREDITS)}",
                "",
            ]
        if paragraph_index == 6:
            lines += [f"Read more: {writer.fill(rng.choice(SAYINGS))}", ""]
        if paragraph_index == 9 and rng.random() < 0.5:
            lines += ["Advertisement", ""]
    related = [f"{writer.fill(rng.choice(SAYINGS))}" for _ in range(2)]
    lines += ["Related stories", *related, ""]
    lines += [*rng.sample(FOOTER, 3), f"\u00a9 {published.year} {outlet}"]
    return "\n".join(lines) + "\n"


def actors_csv(people: list[Person]) -> str:
    """actors.csv for the cast: every official but the last few (they stay unknown)."""
    rows = ["name,aliases,side"]
    for person in people[:-6]:
        aliases = [person.last]
        if person.title and person.title[0].isupper():
            aliases.append(f"{person.title} {person.name}")
        rows.append(f"{person.name},{'|'.join(aliases)},{person.side}")
    return "\n".join(rows) + "\n"


def topics_csv() -> str:
    rows = ["topic,patterns"]
    for name, phrase, things in TOPICS:
        rows.append(f"{name},{'|'.join((phrase, *things))}")
    return "\n".join(rows) + "\n"


def outlet_letters(index: int) -> str:
    """A, B, ..., Z, AA, AB, ...: distinct letters for any number of outlets (as spreadsheet
    columns are named), so 200 outlets are 200 names of plain letters."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def generate(out_dir: Path, n_articles: int, n_outlets: int = 5, seed: int = 7) -> Path:
    """Write `n_articles` captures from `n_outlets` outlets, their manifest, actors and topics."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outlets = [f"Outlet {outlet_letters(i)}" for i in range(n_outlets)]
    people = cast(seed)
    per_story = 2 * n_outlets
    rows = ["file,outlet,published"]
    story: Story | None = None
    for index in range(n_articles):
        if index % per_story == 0:
            story = make_story(seed, index // per_story, people)
        assert story is not None
        outlet = outlets[index % n_outlets]
        published = story.published + timedelta(days=(index % per_story) // n_outlets)
        rng = random.Random(f"{seed}-article-{index}")
        name = f"a{index:06d}.txt"
        text = article_text(rng, outlet, published, story=story)
        (out_dir / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{outlet},{published.isoformat()}")
    (out_dir / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (out_dir / "actors.csv").write_text(actors_csv(people), encoding="utf-8")
    (out_dir / "topics.csv").write_text(topics_csv(), encoding="utf-8")
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
