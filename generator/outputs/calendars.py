"""Stage 5, outputs: the rounds as iCalendar (RFC 5545) files: ``/rounds.ics`` holds every
round, ``/rounds/<id>/calendar.ics`` one round, so that a reader can subscribe to the
talks or add one round to a calendar.

A round is an all-day event from its ``start`` to its ``end`` (the end is exclusive in
iCalendar, so the day after). Its UID comes from the site and the round's id, so an edit of
the registry updates the event instead of adding another. A proposed or postponed round is
TENTATIVE, a cancelled one CANCELLED, others CONFIRMED. DTSTAMP is the newest date in the
data, never the clock: equal inputs give equal bytes. The text is small and regular enough
to write directly: values escaped as RFC 5545 §3.3.11 says, lines folded at 75 octets.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import uuid
from pathlib import Path

from ..config.site_url import SiteAddress
from ..model import Corpus, Round
from ..urls import ROUNDS_CALENDAR, round_calendar, round_page
from .site_files import replace_file

STATUS = {"proposed": "TENTATIVE", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}  # else CONFIRMED
# What no iCalendar text value may hold (RFC 5545 §3.3.11: any character but CONTROL; newlines are escaped).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def text(value: str) -> str:
    r"""A TEXT value: ``\``, ``;`` and ``,`` escaped, line breaks as ``\n``.

    >>> text("Geneva; Palais, room 2\nafternoon")
    'Geneva\\; Palais\\, room 2\\nafternoon'
    """
    value = _CONTROL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, each continuation starting with a
    space, never inside a UTF-8 character; lines end in CRLF."""
    pieces, current, size = [], "", 0
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > 75:
            pieces.append(current)
            current, size = " ", 1
        current += character
        size += octets
    pieces.append(current)
    return "".join(piece + "\r\n" for piece in pieces)


def uid(address: SiteAddress, round_id: str) -> str:
    """Stable across builds and edits: a name-based UUID of the site and the round's page."""
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, address.identity + round_page(round_id))}@briefing"


def _day(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def _event(round: Round, corpus: Corpus, address: SiteAddress) -> list[str]:
    end = (round.end or round.start) + datetime.timedelta(days=1)
    participants = ", ".join(corpus.actors[id].name for id in round.participants)
    description = "\n".join(filter(None, [
        f"Status: {round.status}",
        participants and f"Participants: {participants}",
        round.outcome and f"Outcome: {round.outcome}",
    ]))
    url = address.page_url(round_page(round.id))
    return [
        "BEGIN:VEVENT",
        f"UID:{uid(address, round.id)}",
        f"DTSTAMP:{_day(address.newest)}T000000Z",
        f"DTSTART;VALUE=DATE:{_day(round.start)}",
        f"DTEND;VALUE=DATE:{_day(end)}",
        f"SUMMARY:{text(round.name)}",
        *([f"LOCATION:{text(round.venue)}"] if round.venue else []),
        f"DESCRIPTION:{text(description)}",
        f"STATUS:{STATUS.get(round.status, 'CONFIRMED')}",
        "TRANSP:TRANSPARENT",
        *([f"URL:{url}"] if url else []),
        "END:VEVENT",
    ]


def calendar(rounds: list[Round], corpus: Corpus, address: SiteAddress, name: str) -> bytes:
    """An iCalendar file holding ``rounds``, earliest first."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//briefing//rounds//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{text(name)}"]
    for round in sorted(rounds, key=lambda r: (r.start, r.id)):
        lines += _event(round, corpus, address)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")


def write_calendars(site: Path, corpus: Corpus, address: SiteAddress) -> None:
    """``/rounds.ics`` and each round's ``calendar.ics``, written whole into the staged site;
    the calendar of a round no longer in the registry is removed."""
    title = f"{address.site_name}: rounds" if address.site_name else "Rounds"
    replace_file(site / ROUNDS_CALENDAR, calendar(list(corpus.rounds.values()), corpus, address, title))
    files = {round_calendar(round.id) for round in corpus.rounds.values()}
    for round in corpus.rounds.values():
        replace_file(site / round_calendar(round.id), calendar([round], corpus, address, round.name))
    for stale in (site / "rounds").glob(f"*/{Path(round_calendar('x')).name}"):
        if stale.relative_to(site).as_posix() not in files:
            stale.unlink()
            with contextlib.suppress(OSError):  # the round's folder, if nothing else is left in it
                stale.parent.rmdir()
