"""A brief's ``updated`` date and ``corrections``: read, and checked against its date.

Each date should fall on or after the brief's ``date`` and not in the future;
either slip is a warning, as a future ``date`` is::

    >>> import datetime
    >>> from generator.read.strict_yaml import load
    >>> data = load("updated: 2025-05-20\\ncorrections:\\n  - {date: 2025-05-18, note: Fixed}")
    >>> values = {"updated": datetime.date(2025, 5, 20), "corrections": [{"date": datetime.date(2025, 5, 18), "note": "Fixed"}]}
    >>> problems = []
    >>> fields = read_revisions(values, data, datetime.date(2025, 5, 19), datetime.date(2025, 6, 1), "b.md", problems)
    >>> fields["updated"], [str(p) for p in problems]
    (datetime.date(2025, 5, 20), ["b.md:3: warning: corrections[1]: date 2025-05-18 is before the brief's date 2025-05-19"])
"""

from __future__ import annotations

import datetime
from typing import Any

from ..model import Correction, Problem
from ..read.strict_yaml import LineDict


def _check(day: datetime.date, what: str, line: int, brief_date: datetime.date, today: datetime.date, path: str) -> list[Problem]:
    if day < brief_date:
        return [Problem(path, line, "warning", f"{what}date {day} is before the brief's date {brief_date}")]
    if day > today:
        return [Problem(path, line, "warning", f"{what}date {day} is in the future")]
    return []


def read_revisions(
    values: dict[str, Any], data: LineDict, brief_date: datetime.date, today: datetime.date, path: str,
    problems: list[Problem],
) -> dict[str, Any]:
    """``updated`` and ``corrections`` as :class:`~generator.model.Brief` fields (corrections
    oldest first); problems with their dates are added to ``problems``."""
    updated = values.get("updated")
    if updated is not None:
        problems += _check(updated, "updated: ", data.line_of("updated"), brief_date, today, path)
    corrections = []
    raw = data.get("corrections") or []
    for index, record in enumerate(values.get("corrections", ())):
        item = raw[index] if index < len(raw) and isinstance(raw[index], LineDict) else None
        line = item.line_of("date") if item is not None else data.line_of("corrections")
        problems += _check(record["date"], f"corrections[{index + 1}]: ", line, brief_date, today, path)
        corrections.append(Correction(record["date"], record["note"]))
    corrections.sort(key=lambda correction: correction.date)
    return {"updated": updated, "corrections": tuple(corrections)}
