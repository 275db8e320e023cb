"""The sample's own errors, fixed in public: each fix is a correction on its brief (or a note in
its registry), and every sentence with a figure or an attributed statement cites a source that
could report it. Read with PyYAML and the tests' own sentence splitter, not the generator."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml

from conftest import PROJECT, article, front_matter

BRIEFS = PROJECT / "briefs"
SAMPLE = sorted(BRIEFS.glob("2025/*/*.md"))
MONTHS = {name: number for number, name in enumerate(
    "January February March April May June July August September October November December".split(), 1)}

# A figure (in digits or words), a quotation, or a verb that attributes a statement or an act to someone.
FIGURE_OR_ATTRIBUTION = re.compile(
    r"\d|\"|“|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|thousand)\b"
    r"|\b(?:said|says|asked|offered|proposed|undertook|called|confirmed|announced|demanded)\b", re.IGNORECASE)

# (brief, wrong words that must be gone) for each error issue 23 lists.
FIXED = [
    ("2025-05-16-turkiye-us-ukraine-meeting", "delegation leaders"),
    ("2025-05-27-zelensky-ready-for-leaders-meeting", "move talks forward"),
    ("2025-05-25-thousand-for-thousand-exchange-completed", "ran over three days"),
    ("2025-05-16-round-1-outcome", None),
    ("2025-06-02-round-2-agreements", None),
]


def _brief(slug: str):
    path = next(path for path in SAMPLE if path.stem == slug)
    return path, front_matter(path), path.read_text(encoding="utf-8").split("---\n", 2)[2]


def _sentences(body: str) -> list[str]:
    """Prose sentences; list items are covered by the citation on the line that introduces them."""
    prose = " ".join(line for line in body.splitlines() if not re.match(r"\s*(?:[-*]|\d+\.)\s", line))
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*])", prose) if s.strip()]


@pytest.mark.parametrize("slug, wrong", FIXED)
def test_each_listed_error_is_fixed_and_recorded_as_a_correction(slug, wrong):
    path, meta, body = _brief(slug)
    corrections = meta.get("corrections") or []
    assert corrections, f"{path.name} has no correction"
    assert all(isinstance(c["date"], datetime.date) and c["date"] > meta["date"] and len(c["note"]) > 40 for c in corrections)
    if wrong:
        assert wrong not in path.read_text(encoding="utf-8").split("corrections:")[0] + body


def test_round_2_outcome_says_documents_not_memoranda_with_a_note():
    text = (BRIEFS / "rounds.yml").read_text(encoding="utf-8")
    round_2 = next(entry for entry in yaml.safe_load(text) if entry["id"] == "istanbul-2025-2")
    assert not round_2["outcome"].startswith("Memoranda")
    assert "Documents exchanged" in round_2["outcome"] and "only at the table" in round_2["outcome"]
    assert re.search(r"# Correction, \d{4}-\d{2}-\d{2}: the outcome said \"Memoranda exchanged\"", text)


def test_publishers_note_records_the_relabelling():
    text = (BRIEFS / "publishers.yml").read_text(encoding="utf-8")
    assert re.search(r"# Correction, \d{4}-\d{2}-\d{2}: TASS, Sputnik and Pravda.ru were typed state-media", text)


@pytest.mark.parametrize("path", SAMPLE, ids=lambda path: path.stem)
def test_every_figure_and_attributed_statement_is_cited(path):
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    for sentence in _sentences(body):
        if re.search(FIGURE_OR_ATTRIBUTION, sentence):
            assert "[@" in sentence, (path.name, sentence)


@pytest.mark.parametrize("path", SAMPLE, ids=lambda path: path.stem)
def test_no_sentence_cites_a_source_published_before_the_day_it_reports(path):
    """A day up to the brief's own is something that happened (a later one is a plan, as "on 2 June")."""
    meta = front_matter(path)
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    for sentence in _sentences(body):
        days = [datetime.date(meta["date"].year, MONTHS[month], int(day))
                for day, month in re.findall(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)})\b", sentence)]
        days = [day for day in days if day <= meta["date"]]
        for number in map(int, re.findall(r"@(\d+)", sentence)):
            published = meta["sources"][number - 1].get("published")
            if published and days:
                assert published >= max(days), (path.name, sentence, number)


def test_the_corrections_show_on_the_sample_pages(sample_site):
    for slug, _ in FIXED:
        _, meta, _ = _brief(slug)
        page = article(sample_site / "briefs" / slug / "index.html")
        assert 'id="corrections"' in page
        for correction in meta["corrections"]:
            assert correction["date"].isoformat() in page
