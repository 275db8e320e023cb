"""Resolve what authors write (an id, a name, any alias, in any case) to an id.

    >>> names = NameIndex("actor")
    >>> names.add("zelensky", ["Volodymyr Zelensky", "Zelenskyy", "Зеленський"])
    []
    >>> names.resolve("ZELENSKYY"), names.resolve("зеленський")
    ('zelensky', 'zelensky')
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Iterable


def suggestion(candidates: list[str]) -> str:
    """The tail of a message that offers the closest known names, or nothing."""
    return f"; did you mean {' or '.join(repr(c) for c in candidates)}?" if candidates else ""


def did_you_mean(value: str, known) -> str:
    return suggestion(difflib.get_close_matches(value, list(known), n=3, cutoff=0.6))


def name_key(name: str) -> str:
    """Names compare after NFC and case folding: 'Ö' typed as O + U+0308 is 'ö'."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return " ".join(folded.split())


class NameIndex:
    def __init__(self, kind: str):
        self.kind = kind
        self._ids: dict[str, str] = {}
        self._shown: dict[str, str] = {}

    @classmethod
    def of(cls, kind: str, entries: Iterable[tuple[str, Iterable[str]]]) -> "NameIndex":
        index = cls(kind)
        for id, names in entries:
            index.add(id, names)
        return index

    def add(self, id: str, names: Iterable[str]) -> list[str]:
        """Register ``id`` under itself and ``names``; return the names another id already holds."""
        clashes = []
        for name in [id, *names]:
            key = name_key(name)
            holder = self._ids.get(key)
            if holder is not None and holder != id:
                clashes.append(f"'{name}' is already a name of {self.kind} '{holder}'")
                continue
            self._ids[key] = id
            self._shown.setdefault(key, name)
        return clashes

    def resolve(self, name: str) -> str | None:
        return self._ids.get(name_key(name))

    def unknown(self, name: str) -> str:
        """The message for a name that resolves to nothing, with the closest known names."""
        close: dict[str, str] = {}
        for key in difflib.get_close_matches(name_key(name), list(self._ids), n=10, cutoff=0.6):
            close.setdefault(self._ids[key], self._shown[key])
        shown = list(close.values())[:3]
        hint = suggestion(shown)
        if not self._ids:
            hint = f"; the {self.kind} registry is empty or missing"
        return f"unknown {self.kind} '{name}'{hint}"
