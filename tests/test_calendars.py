"""The rounds as iCalendar: /rounds.ics and /rounds/<id>/calendar.ics, read back with the
``icalendar`` package and compared with rounds.yml as PyYAML reads it."""

from __future__ import annotations

import datetime

import pytest
import yaml

from conftest import article
from markup import PAYLOADS, write_markup_corpus
from wayfinding_corpus import write_wayfinding_corpus

icalendar = pytest.importorskip("icalendar")

STATUS = {"proposed": "TENTATIVE", "postponed": "TENTATIVE", "cancelled": "CANCELLED", "scheduled": "CONFIRMED", "held": "CONFIRMED"}


def events(path) -> dict[str, icalendar.Event]:
    """The events of a calendar file, by SUMMARY."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def day(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@pytest.fixture
def built(corpus):
    write_wayfinding_corpus(corpus)
    rounds = (corpus.briefs / "rounds.yml").read_text(encoding="utf-8")
    corpus.registry("rounds", rounds + "- id: round-5\n  name: 'Round five; a, b \\ c'\n  start: 2025-08-01\n  status: cancelled\n"
                    "- id: round-6\n  name: Round six\n  start: 2025-08-10\n  status: postponed\n")
    return corpus, corpus.build()


def test_every_round_is_one_event_with_its_dates_venue_and_status(built):
    corpus, site = built
    rounds = yaml.safe_load((corpus.briefs / "rounds.yml").read_text(encoding="utf-8"))
    everything = events(site / "rounds.ics")
    assert set(everything) == {r["name"] for r in rounds}
    for round in rounds:
        for event in (everything[round["name"]], events(site / "rounds" / round["id"] / "calendar.ics")[round["name"]]):
            assert event.decoded("DTSTART") == day(round["start"])
            assert event.decoded("DTEND") == day(round.get("end", round["start"])) + datetime.timedelta(days=1)  # exclusive
            assert str(event["STATUS"]) == STATUS[round["status"]], round["id"]
            assert str(event.get("LOCATION", "")) == round.get("venue", "")
            assert (round.get("outcome") or "") in str(event["DESCRIPTION"])
            assert str(event["URL"]) == f"https://briefs.example.org/rounds/{round['id']}/"
        assert len(events(site / "rounds" / round["id"] / "calendar.ics")) == 1
    assert str(everything["Round three"]["STATUS"]) == "TENTATIVE"  # proposed


def test_uids_are_unique_and_stay_when_a_round_is_edited(built):
    corpus, site = built
    before = {name: str(event["UID"]) for name, event in events(site / "rounds.ics").items()}
    assert len(set(before.values())) == len(before)
    rounds = corpus.briefs / "rounds.yml"
    rounds.write_text(rounds.read_text(encoding="utf-8").replace("venue: Riyadh", "venue: Jeddah"), encoding="utf-8")
    site = corpus.build()
    after = events(site / "rounds.ics")
    assert {name: str(event["UID"]) for name, event in after.items()} == before
    assert str(after["Round three"]["LOCATION"]) == "Jeddah"


def test_a_removed_round_takes_its_calendar_with_it(built):
    corpus, site = built
    assert (site / "rounds" / "round-6" / "calendar.ics").is_file()
    rounds = corpus.briefs / "rounds.yml"
    rounds.write_text(rounds.read_text(encoding="utf-8").split("- id: round-6")[0], encoding="utf-8")
    site = corpus.build()
    assert not (site / "rounds" / "round-6" / "calendar.ics").exists() and "Round six" not in events(site / "rounds.ics")


def test_lines_are_folded_crlf_and_at_most_75_octets(built):
    _, site = built
    data = (site / "rounds.ics").read_bytes()
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_rounds_page_and_round_pages_link_their_calendars(built):
    _, site = built
    assert 'href="../rounds.ics"' in article(site / "rounds" / "index.html")
    assert 'href="../../rounds/round-3/calendar.ics"' in article(site / "rounds" / "round-3" / "index.html")


def test_payloads_come_back_as_written(corpus):
    write_markup_corpus(corpus)
    site = corpus.build()
    for path in (site / "rounds.ics", site / "rounds" / "r" / "calendar.ics"):
        event = events(path)[PAYLOADS["round_name"]]
        assert str(event["LOCATION"]) == PAYLOADS["venue"]
        assert f"Outcome: {PAYLOADS['outcome']}" in str(event["DESCRIPTION"])
        assert PAYLOADS["actor_name"] in str(event["DESCRIPTION"])
        assert str(event["STATUS"]) == "TENTATIVE"


def test_text_values_are_escaped_as_rfc_5545_says(built):
    """icalendar reads an unescaped ';' or '\\' leniently, so the raw line is checked too (RFC 5545 §3.3.11)."""
    _, site = built
    assert b"\r\nSUMMARY:Round five\\; a\\, b \\\\ c\r\n" in (site / "rounds.ics").read_bytes()
