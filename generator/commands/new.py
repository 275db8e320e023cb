"""``briefing new``: write a brief skeleton; ``briefing check`` fails until its placeholders are replaced."""

from __future__ import annotations

import datetime
import re
import sys
import unicodedata

import frontmatter

from ..check import placeholders
from ..build import check
from ..config.options import Options
from ..check.names import NameIndex


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "brief"


def run(options: Options, title: str, date: datetime.date, actors: list[str], round: str | None) -> int:
    corpus = check(options).index.corpus
    actor_names = NameIndex.of("actor", ((a.id, [a.name, *a.aliases]) for a in corpus.actors.values()))
    round_names = NameIndex.of("round", ((r.id, [r.name]) for r in corpus.rounds.values()))

    problems = [actor_names.unknown(name) for name in actors if actor_names.resolve(name) is None]
    if round is not None and round_names.resolve(round) is None:
        problems.append(round_names.unknown(round))
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1

    path = options.briefs_dir / str(date.year) / f"{date.month:02d}" / f"{date.isoformat()}-{slugify(title)}.md"
    if path.exists():
        print(f"error: {path} already exists; choose another title", file=sys.stderr)
        return 1
    metadata = {
        "title": title,
        "date": date,
        "summary": placeholders.SUMMARY,
        "actors": [actor_names.resolve(name) for name in actors],
    }
    if round is not None:
        metadata["round"] = round_names.resolve(round)
    metadata["status"] = "reported"
    metadata["sources"] = [{"publisher": placeholders.PUBLISHER, "title": placeholders.SOURCE_TITLE}]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frontmatter.dumps(frontmatter.Post(placeholders.BODY + "\n", **metadata), sort_keys=False) + "\n", encoding="utf-8")
    print(path)
    if not actors:
        print("note: add at least one actor before publishing", file=sys.stderr)
    return 0
