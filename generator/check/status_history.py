"""Stage 2, check: a brief's ``status_history``, each change of its status with its date, reason and source.

The entries' keys are read by :data:`generator.check.schema.STATUS_CHANGE`; this module
checks what needs the whole brief: dates in order and not before the brief's date, each
``source`` one of the brief's sources (a number or an ``id``), and ``status`` equal to the
last entry's status::

    >>> import datetime
    >>> from generator.read.strict_yaml import load
    >>> values = {"status": "confirmed", "status_history": [{"date": datetime.date(2025, 6, 3), "status": "confirmed", "reason": "Both agree.", "source": 2}]}
    >>> problems = []
    >>> data = load("status: confirmed\\nsources: [{publisher: A}, {publisher: B}]\\n"
    ...             "status_history:\\n  - {date: 2025-06-03, status: confirmed, reason: Both agree., source: 2}")
    >>> read_status_history(values, data, datetime.date(2025, 6, 2), datetime.date(2025, 7, 1), "b.md", problems)
    (StatusChange(date=datetime.date(2025, 6, 3), status='confirmed', reason='Both agree.', source=2),)
    >>> problems
    []
"""

from __future__ import annotations

import datetime
from typing import Any

from .citations import citation_keys
from ..model import Problem, StatusChange
from .names import did_you_mean
from ..read.strict_yaml import LineDict


def read_status_history(
    values: dict[str, Any], data: LineDict, brief_date: datetime.date, today: datetime.date, path: str,
    problems: list[Problem],
) -> tuple[StatusChange, ...]:
    """The history, oldest first, as written, each source as its number. Its problems are
    added to ``problems``: errors, but for a date in the future (a warning, as elsewhere)."""
    sources = citation_keys(data)
    raw = data.get("status_history")
    records = values.get("status_history")
    if not records or not isinstance(raw, list):
        return ()
    items = [item for item in raw if isinstance(item, LineDict)]
    if len(items) != len(raw) or len(records) != len(raw):
        return ()  # an entry is malformed: read_record reported it, and the order cannot be checked
    history: list[StatusChange] = []
    for index, (record, item) in enumerate(zip(records, items)):
        label = f"status_history[{index + 1}]: "

        def report(key: str, message: str, severity: str = "error") -> None:
            problems.append(Problem(path, item.line_of(key), severity, label + message))

        day = record["date"]
        if day < brief_date:
            report("date", f"date {day} is before the brief's date {brief_date}")
        elif history and day < history[-1].date:
            report("date", f"date {day} is before the previous entry's {history[-1].date}; list the changes oldest first")
        elif day > today:
            report("date", f"date {day} is in the future", "warning")
        number = sources.get(str(record["source"]))
        if number is None:
            report("source", f"source {record['source']!r} is not one of this brief's sources "
                             f"(numbered 1 to {max(sources.values(), default=0)}, or named by id){did_you_mean(str(record['source']), sources)}")
            number = 0
        history.append(StatusChange(day, record["status"], record["reason"], number))
    status = values.get("status", "reported")
    if history[-1].status != status:
        where = data.line_of("status") if "status" in data else data.line_of("status_history")
        written = f"status is '{status}'" if "status" in data else f"status is not given (so '{status}')"
        problems.append(Problem(path, where, "error", f"{written} but the last status_history entry says "
                                f"'{history[-1].status}'; they must agree"))
    return tuple(history)
