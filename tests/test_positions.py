"""The sample site's positions matrix, Positions sections, related briefs and round packs,
compared with an independent reading of the raw briefs (expected_analysis.py)."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import PROJECT, article, broken_links, content_links
from expected_analysis import Reading, between, text_of

BRIEFS = PROJECT / "briefs"


@pytest.fixture(scope="module")
def reading() -> Reading:
    return Reading(BRIEFS)


def long_date(day) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def test_the_sample_records_positions_that_move(reading):
    assert len(reading.positions()) >= 15
    assert any(previous for _, previous, _ in reading.matrix().values()), "no stance in the sample moves"


def test_matrix_shows_each_latest_stance_and_each_move(sample_site, reading):
    page = article(sample_site / "positions" / "index.html")
    table = between(page, '<table class="positions-matrix">', "</table>")
    header = between(table, "<thead>", "</thead>")
    topics = re.findall(r'href="\.\./topics/([^/]+)/"', header)
    cells = reading.matrix()
    assert sorted(topics) == sorted({topic for _, topic in cells})
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S)
    actors = [re.search(r'href="\.\./actors/([^/]+)/"', row).group(1) for row in rows]
    assert sorted(actors) == sorted({actor for actor, _ in cells})
    registry = {a["id"]: a for a in yaml.safe_load((PROJECT / "briefs" / "actors.yml").read_text(encoding="utf-8"))}
    family = lambda a: a.get("sort_name") or (a["name"].split()[-1] if a["type"] == "person" else a["name"])  # noqa: E731
    assert actors == sorted(actors, key=lambda id: (family(registry[id]).casefold(), registry[id]["name"].casefold()))
    for actor, row in zip(actors, rows):
        shown = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        assert len(shown) == len(topics)
        for topic, cell in zip(topics, shown):
            if (actor, topic) not in cells:
                assert "stance" not in cell
                continue
            latest, previous, changed = cells[(actor, topic)]
            assert f'class="stance stance-{latest["stance"]}"' in cell.split("position-moved")[0]
            assert latest["statement"] in text_of(cell)
            assert long_date(latest["date"]) in text_of(cell)
            assert f'href="../briefs/{latest["slug"]}/"' in cell
            if previous:
                moved = text_of(cell.split('class="position-moved">')[1])
                assert moved == f"Moved from {previous['stance']} on {long_date(changed)}"
            else:
                assert "position-moved" not in cell


@pytest.mark.parametrize("kind", ["actors", "topics"])
def test_actor_and_topic_pages_show_the_full_history_oldest_first(sample_site, reading, kind):
    for id in reading.registry[kind]:
        page = article(sample_site / kind / id / "index.html")
        assert re.search(r"<h2[^>]*>Positions", page), (kind, id)
        expected = reading.history(**{kind[:-1]: id})
        if not expected:
            assert "No positions recorded." in page
            continue
        items = re.findall(r"<li>(.*?)</li>", between(page, '<ul class="position-history">', "</ul>"), re.S)
        assert len(items) == len(expected), (kind, id)
        for item, position in zip(items, expected):
            line = text_of(item)
            assert line.startswith(f"{long_date(position['date'])} · {position['stance']} · "), line
            assert position["statement"] in line
            assert f'briefs/{position["slug"]}/"' in item


def test_related_briefs_follow_the_documented_weights(sample_site, reading):
    lists = 0
    for brief in reading.briefs:
        page = article(sample_site / "briefs" / brief["slug"] / "index.html")
        expected = reading.related(brief["slug"])
        if not expected:
            assert 'class="brief-list related-briefs"' not in page
            continue
        block = between(page, '<ul class="brief-list related-briefs"', "</ul>")
        assert re.findall(r'href="\.\./\.\./briefs/([^/]+)/"', block) == expected, brief["slug"]
        lists += 1
    assert lists == len(reading.briefs)


def test_related_briefs_make_sense_on_the_sample(reading):
    """Spot checks a reader would make: the round 2 agreements lead to the briefs on the same
    people and exchanges, and no brief is its own relation."""
    related = reading.related("2025-06-02-round-2-agreements")
    assert related[0] == "2025-06-01-umerov-to-lead-round-2"
    assert "2025-07-23-round-3-agreements" in related[:3]
    assert all(slug not in reading.related(slug) for slug in (b["slug"] for b in reading.briefs))


def test_each_round_page_links_its_pack(sample_site, reading):
    for id in reading.registry["rounds"]:
        assert f"../../rounds/{id}/pack/" in content_links(sample_site / "rounds" / id / "index.html")
        assert (sample_site / "rounds" / id / "pack" / "index.html").is_file()


def test_pack_holds_facts_positions_every_brief_and_all_sources(sample_site, reading):
    for id, round in reading.registry["rounds"].items():
        page = article(sample_site / "rounds" / id / "pack" / "index.html")
        text = text_of(page)
        assert "chronological order (oldest first)" in text
        assert f"Venue: {round['venue']}" in text and f"Status: {round.get('status', 'held')}" in text
        assert " ".join(round["outcome"].split()) in text
        briefs = reading.round_briefs(id)
        titles = [text_of(t) for t in re.findall(r'<h3 class="pack-brief-title">(.*?)</h3>', page, re.S)]
        assert titles == [b["title"] for b in briefs]
        sources = re.findall(r'<li id="pack-source-\d+">(.*?)</li>', between(page, '<ol class="pack-sources">', "</ol>"), re.S)
        expected = reading.pack_sources(id)
        assert len(sources) == len(expected)
        for source, (_, url, title) in zip(sources, expected):
            if url:
                assert f'href="{html.escape(url)}"' in source
            if title:
                assert title in text_of(source)
        start = round["start"]
        for actor in round.get("participants", []):
            actor = reading.names["actors"][actor.casefold()]
            before = {}
            for position in reading.history(actor=actor):
                if position["date"] < start:
                    before[position["topic"]] = position
            during = [p for p in reading.history(actor=actor) if start <= p["date"] <= round.get("end", start)]
            name = reading.registry["actors"][actor]["name"]
            if not before and not during:
                assert f'<h3 class="pack-actor">{html.escape(name)}</h3>' not in page
                continue
            section = page.split(f'<h3 class="pack-actor">{html.escape(name)}</h3>')[1].split("<h3")[0]
            for position in before.values():
                assert position["statement"] in text_of(section)
            for position in during:
                assert position["statement"] in text_of(between(section, '<ul class="pack-changes">', "</ul>"))


def test_pack_links_resolve_and_its_ids_are_unique(sample_site):
    assert broken_links(sample_site) == []
    for pack in (sample_site / "rounds").glob("*/pack/index.html"):
        ids = re.findall(r'\sid="([^"]+)"', article(pack))
        assert len(ids) == len(set(ids)), pack
        for target in re.findall(r'href="#([^"]+)"', article(pack)):
            assert target in ids, (pack, target)


def test_positions_page_is_in_the_nav(sample_site):
    page = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="(\./)?positions/"[^>]*>\s*Positions', page)
