"""Counts in their number, actors in the order readers expect, aliases on the actor's page
only (and still searchable), and the timeline's summaries, statuses and round markers.

Expectations come from the raw briefs and registries (navigation_pages.py), never from the generator."""

from __future__ import annotations

import re

from conftest import article, brief_text, pagefind_records
from navigation_pages import breadcrumbs, raw_briefs, registry, text, timeline_entries


def test_counts_agree_with_their_number(sample_site):
    briefs = raw_briefs()
    actors_page = text(article(sample_site / "actors" / "index.html"))
    seen = set()
    for actor in registry("actors"):
        count = sum(actor["id"] in b["actors"] for b in briefs.values())
        seen.add(min(count, 2))
        assert f"{actor['name']}{' · ' + actor['role'] if actor.get('role') else ''} · {count} brief{'' if count == 1 else 's'}" in actors_page
    assert seen == {0, 1, 2}, "the sample should show 0, 1 and several briefs"
    home = text(article(sample_site / "index.html"))
    assert (f"{len(briefs)} briefs on {len(registry('rounds'))} rounds , {len(registry('actors'))} actors "
            f"and {len(registry('topics'))} topics ." in home)
    for page in sample_site.rglob("index.html"):
        assert not re.search(r"\b1 (briefs|sources|rounds|actors|citations)\b", text(article(page))), page


def test_people_sort_by_family_name_or_sort_name(sample_site):
    people = [a for a in registry("actors") if a["type"] == "person"]
    key = lambda a: (str(a.get("sort_name") or a["name"].split()[-1]).casefold(), a["name"].casefold())  # noqa: E731
    expected = [a["name"] for a in sorted(people, key=key)]
    html = article(sample_site / "actors" / "index.html")
    section = html[html.index("People") : html.index("</ul>", html.index("People"))]
    assert [text(name) for name in re.findall(r'<a href="[^"]*">(.*?)</a>', section)] == expected
    assert expected.index("Hakan Fidan") < expected.index("Galuzin")


def test_aliases_show_on_the_actors_page_only_and_search_still_finds_them(sample_site):
    actors = {a["id"]: a for a in registry("actors")}
    briefs = raw_briefs()
    records = pagefind_records(sample_site)
    for slug, brief in briefs.items():
        html = article(sample_site / "briefs" / slug / "index.html")
        assert "Also written" not in html, slug
        hidden = re.search(r'<div class="search-aliases" hidden>(.*?)</div>', html, re.DOTALL)
        aliases = [alias for id in brief["actors"] for alias in actors[id].get("aliases", [])]
        assert (hidden is not None) == bool(aliases), slug
        words = set(re.findall(r"\w+", records[f"/briefs/{slug}/"]["content"]))
        for alias in aliases:
            assert set(re.findall(r"\w+", alias)) <= words, (slug, alias)
    for id, actor in actors.items():
        html = article(sample_site / "actors" / id / "index.html")
        for alias in actor.get("aliases", []):
            assert ("Also written" in html) and alias in text(html), id
    zelensky = article(sample_site / "actors" / "zelensky" / "index.html")
    assert '<span lang="uk">Зеленський</span>' in zelensky


def test_sort_name_overrides_the_family_name(corpus):
    corpus.registry("actors", """\
        - id: umerov
          name: Rustem Umerov
          type: person
        - id: medinsky
          name: Vladimir Medinsky
          type: person
          sort_name: Zzz
        - id: mao
          name: Mao Zedong
          type: person
          sort_name: Mao
        - id: ukraine
          name: Ukraine
          type: state
          sort_name: "Zz Ukraine"
        - id: russia
          name: Russia
          type: state
        """)
    corpus.write("a.md", brief_text())
    html = article(corpus.build() / "actors" / "index.html").split("</nav>", 1)[1]
    names = [text(name) for name in re.findall(r'<a href="[^"]*">(.*?)</a>', html)]
    assert names == ["Mao Zedong", "Rustem Umerov", "Vladimir Medinsky", "Russia", "Ukraine"]


def test_timeline_entries_show_summary_status_and_round_markers(sample_site):
    briefs = raw_briefs()
    entries = timeline_entries(article(sample_site / "timeline" / "index.html"))
    for kind, slug, shown in entries:
        if kind == "brief":
            assert briefs[slug]["summary"] in shown and briefs[slug].get("status", "reported") in shown, slug
    rounds = [r for r in registry("rounds") if r.get("status", "held") != "cancelled"]
    assert {(k, id) for k, id, _ in entries if k != "brief"} == {(e, r["id"]) for r in rounds for e in ("start", "end")}
    position = {(kind, id): number for number, (kind, id, _) in enumerate(entries)}
    for round in rounds:
        start, end = round["start"], round.get("end") or round["start"]
        for slug, brief in briefs.items():
            before_start = position[("brief", slug)] < position[("start", round["id"])]
            assert before_start == (brief["date"] >= start), (round["id"], slug)
            before_end = position[("brief", slug)] < position[("end", round["id"])]
            assert before_end == (brief["date"] > end), (round["id"], slug)


def test_markers_go_on_the_year_page_of_their_date(corpus):
    corpus.registry("rounds", """\
        - id: round-1
          name: Round one
          start: 2024-05-16
          end: 2024-05-17
        - id: round-2
          name: Round two
          start: 2025-12-31
          end: 2026-01-02
        """)
    for name, date in [("a", "2024-05-16"), ("b", "2025-06-01"), ("c", "2026-01-01"), ("d", "2026-02-01")]:
        corpus.write(f"{name}.md", brief_text(title=name, date=date))
    site = corpus.build(split_threshold=1)
    found = {year: {(k, id) for k, id, _ in timeline_entries(article(site / "timeline" / str(year) / "index.html")) if k != "brief"}
             for year in (2024, 2025, 2026)}
    assert found == {2024: {("start", "round-1"), ("end", "round-1")}, 2025: {("start", "round-2")}, 2026: {("end", "round-2")}}
    assert breadcrumbs(site, "briefs/c/") == [("Home", "", False), ("Timeline", "timeline/", False), ("2026", "timeline/2026/", False), ("c", None, True)]
    assert breadcrumbs(site, "timeline/2025/") == [("Home", "", False), ("Timeline", "timeline/", False), ("2025", None, True)]
    assert breadcrumbs(site, "actors/umerov/2024/")[1:] == [("Actors", "actors/", False), ("Rustem Umerov", "actors/umerov/", False), ("2024", None, True)]


def test_sort_name_and_alias_lang_are_checked(corpus):
    corpus.registry("actors", """\
        - id: umerov
          name: Rustem Umerov
          type: person
          sort_name: [Umerov]
          alias_lang: Ukrainian
        - id: medinsky
          name: Vladimir Medinsky
          type: person
        """)
    messages = [str(p) for p in corpus.problems()]
    assert any("actors.yml:4: error:" in m and "'sort_name' must be" in m for m in messages), messages
    assert any("actors.yml:5: error:" in m and "'alias_lang'" in m and "ISO 639-1" in m for m in messages), messages
