"""The render stage makes shared pieces once: a source's line (its brief's page and its round's
pack show it) and the templates' globals (one dict per template, not Jinja's ChainMap).
Expectations come from the briefs' files as PyYAML reads them."""

from __future__ import annotations

import calendar
import html
import re
from collections import defaultdict
from pathlib import Path

import yaml
from jinja2 import Environment

from generator.build import check
from generator.commands.demo_corpus import write_demo_corpus
from generator.config.options import Options
from generator.pages import render as render_module
from generator.pages.render import render_pages

from conftest import PROJECT, front_matter


def _date(value) -> str:
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def _pages(briefs: Path) -> dict[str, str]:
    checked = check(Options(briefs_dir=briefs, config_file=PROJECT / "mkdocs.yml"))
    assert not [str(problem) for problem in checked.problems if problem.severity == "error"]
    return render_pages(checked.index, Options.templates_dir)


def _one_round_citing_alike(briefs: Path) -> list[Path]:
    """Two briefs of one round citing the same publisher and link, with other titles and dates."""
    by_round = defaultdict(list)
    for path in sorted(briefs.rglob("*.md")):
        by_round[front_matter(path).get("round")].append(path)
    pair = next(paths for round, paths in sorted(by_round.items(), key=str) if round and len(paths) >= 2)[:2]
    for number, path in enumerate(pair, start=1):
        text = path.read_text(encoding="utf-8")
        sources = (f"sources:\n  - publisher: 'Radio Four'\n    title: 'Same link, title {number}'\n"
                   f"    url: https://example.org/news/same\n    published: 2019-03-2{number}\n---\n")
        head, body = text.split("\n---\n", 1)
        head = re.sub(r"^sources:\n(?:  .*\n?)*", "", head + "\n", flags=re.MULTILINE)
        path.write_text(head + sources + body, encoding="utf-8")
    return pair


def test_each_source_line_is_its_own_source_on_the_brief_page_and_in_the_pack(tmp_path):
    write_demo_corpus(300, tmp_path)
    pair = _one_round_citing_alike(tmp_path)
    pages = _pages(tmp_path)
    pack_text = pages[f"rounds/{front_matter(pair[0])['round']}/pack.md"]
    for path in pair:
        meta = front_matter(path)
        slug = path.stem
        page = pages[f"briefs/{slug}.md"]
        listed = re.search(r'<ol class="brief-sources">\n(.*?)</ol>', page, flags=re.DOTALL).group(1)
        items = re.findall(r'<li id="[^"]*">(.*?)</li>', listed)
        assert len(items) == len(meta["sources"]) == 1
        source = meta["sources"][0]
        assert items[0].startswith(f"Radio Four — <a href=\"{source['url']}\">{html.escape(source['title'])}</a>, {_date(source['published'])}")
        in_pack = re.findall(rf'<li id="{slug}--[^"]*">(.*?)</li>', pack_text)
        assert len(in_pack) == 1 and in_pack[0].startswith(items[0]), in_pack
    listed_in_pack = re.findall(r'<li id="pack-source-\d+">(.*?)</li>', pack_text)
    for path in pair:
        title = html.escape(front_matter(path)["sources"][0]["title"])
        assert sum(title in line for line in listed_in_pack) == 1


def test_templates_with_globals_as_one_dict_render_what_jinjas_chain_renders(tmp_path, monkeypatch):
    write_demo_corpus(40, tmp_path)
    pages = _pages(tmp_path)
    monkeypatch.setattr(render_module._Environment, "make_globals", Environment.make_globals)
    assert _pages(tmp_path) == pages
    assert len(pages) > 60


def test_each_brief_page_indexes_the_aliases_of_its_own_actors(tmp_path):
    write_demo_corpus(120, tmp_path)
    registry = yaml.safe_load((tmp_path / "actors.yml").read_text(encoding="utf-8"))
    actors = {key: actor for actor in registry for key in (actor["id"], actor["name"], *actor.get("aliases", ()))}  # any name
    pages = _pages(tmp_path)
    seen = 0
    for path in sorted(tmp_path.rglob("*.md")):
        named = dict.fromkeys(actors[name]["id"] for name in front_matter(path)["actors"])
        aliases = [alias for id in named for alias in actors[id].get("aliases", ())]
        found = re.search(r'<span data-pagefind-meta="aliases">(.*?)</span></div>', pages[f"briefs/{path.stem}.md"])
        shown = re.findall(r"<span[^>]*>([^<]*)</span>", found.group(1)) if found else []
        assert shown == [html.escape(alias) for alias in aliases], path.name
        seen += bool(aliases)
    assert seen > 50
