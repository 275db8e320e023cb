"""Reading the sample and a built site for the navigation tests: the raw briefs and registries,
and what a page shows (breadcrumbs, active tabs, listed briefs, timeline entries)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import yaml

from conftest import PROJECT

BRIEFS = PROJECT / "briefs"


def registry(name: str, folder: Path = BRIEFS) -> list[dict]:
    return yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8")) or []


def raw_briefs(folder: Path = BRIEFS) -> dict[str, dict]:
    """Every published brief's front matter, by slug, with its actors as ids."""
    names = {}
    for actor in registry("actors", folder):
        for name in [actor["id"], actor["name"], *actor.get("aliases", [])]:
            names[str(name).casefold()] = actor["id"]
    briefs = {}
    for path in folder.rglob("*.md"):
        if path.name == "about.md":
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        if not meta.get("draft"):
            meta["actors"] = [names[str(a).casefold()] for a in meta["actors"]]
            briefs[path.stem] = meta
    return briefs


def in_date_order(briefs: dict[str, dict], slugs) -> list[str]:
    """Oldest first; one day's briefs by slug (the timeline's order)."""
    return sorted(slugs, key=lambda slug: (briefs[slug]["date"], slug))


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def page_html(site: Path, location: str) -> str:
    return (site / location / "index.html").read_text(encoding="utf-8")


def breadcrumbs(site: Path, location: str) -> list[tuple[str, str | None, bool]]:
    """(text, link target from the site root or None, marked current) of each breadcrumb."""
    html = page_html(site, location)
    navs = re.findall(r'<nav class="breadcrumbs" aria-label="Breadcrumb"[^>]*>(.*?)</nav>', html, re.DOTALL)
    assert len(navs) == 1, location
    crumbs = []
    for item in re.findall(r"<li>(.*?)</li>", navs[0], re.DOTALL):
        link = re.search(r'<a href="([^"]*)"', item)
        target = urljoin(f"http://site/{location}", unescape(link.group(1)))[len("http://site/") :] if link else None
        crumbs.append((text(item).lstrip("› "), target, 'aria-current="page"' in item))
    return crumbs


def active_tabs(site: Path, location: str) -> list[str]:
    html = page_html(site, location)
    return [text(tab) for tab in re.findall(r'md-tabs__item--active">(.*?)</li>', html, re.DOTALL)]


def listed_briefs(html: str) -> list[str]:
    return re.findall(r'<li class="brief-item[^"]*"><a href="[^"]*briefs/([^/"]+)/"', html)


def timeline_entries(html: str) -> list[tuple]:
    """The timeline's entries in page order: ("brief", slug) or (edge, round id)."""
    entries = []
    for item in re.findall(r"<li class=\"((?:brief-item|timeline-marker)[^\"]*)\">(.*?)</li>", html, re.DOTALL):
        classes, inner = item
        if classes.startswith("brief-item"):
            entries.append(("brief", re.search(r"briefs/([^/\"]+)/", inner).group(1), text(inner)))
        else:
            edge = "start" if "begins" in text(inner) else "end"
            entries.append((edge, re.search(r"rounds/([^/\"]+)/", inner).group(1), text(inner)))
    return entries
