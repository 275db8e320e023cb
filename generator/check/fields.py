"""What a front-matter or registry value may be: one parser per kind of field.

Each parser takes the raw YAML value and returns the checked Python value, or
raises :class:`FieldError` with the end of a message that starts "KEY "::

    >>> date("2025-05-16"), text(" Türkiye ")
    (datetime.date(2025, 5, 16), 'Türkiye')
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Callable

from .names import did_you_mean

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


class FieldError(ValueError):
    """A value does not fit its field; the message completes 'KEY ...'."""


def text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise FieldError(f"must be text, got the number {value!r}; put it in quotes")
    raise FieldError(f"must be non-empty text, got {_describe(value)}")


def date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _DATE_PATTERN.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError as error:
            raise FieldError(f"'{value}' is not a real date ({error})") from None
    raise FieldError(f"must be a date written YYYY-MM-DD, got {_describe(value)}")


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
        raise FieldError(f"must be true or false, got '{value}' (YAML 1.1 spelling); write true or false")
    raise FieldError(f"must be true or false, got {_describe(value)}")


RESERVED_IDS = {"index"}  # actors/index.md is the actors list, and so on


def identifier(value: Any) -> str:
    value = text(value)
    if not ID_PATTERN.match(value):
        raise FieldError(f"'{value}' is not an id: use lowercase letters, digits and single hyphens")
    if value in RESERVED_IDS:
        raise FieldError(f"'{value}' is reserved for the index page; choose another id")
    return value


def http_url(value: Any) -> str:
    value = text(value)
    if not re.match(r"^https?://[^\s/?#]+", value, re.IGNORECASE) or any(c.isspace() for c in value):
        raise FieldError(f"'{value}' is not an http(s) link; only http:// and https:// are accepted")
    return value


def code(pattern: str, what: str) -> Callable[[Any], str]:
    """A short standard code, such as a country (``RU``) or a language (``ru``)."""
    def check(value: Any) -> str:
        value = text(value)
        if not re.fullmatch(pattern, value):
            raise FieldError(f"must be {what}; got '{value}'")
        return value

    return check


def choice(*allowed: str, retired: dict[str, str] | None = None) -> Callable[[Any], str]:
    """One of ``allowed``; a word in ``retired`` (a value no longer accepted) gets its own advice."""
    retired = retired or {}

    def check(value: Any) -> str:
        if isinstance(value, bool):
            spelled = "yes/no/on/off" if value else "no/off"
            raise FieldError(
                f"must be one of {', '.join(allowed)}; got {value} "
                f"(YAML 1.1 reads {spelled} as a boolean)"
            )
        value = text(value)
        if value in retired:
            raise FieldError(f"'{value}' is no longer accepted: {retired[value]}")
        if value not in allowed:
            raise FieldError(f"must be one of {', '.join(allowed)}; got '{value}'{did_you_mean(value, allowed)}")
        return value

    return check


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise FieldError(f"must be a list, such as [a, b]; got {_describe(value)}")
    items = []
    for index, item in enumerate(value):
        try:
            items.append(text(item))
        except FieldError as error:
            raise FieldError(f"item {index + 1} {error}") from None
    return tuple(items)


def counting_number(value: Any) -> int:
    """A whole number from 1 up, such as a source's number in its brief."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise FieldError(f"must be a whole number from 1 up, got {_describe(value)}")


def source_reference(value: Any) -> int | str:
    """One of the brief's sources: its number from 1 up, or its ``id``."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if isinstance(value, str) and ID_PATTERN.match(value.strip()):
        return value.strip()
    raise FieldError(f"must be a source's number (from 1) or its id, got {_describe(value)}")


def entry_list(value: Any) -> list:
    if not isinstance(value, list):
        raise FieldError(f"must be a list of entries, each starting with '- '; got {_describe(value)}")
    return value


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(value)
