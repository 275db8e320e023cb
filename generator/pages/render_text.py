"""Values as pages show them: text safe inside Markdown or page meta, links, dates, counts.

    >>> counted(1, "brief"), counted(0, "brief"), counted(2, "brief")
    ('1 brief', '0 briefs', '2 briefs')
    >>> script_lang("Київ"), script_lang("Зеленский"), script_lang("Зеленський", "uk"), script_lang("Zelensky", "uk")
    ('uk', 'ru', 'uk', '')
"""

from __future__ import annotations

import calendar
import datetime
import html
import re
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

# Python-Markdown's backslash escapes, plus '|' from the tables extension.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: Any) -> Markup:
    """Make any value show as plain text inside Markdown (outside raw HTML)."""
    if isinstance(value, Markup):
        return value
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(value).split()))
    return Markup(html.escape(text, quote=False))


# What YAML cannot print: C0 but tab, DEL, C1 (with the U+0085 line break), the U+2028/2029
# line breaks, surrogates and U+FFFE/FFFF. One of them left raw makes the page's meta block
# invalid, and MkDocs then silently renders the block as Markdown.
_YAML_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _yaml_escape(match: re.Match) -> str:
    code = ord(match.group())
    # libyaml, which MkDocs uses, refuses "\ud800": a lone surrogate can only be replaced.
    return "\\uFFFD" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04X}"


def meta_value(value: Any) -> Markup:
    """A page-meta YAML scalar that always parses. Material prints ``page.meta.title`` into <title> unescaped."""
    text = html.escape(" ".join(str(value).split()), quote=True).replace("\\", "\\\\")
    return Markup('"' + _YAML_UNPRINTABLE.sub(_yaml_escape, text) + '"')


def external_url(url: str) -> str:
    """An http(s) link target, percent-encoded; autoescape then makes it safe in ``href="…"``."""
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise ValueError(f"refusing to link to {url!r}")
    return quote(url, safe="/:?#[]@!$&'*+,;=%~")


def domain(url: str) -> str:
    """The host a link leads to, as readers know it: ``https://www.tass.com/x`` → ``tass.com``."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host


def long_date(value: datetime.date) -> str:
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def month_name(month: int) -> str:
    return calendar.month_name[month]


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: ``1 brief``, ``0 briefs``, ``1,200 briefs``."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


# Letters one of the two languages writes and the other does not.
_UKRAINIAN = frozenset("ІіЇїЄєҐґ")
_RUSSIAN = frozenset("ЫыЭэЪъЁё")


def script_lang(text: str, declared: str | None = None) -> str:
    """The ``lang`` of a name written in Cyrillic, so that screen readers read it in its
    language; "" for any other text. The actor's ``alias_lang`` (actors.yml) decides; without
    it, a letter only Ukrainian uses (і ї є ґ) makes it "uk", any other Cyrillic "ru"."""
    if not any("\u0400" <= character <= "\u04ff" for character in text):
        return ""
    if declared:
        return declared
    return "uk" if _UKRAINIAN & set(text) and not _RUSSIAN & set(text) else "ru"
