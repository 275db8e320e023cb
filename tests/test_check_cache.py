"""``check`` reuses the build cache's results (see generator.check.results) and reports exactly
what it reports without them: the same problems warm and cold, only changed briefs checked
again, and a registry change reaching briefs whose own text did not change."""

from __future__ import annotations

from conftest import ACTORS, ROUNDS, brief_text
from generator.build import check
from generator.publish.cache import SiteCache


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
