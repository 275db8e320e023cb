"""Following the site: Atom feeds, corrections and updates, the /data/ downloads, "Cite as".

Expectations come from the raw brief and registry files, read here with PyYAML.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml
from xml.etree import ElementTree

from conftest import Corpus, brief_text, front_matter, parse_page
from generator.config.mkdocs_yml import apply, read_site_config

SITE_URL = "https://briefs.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_ENTRIES = 2
# (slug, date, actors, round, topics, extra front matter)
BRIEFS = [
    ("a-first", "2025-05-10", "[umerov, medinsky]", "round-1", "[prisoners]", ""),
    ("b-second", "2025-05-16", "[umerov]", "round-1", "[prisoners, territory]", "updated: 2025-05-20\n"),
    ("c-third", "2025-05-16", "[medinsky]", "round-1", "[]",
     "corrections:\n  - date: 2025-05-18\n    note: The venue was Dolmabahçe, not Çırağan.\n"),
    ("d-fourth", "2025-06-02", "[umerov]", "round-2", "[territory]", "status: retracted\n"),
    ("e-fifth", "2025-06-03", "[zelensky]", None, "[]", "draft: true\n"),
]


def write_briefs(corpus: Corpus) -> None:
    for slug, date, actors, round, topics, extra in BRIEFS:
        fields = (f"round: {round}\n" if round else "") + f"topics: {topics}\n" + extra
        corpus.write(f"{slug}.md", brief_text(title=f"Title of {slug}", date=date, actors=actors, extra=fields,
                                             body=f"Body of {slug}."))
    # The shipped mkdocs.yml reads site_url from $SITE_URL: give it here instead.
    config = corpus.config.read_text(encoding="utf-8").replace("site_url: !ENV SITE_URL\n", "")
    corpus.config.write_text(config + f"extra:\n  briefing:\n    feed_entries: {FEED_ENTRIES}\n", encoding="utf-8")


def build(corpus: Corpus) -> Path:
    """Build with the site's options applied, as ``briefing build`` does."""
    options = apply(corpus.options(), read_site_config(corpus.config))
    assert options.feed_entries == FEED_ENTRIES
    return corpus.build(feed_entries=options.feed_entries)


def page_text(page: Path) -> str:
    return " ".join(" ".join(parse_page(page).text).split()).replace(" :", ":")


def raw_briefs(corpus: Corpus) -> list[dict]:
    """The published briefs as written, each with its slug, newest first."""
    briefs = [dict(front_matter(p), slug=p.stem) for p in corpus.briefs.glob("*.md")]
    briefs = [b for b in briefs if not b.get("draft")]
    return sorted(briefs, key=lambda b: (b["date"], b["slug"]), reverse=True)


def registry(corpus: Corpus, name: str) -> dict:
    return {entry["id"]: entry for entry in yaml.safe_load((corpus.briefs / f"{name}.yml").read_text(encoding="utf-8"))}


def last_changed(brief: dict) -> str:
    dates = [brief["date"], brief.get("updated", brief["date"]), *(c["date"] for c in brief.get("corrections", []))]
    return max(dates).isoformat()


def expected_feeds(corpus: Corpus) -> dict[str, list[str]]:
    """Each feed's path and the slugs it should hold, newest first."""
    briefs = raw_briefs(corpus)
    feeds = {"feed.xml": briefs}
    for kind, key in (("actors", "actors"), ("rounds", "round"), ("topics", "topics")):
        for id in registry(corpus, kind):
            feeds[f"{kind}/{id}/feed.xml"] = [b for b in briefs if id in (b.get(key) or []) or b.get(key) == id]
    return {path: [b["slug"] for b in listed[:FEED_ENTRIES]] for path, listed in feeds.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory, engine):
    corpus = Corpus(tmp_path_factory.mktemp(f"follow-{engine}"), engine)
    write_briefs(corpus)
    return corpus, build(corpus)


def resolves(site: Path, url: str) -> bool:
    assert url.startswith(SITE_URL), url
    target = site / url[len(SITE_URL):].split("#")[0]
    return target.is_file() or (target / "index.html").is_file()


def test_every_feed_holds_the_newest_briefs_of_its_page_and_parses(built):
    corpus, site = built
    expected = expected_feeds(corpus)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("feed.xml")) == sorted(expected)
    for path, slugs in expected.items():
        feed = feedparser.parse((site / path).read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.version == "atom10"
        assert [entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries] == slugs, path
        newest = max((entry.updated for entry in feed.entries), default=None)
        if newest:
            assert feed.feed.updated == newest
        links = [feed.feed.link, *(l.href for e in feed.entries for l in e.links if l.rel == "alternate")]
        links += [link.href for link in feed.feed.links] + [c.scheme for e in feed.entries for c in e.tags]
        assert [link for link in links if not resolves(site, link)] == [], path


def test_an_entry_says_what_its_brief_says(built):
    corpus, site = built
    actors, rounds, topics = (registry(corpus, name) for name in ("actors", "rounds", "topics"))
    entries = {e.link: e for e in feedparser.parse((site / "feed.xml").read_bytes()).entries}
    for brief in raw_briefs(corpus)[:FEED_ENTRIES]:
        entry = entries[f"{SITE_URL}briefs/{brief['slug']}/"]
        assert entry.title == brief["title"] and entry.summary == brief["summary"]
        assert entry.published.startswith(brief["date"].isoformat())
        assert entry.updated.startswith(last_changed(brief))
        labels = {actors[id]["name"] for id in brief["actors"]} | {topics[id]["name"] for id in brief["topics"]}
        labels |= {rounds[brief["round"]]["name"], brief.get("status", "reported")}
        assert {tag.label for tag in entry.tags} == labels
        assert [l.href for l in entry.links if l.rel == "related"] == [s["url"] for s in brief["sources"]]
        assert f"Body of {brief['slug']}." in entry.content[0].value
        assert entry.id.startswith("urn:uuid:")
    retracted = entries[f"{SITE_URL}briefs/d-fourth/"]
    assert "Retracted." in retracted.content[0].value


def test_corrections_and_updates_show_on_the_page_in_the_feed_and_in_the_data(built):
    corpus, site = built
    text = page_text(site / "briefs" / "c-third" / "index.html")
    assert "Updated 18 May 2025" in text and "Corrections" in text
    assert "18 May 2025: The venue was Dolmabahçe, not Çırağan." in text
    assert "Updated 20 May 2025" in page_text(site / "briefs" / "b-second" / "index.html")
    assert "Updated" not in page_text(site / "briefs" / "a-first" / "index.html")
    feed = feedparser.parse((site / "rounds" / "round-1" / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith("/c-third/"))
    assert entry.updated.startswith("2025-05-18") and "Dolmabahçe, not Çırağan" in entry.content[0].value
    briefs = {b["slug"]: b for b in json.loads((site / "data" / "briefs.json").read_text(encoding="utf-8"))}
    assert briefs["c-third"]["corrections"] == [{"date": "2025-05-18", "note": "The venue was Dolmabahçe, not Çırağan."}]
    assert briefs["b-second"]["updated"] == "2025-05-20"


def test_a_retracted_brief_stays_listed_and_says_so(built):
    _, site = built
    text = page_text(site / "briefs" / "d-fourth" / "index.html")
    assert "Retracted." in text
    assert "retracted" in (site / "actors" / "umerov" / "index.html").read_text(encoding="utf-8")
    assert "../../briefs/d-fourth/" in parse_page(site / "actors" / "umerov" / "index.html").links


def test_pages_link_their_feeds_in_the_head_and_visibly(built):
    _, site = built
    for page, feed in (("index.html", "feed.xml"), ("actors/umerov/index.html", "actors/umerov/feed.xml"),
                       ("rounds/round-1/index.html", "rounds/round-1/feed.xml"), ("topics/territory/index.html", "topics/territory/feed.xml")):
        html = (site / page).read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        assert 'rel="alternate" type="application/atom+xml"' in head, page
        href = head.split('type="application/atom+xml" href="')[1].split('"')[0]
        assert ((site / page).parent / href).resolve() == (site / feed).resolve(), page
        assert any(((site / page).parent / link).resolve() == (site / feed).resolve() for link in parse_page(site / page).links), page


def test_cite_as_names_title_site_date_and_address(built):
    _, site = built
    text = " ".join(page_text(site / "briefs" / "a-first" / "index.html").split())
    site_name = yaml.safe_load(Path(__file__).parent.parent.joinpath("mkdocs.yml").read_text().replace("!ENV", ""))["site_name"]
    assert f"Cite as: “Title of a-first”, {site_name}, 10 May 2025. {SITE_URL}briefs/a-first/" in text


def test_editing_a_brief_changes_only_its_entry_updated(corpus):
    write_briefs(corpus)
    entry = lambda site: next(e for e in feedparser.parse((site / "feed.xml").read_bytes()).entries if "/d-fourth/" in e.link)  # noqa: E731
    before = dict(entry(build(corpus)))
    path = corpus.briefs / "d-fourth.md"
    path.write_text(path.read_text().replace("status: retracted\n", "status: retracted\nupdated: 2025-06-05\n"))
    after = dict(entry(build(corpus)))
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert changed == {"updated", "updated_parsed"}


def test_revision_dates_are_checked_with_file_and_line(corpus):
    corpus.write("x.md", brief_text(extra="updated: 2025-05-01\ncorrections:\n  - date: 2999-01-01\n    note: Later.\n"))
    shown = sorted(str(p) for p in corpus.problems() if p.path.endswith("x.md"))
    assert shown == [
        f"{corpus.briefs / 'x.md'}:6: warning: updated: date 2025-05-01 is before the brief's date 2025-05-16",
        f"{corpus.briefs / 'x.md'}:8: warning: corrections[1]: date 2999-01-01 is in the future",
    ]
    corpus.write("x.md", brief_text(extra="corrections:\n  - date: 2025-05-20\n"))
    assert any("missing required key 'note'" in p.message for p in corpus.problems())


def test_without_site_url_the_build_warns_once_and_feeds_link_relatively(corpus, capsys):
    corpus.config.write_text(corpus.config.read_text().replace(f"site_url: {SITE_URL}\n", ""))
    write_briefs(corpus)
    site = build(corpus)
    assert capsys.readouterr().err.count("site_url is not set") == 1
    assert not feedparser.parse((site / "actors" / "umerov" / "feed.xml").read_bytes()).bozo
    # As written: feedparser resolves a relative link against the previous entry's xml:base.
    root = ElementTree.parse(site / "actors" / "umerov" / "feed.xml").getroot()
    hrefs = [link.get("href") for link in root.iterfind(f"{ATOM}entry/{ATOM}link[@rel='alternate']")]
    assert hrefs and all(href.startswith("../../briefs/") for href in hrefs)
    assert all(((site / "actors" / "umerov") / href / "index.html").is_file() for href in hrefs)


def read_data(site: Path, name: str):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def test_data_files_validate_against_their_schemas(built):
    _, site = built
    for name in ("briefs", "actors", "rounds", "topics", "timeline"):
        schema = read_data(site, f"{name}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(read_data(site, f"{name}.json"), schema, format_checker=jsonschema.FormatChecker())


def day(value) -> str | None:
    return value.isoformat() if value else None


def test_briefs_json_and_csv_match_the_raw_briefs(built):
    corpus, site = built
    raw = sorted(raw_briefs(corpus), key=lambda b: (b["date"], b["slug"]))
    expected = [{
        "slug": b["slug"], "url": f"{SITE_URL}briefs/{b['slug']}/", "title": b["title"], "date": day(b["date"]),
        "updated": day(b.get("updated")), "last_changed": last_changed(b), "summary": b["summary"],
        "status": b.get("status", "reported"), "actors": b["actors"], "round": b.get("round"), "topics": b.get("topics", []),
        "sources": [{"publisher": s["publisher"], "title": s.get("title"), "url": s.get("url"), "archived": s.get("archived"),
                     "published": day(s.get("published"))}
                    for s in b["sources"]],
        "corrections": [{"date": day(c["date"]), "note": c["note"]} for c in b.get("corrections", [])],
        "status_history": [],
    } for b in raw]
    briefs = read_data(site, "briefs.json")
    assert briefs == expected
    rows = list(csv.DictReader(io.StringIO((site / "data" / "briefs.csv").read_text(encoding="utf-8"), newline="")))
    cell = lambda v: "" if v is None else ";".join(v) if isinstance(v, list) else str(v)  # noqa: E731
    assert rows == [{k: cell(v) for k, v in b.items() if k not in ("sources", "corrections", "status_history")} for b in briefs]
    sources = list(csv.DictReader(io.StringIO((site / "data" / "sources.csv").read_text(encoding="utf-8"), newline="")))
    assert sources == [{"slug": b["slug"], "number": str(n), **{k: cell(v) for k, v in s.items()}}
                       for b in briefs for n, s in enumerate(b["sources"], 1)]


def test_registry_files_match_the_registries(built):
    corpus, site = built
    actors = registry(corpus, "actors")
    popolo = read_data(site, "actors.json")
    assert {p["id"] for p in popolo["persons"]} == {id for id, a in actors.items() if a["type"] == "person"}
    assert {(o["id"], o["classification"]) for o in popolo["organizations"]} == {(id, a["type"]) for id, a in actors.items() if a["type"] != "person"}
    names = {p["id"]: [n["name"] for n in p["other_names"]] for p in popolo["persons"] + popolo["organizations"]}
    assert names == {id: a.get("aliases", []) for id, a in actors.items()}
    rounds = registry(corpus, "rounds")
    assert {r["id"]: (r["name"], r["start"], r["status"]) for r in read_data(site, "rounds.json")} == {
        id: (r["name"], day(r["start"]), r.get("status", "held")) for id, r in rounds.items()}
    assert {t["id"]: t["name"] for t in read_data(site, "topics.json")} == {id: t["name"] for id, t in registry(corpus, "topics").items()}
    events = read_data(site, "timeline.json")["events"]
    raw = sorted(raw_briefs(corpus), key=lambda b: (b["date"], b["slug"]))
    assert [(e["unique_id"], e["start_date"]["day"], e["text"]["headline"]) for e in events] == [
        (b["slug"], str(b["date"].day), b["title"]) for b in raw]


def test_data_page_lists_each_file_with_its_size_and_rows(built):
    corpus, site = built
    text = page_text(site / "data" / "index.html")
    count = len(raw_briefs(corpus))
    def size(name: str) -> str:  # in KB past 1,000 bytes (a small corpus has no file of a megabyte)
        octets = (site / "data" / name).stat().st_size
        return f"{octets / 1000:,.1f} KB" if octets >= 1000 else f"{octets} bytes"

    for name in ("briefs.json", "briefs.csv", "sources.csv", "actors.json", "rounds.json", "topics.json", "timeline.json"):
        assert f"{name} · {size(name)}" in text, name
    assert f"briefs.json · {size('briefs.json')} · {count} briefs" in text
    assert "last_changed date The latest of date, updated, the correction dates and the status changes' dates." in text
    assert "data/" in {link.removeprefix("./") for link in parse_page(site / "index.html").links}  # in the nav


def test_a_correction_built_incrementally_gives_the_clean_build_bytes(corpus, tmp_path):
    from test_build import tree_digest

    write_briefs(corpus)
    build(corpus)
    path = corpus.briefs / "a-first.md"
    path.write_text(path.read_text().replace("topics:", "corrections:\n  - date: 2025-05-12\n    note: Fixed.\ntopics:"))
    incremental = build(corpus)
    assert "Fixed." in (incremental / "data" / "briefs.json").read_text(encoding="utf-8")
    clean = corpus.build(out_dir=tmp_path / "clean" / "site", feed_entries=FEED_ENTRIES)
    assert tree_digest(incremental) == tree_digest(clean)
    assert (incremental / "data" / "index.html").read_bytes() == (clean / "data" / "index.html").read_bytes()


def test_an_entry_carries_a_bounded_excerpt_of_a_long_body(corpus):
    """The README's bound: the body's first 1,000 characters of text, cut at a word; the entry links the rest."""
    words = [f"word{n}" for n in range(3000)]
    corpus.write("long.md", brief_text(title="Long", body="\n\n".join(" ".join(words[k:k + 100]) for k in range(0, 3000, 100))))
    entry = feedparser.parse((corpus.build() / "feed.xml").read_bytes()).entries[0]
    html = entry.content[0].value
    text = " ".join(" ".join(parse_text(html)).split())
    expected = " ".join(words)[:1000].rsplit(" ", 1)[0]
    assert text.startswith(expected + " …") and "word2999" not in html
    assert entry.link == "https://briefs.example.org/briefs/long/"


def test_a_long_body_naming_many_actors_gives_feeds_linear_in_the_input(corpus):
    """A brief stands in the feed of every actor it names: each feed stays small, whatever the body."""
    count = 90  # within the limits check states (README, Limits)
    people = "".join(f"- id: person-{n}\n  name: Person {n}\n  type: person\n" for n in range(count))
    corpus.registry("actors", corpus.briefs.joinpath("actors.yml").read_text(encoding="utf-8") + people)
    body = "\n\n".join(f"Paragraph {n} " + "text " * 200 for n in range(180))  # about 180 KB
    corpus.write("big.md", brief_text(actors="[" + ", ".join(f"person-{n}" for n in range(count)) + "]", body=body))
    site = corpus.build()
    feeds = [site / "feed.xml", *sorted((site / "actors").glob("*/feed.xml"))]
    assert len(feeds) == count + 4 + 1  # and the four actors of the shared registry
    assert max(path.stat().st_size for path in feeds) < 15_000 < len(body) // 10
    entry = feedparser.parse((site / "actors" / "person-0" / "feed.xml").read_bytes()).entries[0]
    assert len([tag for tag in entry.tags if tag.scheme.endswith("/actors/")]) == 25


def parse_text(html: str) -> list[str]:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    reader = Text()
    reader.feed(html)
    return reader.parts
