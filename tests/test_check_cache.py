"""``check`` reuses the build cache's results (see generator.check.results) and reports exactly
what it reports without them: the same problems warm and cold, only changed briefs checked
again, and a registry change reaching briefs whose own text did not change."""

from __future__ import annotations

import datetime

from conftest import ACTORS, ROUNDS, brief_text
from generator.build import check
from generator.check.validate import validate
from generator.commands.demo_corpus import write_demo_corpus
from generator.publish import parsed_cache
from generator.publish.cache import SiteCache
from generator.read.load import load_corpus


def shown(problems) -> list[str]:
    return sorted(str(problem) for problem in problems)


def cold_and_warm(corpus):
    cold = check(corpus.options())
    warm = check(corpus.options(), SiteCache(corpus.root / "site"))
    return cold, warm


def test_check_from_the_cache_gives_the_problems_of_a_cold_check(corpus):
    corpus.write("a.md", brief_text(title="In round one", extra="round: round-1\n"))
    corpus.write("b.md", brief_text(title="Far ahead", date="2999-01-01"))  # a warning: kept in the cache
    corpus.write("c.md", brief_text(title="Plain"))
    corpus.write("d.md", brief_text(title="Also plain", actors="[medinsky]"))
    corpus.build()

    corpus.write("c.md", brief_text(title="Plain", actors="[nobody-known]"))
    corpus.write("d.md", brief_text(title="Also plain", date="2025-02-30"))
    cold, warm = cold_and_warm(corpus)
    assert shown(warm.problems) == shown(cold.problems)
    messages = shown(warm.problems)
    assert any("b.md" in m and "2999-01-01" in m and "warning" in m for m in messages), messages
    assert any("c.md" in m and "nobody-known" in m for m in messages), messages
    assert any("d.md" in m and "error" in m for m in messages), messages
    # Only the edited briefs were checked again; the others' results came from the cache.
    assert {path.rsplit("/", 1)[-1] for path in warm.loaded.rechecked} == {"c.md", "d.md"}

    # Registries change: round one moves a year on (a.md is now far outside it) and an actor
    # entry loses its name. a.md's text is unchanged, so only the registries can bring its warning.
    corpus.registry("rounds", ROUNDS.replace("start: 2025-05-16", "start: 2026-06-16"))
    corpus.registry("actors", ACTORS + "- id: nameless\n  type: person\n")
    cold, warm = cold_and_warm(corpus)
    assert shown(warm.problems) == shown(cold.problems)
    messages = shown(warm.problems)
    assert any("a.md" in m and "outside round 'round-1'" in m for m in messages), messages
    assert any("actors.yml" in m and "error" in m for m in messages), messages


def test_kept_results_come_back_from_the_cache_file_as_checked(tmp_path):
    """Every field of every brief (sources, positions, revisions, status history, bodies) is the
    same read back from the cache's JSON as when checked; nothing is checked again."""
    write_demo_corpus(40, tmp_path / "briefs", 2025)
    today = datetime.date(2026, 1, 1)
    cold = load_corpus(tmp_path / "briefs")
    corpus, problems = validate(cold, today=today)
    warm = load_corpus(tmp_path / "briefs", parsed_cache.loads(parsed_cache.dumps(cold.parsed)))
    again, again_problems = validate(warm, today=today)
    assert warm.rechecked == set() and len(cold.rechecked) == 40
    assert again.briefs == corpus.briefs and again_problems == problems
    assert any(brief.positions for brief in corpus.briefs) and any(brief.sources for brief in corpus.briefs)
