"""A search without words, on a generated corpus: the lists the build writes under search/lists/
agree with the raw brief files, and the search page lists and counts from them alone, with
no request for Pagefind's index. Expectations come from the raw files, read with PyYAML."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.build import build, check
from generator.commands.demo_corpus import write_demo_corpus
from generator.config.options import Options
from generator.outputs import search_lists
from request_log import RequestLog
from site_browser import served
from test_search import listed, open_search

PROJECT = Path(__file__).resolve().parent.parent
PAGE_SIZE = 7  # rows a list file holds here: small, so that lists run to many files
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
FACETS = ("actor", "round", "topic", "status", "year")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(raw briefs by slug, built site): 120 demo briefs, lists of 7 rows a file."""
    root = tmp_path_factory.mktemp("search-lists")
    write_demo_corpus(120, root / "briefs")
    options = Options(briefs_dir=root / "briefs", out_dir=root / "site", config_file=PROJECT / "mkdocs.yml")
    checked = check(options)
    assert not checked.failed(strict=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_lists, "PAGE_SIZE", PAGE_SIZE)
        build(options, checked)
    return raw_briefs(root / "briefs"), options.out_dir


def raw_briefs(folder: Path) -> dict[str, dict]:
    """Each brief's facet values (actor ids resolved from names and aliases), date, title, status."""
    names = {}
    for actor in yaml.safe_load((folder / "actors.yml").read_text(encoding="utf-8")):
        for name in [actor["id"], actor["name"], *actor.get("aliases", [])]:
            names[str(name).casefold()] = actor["id"]
    briefs = {}
    for path in folder.rglob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        status = meta.get("status", "reported")
        briefs[path.stem] = {
            "actor": {names[str(a).casefold()] for a in meta["actors"]},
            "round": {meta["round"]} if meta.get("round") else set(),
            "topic": set(meta.get("topics", [])),
            "status": {status},
            "year": {str(meta["date"])[:4]},
            "row": [f"briefs/{path.stem}/", meta["title"], str(meta["date"]), status],
        }
    return briefs


def matching(briefs: dict[str, dict], **facets: str) -> set[str]:
    return {slug for slug, brief in briefs.items() if all(value in brief[name] for name, value in facets.items())}


def newest_first(briefs: dict[str, dict], slugs) -> list[str]:
    return sorted(slugs, key=lambda slug: (briefs[slug]["row"][2], slug), reverse=True)


def decoded(facet: dict, total: int) -> list[set[str]]:
    """Each brief's values of a facet, from facets.json's codes (the format its module's docstring states)."""
    width = facet["width"]
    entries = ([facet["codes"][k * width : (k + 1) * width] for k in range(total)] if facet["single"]
               else facet["codes"].split(",") if total else [])
    values = []
    for entry in entries:
        numbers = [sum(DIGITS.index(c) * 64 ** (width - 1 - k) for k, c in enumerate(entry[at : at + width]))
                   for at in range(0, len(entry), width)]
        values.append({facet["values"][n - 1] for n in numbers if n})
    return values


def read_list(site: Path, pattern: str) -> list[list[str]]:
    rows, page = [], 1
    while (site / pattern.format(page=page)).is_file():
        rows += json.loads((site / pattern.format(page=page)).read_text(encoding="utf-8"))
        page += 1
    return rows


def test_the_lists_agree_with_the_raw_files_for_every_facet_value(demo):
    briefs, site = demo
    lists = json.loads((site / "search" / "lists" / "facets.json").read_text(encoding="utf-8"))
    order = newest_first(briefs, briefs)
    assert lists["total"] == len(briefs) and lists["pageSize"] == PAGE_SIZE
    assert read_list(site, lists["all"]) == [briefs[slug]["row"] for slug in order]
    for name in FACETS:
        facet = lists["facets"][name]
        values = decoded(facet, lists["total"])
        assert values == [briefs[slug][name] for slug in order], name
        every_value = set().union(*(brief[name] for brief in briefs.values()))
        assert every_value <= set(facet["values"]), name
        for value in every_value if name in lists["listed"] else ():
            pattern = lists["list"].replace("{facet}", name).replace("{value}", value)
            expected = newest_first(briefs, matching(briefs, **{name: value}))
            assert read_list(site, pattern) == [briefs[slug]["row"] for slug in expected], (name, value)
    assert len(list((site / "search" / "lists" / "all").glob("*.json"))) == -(-len(briefs) // PAGE_SIZE)


CASES = [
    {},
    {"status": "reported"},
    {"year": "2020"},
    {"topic": "topic-3", "status": "reported"},
    {"topic": "topic-1", "year": "2022", "sort": "oldest"},
]


@pytest.mark.browser
def test_a_search_without_words_lists_and_counts_from_the_lists_without_pagefind(demo, browser):
    briefs, site = demo
    actor = max(sorted({a for b in briefs.values() for a in b["actor"]}), key=lambda a: len(matching(briefs, actor=a)))
    pair = next(iter(briefs.values()))
    cases = [*CASES, {"actor": actor}, {"actor": sorted(pair["actor"])[0], "topic": sorted(pair["topic"])[0]}]
    with served(site) as url:
        page = browser.new_page()
        log = RequestLog().watch(page)
        for case in cases:
            facets = {name: value for name, value in case.items() if name != "sort"}
            query = "&".join(f"{name}={value}" for name, value in case.items())
            open_search(page, f"{url}search/?{query}")
            expected = matching(briefs, **facets)
            assert expected, case
            shown = listed(page)
            assert sorted(shown) == sorted(expected), case
            dates = [briefs[slug]["row"][2] for slug in shown]
            assert dates == sorted(dates, reverse=case.get("sort") != "oldest"), case
            titles = page.locator(".bsearch-page__results .bsearch-result__title").all_inner_texts()
            assert titles == [briefs[slug]["row"][1] for slug in shown]
            for name in FACETS:  # each option counts the briefs it would leave with the other filters
                others = {key: value for key, value in facets.items() if key != name}
                options = page.eval_on_selector_all(f"select[name={name}] option:not([value=''])", "all => all.map(o => [o.value, o.textContent])")
                for value, text in options:
                    count = len(matching(briefs, **others, **{name: value}))
                    assert text.endswith(f"({count:,})"), (case, text, count)
        paths = log.paths()
        assert not [path for path in paths if "/pagefind/" in path]  # no index chunk, nor Pagefind at all
        assert any(path.endswith("/search/lists/facets.json") for path in paths)
        assert not log.errors()
        page.close()
