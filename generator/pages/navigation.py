"""Where a page sits in the site: its section (the tab shown active), its breadcrumbs,
and a brief's neighbours by date.

Material marks a tab active only for pages in the nav, and the nav lists index pages
only (see ``NAV``). So every page says its section in its meta (``section:``), and the
theme override (``overrides/main.html``) marks the tab of that title active, under
MkDocs' Jinja2 and Zensical's MiniJinja alike. Every page also hides the navigation
sidebar (``hide: [navigation]``): with the tabs it would only repeat them or link to
the page itself. Breadcrumbs are written into the page itself, before its heading.

    >>> section_of("briefs/talks.md"), section_of("actors/umerov/2025.md"), section_of("index.md")
    ('Timeline', 'Actors', 'Home')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..config.options import NAV
from .render_text import meta_value
from ..urls import page_location

HOME = NAV[0]
TIMELINE = next(entry for entry in NAV if entry[1] == "timeline.md")


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str | None = None  # the page it links to; None for the page itself
    anchor: str = ""  # a place on that page (``2025``: the year's heading on the timeline)


def section_entry(page: str) -> tuple[str, str] | None:
    """The nav entry (title, path) of the section ``page`` belongs to; briefs belong to the timeline."""
    location = page_location(page)
    if location.startswith("briefs/"):
        return TIMELINE
    if location == "":
        return HOME
    for title, path in NAV:
        if page_location(path) and location.startswith(page_location(path)):
            return title, path
    return None


def section_of(page: str) -> str | None:
    entry = section_entry(page)
    return entry[0] if entry else None


def trail(page: str, *below: Crumb) -> tuple[Crumb, ...]:
    """Home › the page's section › ``below``…; the last crumb is the page itself.
    The section's own page is the page itself when nothing is below it."""
    if page == HOME[1]:
        return ()
    entry = section_entry(page)
    if entry is None:
        return (Crumb(*HOME), *below)
    title, path = entry
    return (Crumb(*HOME), Crumb(title, path if below else None), *below)


def page_meta(page: str) -> str:
    """The meta lines every page carries: its section (for the active tab), and no navigation sidebar."""
    section = section_of(page)
    lines = [f"section: {meta_value(section)}"] if section else []
    return "".join(line + "\n" for line in [*lines, "hide:", "  - navigation"])


def with_navigation(page: str, text: str, breadcrumbs: str) -> str:
    """A rendered page with the shared meta added to its front matter and the breadcrumbs
    (a raw HTML block) placed right after it, before the page's heading."""
    if not text.startswith("---\n"):
        raise ValueError(f"{page}: a page template must start with its meta block")
    end = text.index("\n---\n", 3) + len("\n---\n")
    head = "---\n" + page_meta(page) + text[4:end]
    return head + (f"\n{breadcrumbs}\n" if breadcrumbs else "") + text[end:]


def neighbours(chronological: Sequence) -> dict[str, tuple]:
    """Each brief's (previous, next) brief in date order, as the timeline orders them; None at the ends."""
    padded = [None, *chronological, None]
    return {brief.slug: (padded[i], padded[i + 2]) for i, brief in enumerate(chronological)}
