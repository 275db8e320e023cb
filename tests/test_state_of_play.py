"""The home page's state of play, checked against the tests' own reading of the raw files
(tests/wayfinding_corpus.py): the latest round, what changed in 7 and 30 days, the rounds to
come, the newest briefs, and a link behind every count and claim."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from conftest import article, broken_links, brief_text, content_links
from generator.config.options import LATEST_ON_HOME
from generator.pages.state_of_play import status_changes
from markup import PAYLOADS, write_markup_corpus
from wayfinding_corpus import expected_state, text_of, wayfinding_corpus

class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


ROWS = {"New briefs": "new", "Status changes": "status", "Corrections": "corrections", "Position moves": "moves"}


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    corpus = wayfinding_corpus(tmp_path_factory.mktemp("state-of-play"))
    site = corpus.build()
    return site, article(site / "index.html"), expected_state(corpus.briefs)


def card(page: str, heading_id: str) -> str:
    """The card that starts with the heading ``heading_id``: up to its closing tag (cards hold no other div)."""
    start = page.index(f'<h2 id="{heading_id}"')
    return page[start: page.index("</div>", start)]


def test_latest_round_shows_dates_venue_outcome_and_its_briefs(home):
    _, page, expected = home
    round = expected["latest_round"]
    latest = card(page, "latest-round")
    assert f'href="rounds/{round["id"]}/"' in latest and round["name"] in latest
    assert long_date(round["start"]) in text_of(latest) and round["venue"] in latest and round["outcome"] in latest
    assert set(re.findall(r'href="briefs/([^/]+)/"', latest)) == expected["latest_round_briefs"]
    assert f'{len(expected["latest_round_briefs"])} briefs on this round' in text_of(latest)


def test_every_change_count_matches_the_raw_files_and_links_to_its_source(home):
    _, page, expected = home
    assert f"In the 7 and 30 days to {long_date(expected['as_of'])}" in text_of(page)
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', page))
    assert set(rows) == set(ROWS)
    for label, kind in ROWS.items():
        cells = re.findall(r"<td>(.*?)</td>", rows[label])
        for cell, days in zip(cells, (7, 30), strict=True):
            number = len(expected["windows"][days][kind])
            assert text_of(cell) == str(number), (label, days)
            target = {"new": "timeline/", "status": "#status-changes", "corrections": "#corrections", "moves": "#position-moves"}[kind]
            assert (f'href="{target}"' in cell) == (number > 0), (label, days, cell)
    # The numbers themselves, so that a reading shared by the test and the generator cannot hide a slip.
    assert {kind: (len(expected["windows"][7][kind]), len(expected["windows"][30][kind])) for kind in ROWS.values()} == {
        "new": (1, 4), "status": (1, 1), "corrections": (1, 2), "moves": (0, 1)}


def test_changes_are_listed_with_links_to_the_briefs_actors_and_topics(home):
    _, page, expected = home
    changes = page[page.index('id="changes"'):]
    moves = changes[changes.index('id="position-moves"'):]
    for actor, topic, before, after, slug in expected["windows"][30]["moves"]:
        assert re.search(rf'<a href="actors/{actor}/">[^<]+</a> moved from {before} to {after} on <a href="topics/{topic}/">', moves)
        assert f'href="briefs/{slug}/"' in moves
    corrections = changes[changes.index('id="corrections"'):changes.index('id="position-moves"')]
    assert {(slug, date) for slug, date in expected["windows"][30]["corrections"]} == {
        (slug, date) for slug, date in expected["windows"][30]["corrections"] if f'href="briefs/{slug}/"' in corrections}
    assert "The date was wrong." in corrections and "The venue was misnamed." in corrections
    statuses = changes[changes.index('id="status-changes"'):changes.index('id="corrections"')]
    assert set(re.findall(r'href="briefs/([^/]+)/"', statuses)) == expected["windows"][30]["status"]


def test_rounds_to_come_soonest_first_with_their_calendars(home):
    site, page, expected = home
    coming = page[page.index('id="coming-up"'):page.index('id="newest-briefs"')]
    assert re.findall(r'href="rounds/([^/]+)/"', coming) == expected["upcoming"]
    for id in expected["upcoming"]:
        assert f'href="rounds/{id}/calendar.ics"' in coming and (site / "rounds" / id / "calendar.ics").is_file()
    assert 'href="rounds.ics"' in page and (site / "rounds.ics").is_file()


def test_newest_briefs_and_the_way_to_the_timeline(home):
    _, page, expected = home
    newest = card(page, "newest-briefs")
    assert re.findall(r'href="briefs/([^/]+)/"', newest) == expected["newest"][:LATEST_ON_HOME]
    assert 'href="timeline/"' in newest and f"All {len(expected['newest'])} briefs on the timeline" in text_of(newest)


def test_every_link_on_the_home_page_leads_somewhere(home):
    site, _, _ = home
    assert [link for page, link in broken_links(site) if page == site / "index.html"] == []
    assert len(content_links(site / "index.html")) > 20


def test_no_coming_up_without_rounds_to_come(corpus):
    corpus.write("a.md", brief_text())
    corpus.registry("rounds", "- id: r\n  name: Held round\n  start: 2025-05-16\n  status: held\n")
    page = article(corpus.build() / "index.html")
    assert 'id="coming-up"' not in page and "Coming up" not in page and 'href="rounds/r/"' in page


def test_status_history_gives_each_change_with_the_status_it_left():
    entry = lambda day, status: SimpleNamespace(date=datetime.date(2025, 6, day), status=status, reason=f"why {day}")  # noqa: E731
    brief = SimpleNamespace(status="disputed", updated=None, status_history=(
        entry(3, "confirmed"), entry(1, "reported"), entry(5, "disputed"), entry(6, "disputed")))
    assert [(c.date.day, c.previous, c.status, c.reason) for c in status_changes(brief)] == [
        (1, None, "reported", "why 1"), (3, "reported", "confirmed", "why 3"), (5, "confirmed", "disputed", "why 5")]
    assert [(c.previous, c.status) for c in status_changes(SimpleNamespace(status="confirmed", status_history=(entry(4, "confirmed"),)))] == [
        (None, "confirmed")]  # one entry is one change, from a status the history does not name
    assert status_changes(SimpleNamespace(status="confirmed", updated=datetime.date(2025, 6, 9))) [0].previous is None
    assert status_changes(SimpleNamespace(status="reported", updated=datetime.date(2025, 6, 9))) == []


def test_payloads_on_the_home_page_are_text(corpus):
    write_markup_corpus(corpus)
    site = corpus.build()
    page = article(site / "index.html")
    shown = text_of(page)
    for name in ("title", "round_name", "venue", "correction_note"):
        assert PAYLOADS[name] in shown, name
        if "<" in PAYLOADS[name]:
            assert PAYLOADS[name] not in page, name
    tags = Tags()
    tags.feed(page)
    assert not tags.names & {"script", "img", "svg", "iframe", "details", "style", "b", "u"}
    assert not [name for name, _ in tags.attributes if name.startswith("on")]
    assert not [value for name, value in tags.attributes if name == "href" and "javascript" in value.lower()]
