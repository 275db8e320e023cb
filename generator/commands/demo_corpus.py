"""A deterministic synthetic corpus for tests and the benchmark.

    >>> from pathlib import Path; import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_demo_corpus(50, folder)
    50
    >>> sorted(p.name for p in folder.iterdir())[:3]
    ['2016', '2017', '2018']

The same ``count`` and ``seed`` always write the same bytes. Links point at
example.org, which is reserved for examples: none of this is real reporting.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from ..model import STANCES

WORDS = (
    "talks delegation ceasefire memorandum exchange prisoners round agreement proposal venue statement "
    "minister president envoy mediator border corridor humanitarian monitoring sanctions security guarantee "
    "withdrawal frontline negotiation session draft clause protocol observers grain shipping energy "
    "infrastructure reconstruction referendum recognition neutrality treaty summit communique readout "
    "spokesman briefing working group timetable verification demilitarised zone civilians return bodies "
    "children region capital parliament decree mandate framework pause truce escalation de-escalation "
    "the a of to and in on with for by from after before during while said says agreed rejected proposed "
    "welcomed questioned confirmed denied announced expected reported signed postponed resumed"
).split()
FIRST = "Anna Boris Chen Dmytro Elena Farid Greta Hakan Ivan Jana Kemal Lina Marta Nikolai Olena Pavel Rania Sergei Taras Una".split()
LAST = "Adler Bondar Celik Demir Petrenko Fischer Gordon Horvat Ivanov Jensen Kovalenko Lindqvist Moreau Novak Orlov".split()
STATES = "Aldora Borvania Cestria Dravenia Eskal Fennmark Galdor Hollin Istra Jorvik Kessia Lunor".split()
TOPIC_NAMES = [
    "Prisoner exchanges", "Ceasefire", "Memoranda", "Territory", "Leaders' meeting", "Delegations",
    "Humanitarian corridors", "Energy", "Grain exports", "Sanctions", "Security guarantees", "Monitoring",
    "Reconstruction", "Nuclear safety", "Children", "Missing persons", "Black Sea shipping", "Border crossings",
    "Elections", "Language laws", "Church", "Reparations", "Neutrality", "Troop caps", "Mediation",
    "Economic ties", "Refugees", "Detainees", "Cultural heritage", "Media",
]
VENUES = ["Istanbul", "Geneva", "Vienna", "Riyadh", "Doha", "Minsk", "Helsinki", "Oslo"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _actors(rng: random.Random, people: int) -> list[dict]:
    actors = [{"id": f"state-{i}", "name": name, "type": "state", "aliases": [f"Republic of {name}"]} for i, name in enumerate(STATES)]
    actors += [
        {"id": f"delegation-{i}", "name": f"{name} delegation", "type": "delegation", "affiliation": f"state-{i}"}
        for i, name in enumerate(STATES)
    ]
    actors += [{"id": f"org-{i}", "name": f"Organisation {i}", "type": "organization"} for i in range(12)]
    for i in range(people):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        name = f"{first} {last} {i}"
        actors.append({
            "id": f"person-{i}",
            "name": name,
            "type": "person",
            "aliases": [f"{last} {i}", f"{first[0]}. {last} {i}"],
            "role": rng.choice(["Minister", "Envoy", "Spokesperson", "Negotiator", "Adviser"]),
            "affiliation": f"delegation-{rng.randrange(len(STATES))}",
        })
    return actors


def _registry(entries: list[dict]) -> str:
    lines = []
    for entry in entries:
        first = True
        for key, value in entry.items():
            prefix = "- " if first else "  "
            first = False
            if isinstance(value, list):
                lines.append(f"{prefix}{key}: [{', '.join(_quoted(v) for v in value)}]")
            else:
                lines.append(f"{prefix}{key}: {_quoted(str(value))}")
    return "\n".join(lines) + "\n"


def _positions(rng: random.Random, actors: list[dict], topics: list[dict]) -> str:
    """A third of the briefs record one position (from a generator of their own, so that
    the rest of the corpus is the same with or without them)."""
    if rng.random() >= 1 / 3:
        return ""
    return (
        f"positions:\n  - actor: {actors[0]['id']}\n    topic: {topics[0]['id']}\n"
        f"    stance: {rng.choice(STANCES)}\n    statement: {_quoted(_sentence(rng, 12))}\n    source: 1\n"
    )


def write_demo_corpus(count: int, folder: Path, seed: int = 2025) -> int:
    """Write ``count`` briefs and their registries into ``folder``; return ``count``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = max(200, min(600, count // 10))
    actors = _actors(rng, people)
    first_day = datetime.date(2016, 1, 1)
    span = (datetime.date(2025, 12, 31) - first_day).days
    rounds = []
    for i in range(max(24, count // 100)):
        start = first_day + datetime.timedelta(days=span * i // max(24, count // 100))
        rounds.append({
            "id": f"round-{i + 1}", "name": f"{rng.choice(VENUES)} talks, round {i + 1}", "start": start.isoformat(),
            "end": (start + datetime.timedelta(days=rng.randint(0, 3))).isoformat(), "venue": rng.choice(VENUES),
            "status": "held", "participants": [f"delegation-{rng.randrange(len(STATES))}" for _ in range(2)],
            "outcome": _sentence(rng, 20),
        })
    topics = [{"id": f"topic-{i}", "name": name, "description": _sentence(rng, 12)} for i, name in enumerate(TOPIC_NAMES)]
    (folder / "actors.yml").write_text(_registry(actors), encoding="utf-8")
    (folder / "rounds.yml").write_text(_registry(rounds), encoding="utf-8")
    (folder / "topics.yml").write_text(_registry(topics), encoding="utf-8")

    for number in range(count):
        date = first_day + datetime.timedelta(days=span * number // max(1, count))
        near = [r for r in rounds if abs((datetime.date.fromisoformat(r["start"]) - date).days) <= 25]
        chosen = rng.sample(actors, rng.randint(1, 4))
        names = [rng.choice([a["id"], a["name"], *a.get("aliases", [])]) for a in chosen]
        sources = "".join(
            f"  - publisher: {_quoted(rng.choice(['Wire One', 'Daily Two', 'Agency Three', 'Radio Four']))}\n"
            f"    title: {_quoted(_sentence(rng, 6))}\n"
            f"    url: https://example.org/news/{number}/{k}\n"
            f"    published: {date.isoformat()}\n"
            for k in range(rng.randint(1, 3))
        )
        title, summary = _sentence(rng, 8), _sentence(rng, 25)  # drawn in the order the corpus always drew them
        round_line = f"round: {near[0]['id']}\n" if near and rng.random() < 0.7 else ""
        brief_topics = rng.sample(topics, rng.randint(1, 3))
        front = (
            f"---\ntitle: {_quoted(title)}\ndate: {date.isoformat()}\n"
            f"summary: {_quoted(summary)}\nactors: [{', '.join(_quoted(n) for n in names)}]\n"
            + round_line
            + f"topics: [{', '.join(t['id'] for t in brief_topics)}]\n"
            + f"status: {rng.choice(['reported', 'reported', 'confirmed', 'disputed'])}\nsources:\n{sources}"
            + _positions(random.Random(seed * 100_003 + number), chosen, brief_topics) + "---\n"
        )
        body = "\n\n".join(" ".join(_sentence(rng, rng.randint(10, 25)) for _ in range(4)) for _ in range(rng.randint(2, 4)))
        path = folder / str(date.year) / f"{date.isoformat()}-brief-{number:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(front + body + "\n", encoding="utf-8")
    return count
