"""A kept check result does not depend on the calendar day more than the brief does: it is
reused on a later day while none of the brief's own days has come, and checked again once one has
(its "in the future" warnings then go)."""

from __future__ import annotations

import datetime

import yaml

from conftest import brief_text
from generator.check.validate import validate
from generator.publish import parsed_cache
from generator.read.load import load_corpus


def future_warnings(problems) -> set[str]:
    return {problem.path.rsplit("/", 1)[-1] for problem in problems if "in the future" in problem.message}


def test_a_kept_result_holds_until_one_of_its_days_comes(corpus):
    corpus.write("past.md", brief_text(title="Past", date="2025-05-16"))
    corpus.write("ahead.md", brief_text(title="Ahead", date="2030-01-01", extra="updated: 2030-03-01\n"))
    front = {name: yaml.safe_load((corpus.briefs / name).read_text().split("---\n")[1]) for name in ("past.md", "ahead.md")}
    days = {name: [data[key] for key in ("date", "updated") if key in data] for name, data in front.items()}
    parsed = None
    for today, rechecked in [
        (datetime.date(2026, 1, 1), {"past.md", "ahead.md"}),  # nothing kept yet
        (datetime.date(2029, 12, 31), set()),  # a later day, but none of the briefs' days has come
        (datetime.date(2030, 1, 1), {"ahead.md"}),  # its date has come; its 'updated' has not
        (datetime.date(2030, 2, 1), set()),
        (datetime.date(2030, 3, 1), {"ahead.md"}),
        (datetime.date(2025, 1, 1), {"past.md", "ahead.md"}),  # the clock set back: both dates are ahead again
    ]:
        raw = load_corpus(corpus.briefs, parsed)
        _, problems = validate(raw, today=today)
        assert {path.rsplit("/", 1)[-1] for path in raw.rechecked} == rechecked, today
        expected = {name for name, dates in days.items() for day in dates if day > today}
        assert future_warnings(problems) == expected, today
        cold, cold_problems = validate(load_corpus(corpus.briefs), today=today)
        assert sorted(map(str, problems)) == sorted(map(str, cold_problems))
        parsed = parsed_cache.loads(parsed_cache.dumps(raw.parsed))
