"""Split index pages, read two ways: what the raw briefs say belongs on each page, and
what the built HTML lists on a page and on the year pages it links to."""

from __future__ import annotations

import calendar
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin

import yaml

from conftest import article, content_links, parse_page

Entries = dict  # entry (a brief slug, or a (source url, brief slug) citation) → the brief's date


def expected_pages(briefs_dir: Path) -> tuple[dict[str, Entries], dict[str, Entries]]:
    """From the raw files: the briefs of every actor, round and topic page and of the
    timeline (keyed by URL path), and the citations of every publisher (keyed by name)."""
    names = {}
    for actor in yaml.safe_load((briefs_dir / "actors.yml").read_text(encoding="utf-8")):
        for name in [actor["id"], actor["name"], *actor.get("aliases", [])]:
            names[str(name).casefold()] = actor["id"]
    pages: dict[str, Entries] = {}
    publishers: dict[str, Entries] = {}
    for path in briefs_dir.rglob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8-sig").split("---", 2)[1])
        if meta.get("draft"):
            continue
        slug, date = path.stem, meta["date"]
        keys = ["timeline", *(f"actors/{names[str(a).casefold()]}" for a in meta["actors"])]
        keys += [f"topics/{t}" for t in meta.get("topics", [])] + ([f"rounds/{meta['round']}"] if meta.get("round") else [])
        for key in keys:
            pages.setdefault(key, {})[slug] = date
        for source in meta["sources"]:
            publishers.setdefault(str(source["publisher"]), {})[(source["url"], slug)] = date
    return pages, publishers


def resolve(key: str, link: str) -> str:
    """A link on the page at ``/key/`` as a path from the site root (``actors/x/2024``)."""
    return urljoin(f"http://site/{key}/", link)[len("http://site/") :].rstrip("/")


def briefs_in(html: str) -> set[str]:
    """The briefs a page lists (its "Positions" section, which cites briefs too, left out)."""
    html = re.sub(r'<ul class="position-history">.*?</ul>', "", html, flags=re.DOTALL)
    return set(re.findall(r'href="[^"]*briefs/([^/"]+)/"', html))


def citations_in(html: str) -> set[tuple[str, str]]:
    """(source url, citing brief) for every list item that starts with an external link."""
    found = set()
    for item in re.findall(r"<li>(.*?)</li>", html, re.DOTALL):
        links = re.findall(r'href="([^"]*)"', item)
        if links and links[0].startswith("http"):
            found.update((unquote(links[0].replace("&amp;", "&")), slug) for slug in briefs_in(item))
    return found


def month_sections(page: Path) -> dict[tuple[int, int], str]:
    """A year page's content by its month headings (``## May 2024``)."""
    months = {name: number for number, name in enumerate(calendar.month_name) if name}
    sections = {}
    for chunk in re.split(r"<h2", article(page))[1:]:
        heading = parse_text(chunk[chunk.index(">") + 1 : chunk.index("</h2>")]).strip("¶ ")
        name, year = heading.rsplit(" ", 1)
        sections[(int(year), months[name])] = chunk
    return sections


def year_dirs(site: Path, key: str) -> set[int]:
    return {int(p.name) for p in (site / key).glob("[0-9][0-9][0-9][0-9]") if p.is_dir()}


def check_listing(site: Path, key: str, expected: Entries, threshold: int, title: str | None = None) -> None:
    """The page ``/key/`` and its year pages list exactly ``expected``, each entry on the
    page of its year under its month; past ``threshold`` entries the page shows the newest
    ``threshold`` items (a brief, or a source with all its citations) and links every year."""
    citations = bool(expected) and isinstance(next(iter(expected)), tuple)
    entries_in = citations_in if citations else briefs_in
    item_of = (lambda entry: entry[0]) if citations else (lambda entry: entry)  # noqa: E731
    items: dict = {}
    for entry, date in expected.items():
        items[item_of(entry)] = max(date, items.get(item_of(entry), date))
    main = site / key / "index.html"
    shown = entries_in(article(main))
    if len(items) <= threshold:
        assert shown == set(expected), key
        assert year_dirs(site, key) == set(), key
        return
    shown_items = {item_of(entry) for entry in shown}
    assert len(shown_items) == threshold, key
    assert shown == {entry for entry in expected if item_of(entry) in shown_items}, key
    hidden = [date for item, date in items.items() if item not in shown_items]
    assert min(items[item] for item in shown_items) >= max(hidden), f"{key}: not the newest shown"
    years = sorted({date.year for date in expected.values()})
    linked = {resolve(key, link) for link in content_links(main)}
    assert {f"{key}/{year}" for year in years} <= linked, key
    assert year_dirs(site, key) == set(years), key
    counts = {int(y): int(n) for y, n in re.findall(r">(\d{4})</a>&nbsp;\((\d+)\)", article(main))}
    assert counts == {y: len({(item_of(e), d.month) for e, d in expected.items() if d.year == y}) for y in years}, key
    for number, year in enumerate(years):
        page = site / key / str(year) / "index.html"
        listed: set = set()
        for (section_year, month), html in month_sections(page).items():
            found = entries_in(html)
            # a timeline month may list only where a round starts or ends
            assert (found or "timeline-marker" in html) and all(expected[e].year == section_year and expected[e].month == month for e in found), (page, month)
            listed |= found
        assert listed == {entry for entry, date in expected.items() if date.year == year}, page
        neighbours = {f"{key}/{y}" for y in years[max(number - 1, 0) : number + 2] if y != year}
        year_links = {target for link in content_links(page) if re.fullmatch(rf"{re.escape(key)}/\d{{4}}", target := resolve(f"{key}/{year}", link))}
        assert year_links == neighbours and key in {resolve(f"{key}/{year}", link) for link in content_links(page)}, page
        if title is not None:
            assert parse_page(page).title.startswith(f"{title} — {year}"), page


def parse_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def publisher_table(site: Path) -> dict[str, tuple[str, int]]:
    """The publishers on /sources/ (a table when split, a line when not): name → (its page's
    key, or '' when it has none; its count)."""
    page = article(site / "sources" / "index.html")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(\d+)</td></tr>", page) + re.findall(r"<span>(.*?)&nbsp;\((\d+)\)</span>", page)
    table = {}
    for cell, count in rows:
        cell = re.sub(r' <span class="publisher-labels">.*?</span>', "", cell)  # what publishers.yml says of it
        link = re.search(r'href="([^"]*)"', cell)
        table[parse_text(cell)] = (resolve("sources", link.group(1)) if link else "", int(count))
    return table


def check_site(site: Path, briefs_dir: Path, threshold: int, titles: dict[str, str] | None = None) -> None:
    """Every page of a built site split at ``threshold`` against the raw briefs."""
    pages, publishers = expected_pages(briefs_dir)
    for kind in ("actors", "rounds", "topics"):
        for entry in yaml.safe_load((briefs_dir / f"{kind}.yml").read_text(encoding="utf-8")):
            key = f"{kind}/{entry['id']}"
            check_listing(site, key, pages.get(key, {}), threshold, (titles or {}).get(key, str(entry["name"])))
    check_listing(site, "timeline", pages.get("timeline", {}), threshold, "Timeline")
    items = {name: {url for url, _ in citations} for name, citations in publishers.items()}
    table = publisher_table(site)
    assert {name: count for name, (_, count) in table.items()} == {name: len(urls) for name, urls in items.items()}
    linked = {name: key for name, (key, _) in table.items()}
    if sum(len(urls) for urls in items.values()) <= threshold:
        assert set(linked.values()) == {""}
        shown = citations_in(article(site / "sources" / "index.html"))
        assert shown == {c for citations in publishers.values() for c in citations}
        return
    assert len(set(linked.values())) == len(linked) and "" not in linked.values()
    for name, citations in publishers.items():
        check_listing(site, linked[name], citations, threshold, name)
