"""Hostile values: control characters, forged problem lines, file names that are not UTF-8."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.check import schema
from generator.pages.render import meta_value

from conftest import PROJECT, brief_text, parse_page
from markup import PAYLOADS, write_markup_corpus
from share_expected import Head, front_matter

# What the YAML spec cannot print (its c-printable set, inverted).
UNPRINTABLE = [
    chr(code) for code in range(0x110000)
    if not (code in (0x09, 0x0A, 0x0D, 0x85) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD or code >= 0x10000)
] + ["\n", "\r", "\x85", "\u2028", "\u2029"]
# What check refuses in a value: C0 but tab and newline, DEL, C1.
CONTROL = [chr(code) for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]
LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(PROJECT), **env)
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, env=environment, timeout=120)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_meta_value_is_always_a_yaml_scalar_that_round_trips(loader):
    assert len(UNPRINTABLE) > 2100  # C0, DEL, C1, every surrogate, U+FFFE/FFFF
    for character in UNPRINTABLE:
        value = f'a{character}b "q" \\ c'
        line = f"title: {meta_value(value)}\n"
        assert not [c for c in line[:-1] if c in UNPRINTABLE], repr(character)
        expected = "a b" if character.isspace() else f"a{character}b"
        if 0xD800 <= ord(character) <= 0xDFFF:  # libyaml refuses "\ud800": replaced
            expected = "a\ufffdb"
        assert yaml.load(line, loader) == {"title": expected + " &quot;q&quot; \\ c"}, repr(character)


def with_escapes(text: str, escapes: str) -> str:
    """Every single-quoted YAML scalar in ``text`` rewritten double-quoted, with ``escapes`` appended."""
    def rewrite(match: re.Match) -> str:
        value = match.group(1).replace("''", "'")
        return json.dumps(value)[:-1] + escapes + '"'

    return re.sub(r"'((?:[^']|'')*)'", rewrite, text)


def escaped(character: str) -> str:
    return f"\\u{ord(character):04x}"


def value_files(corpus) -> list[Path]:
    return [corpus.briefs / "payload.md", *(corpus.briefs / f"{name}.yml" for name in ("actors", "rounds", "topics"))]


def write_control_corpus(corpus, characters: list[str]) -> None:
    """The markup corpus with ``characters`` escaped into every text value."""
    write_markup_corpus(corpus)
    tail = "".join(escaped(c) for c in characters)
    for path in value_files(corpus):
        path.write_text(with_escapes(path.read_text(encoding="utf-8"), tail), encoding="utf-8")


# Every front-matter and registry field, each holding "{c}" on a line of its own.
EVERY_FIELD = {
    "actors": """\
- id: "a{c}"
  name: "Actor{c}"
  type: "person{c}"
  aliases: [fine, "Alias{c}"]
  role: "Role{c}"
  affiliation: "ukraine{c}"
- id: ukraine
  name: Ukraine
  type: state
""",
    "rounds": """\
- id: "r{c}"
  name: "Round{c}"
  start: "2025-05-01{c}"
  end: "2025-05-02{c}"
  venue: "Venue{c}"
  status: "held{c}"
  participants:
    - ukraine
    - "ukraine{c}"
  outcome: "Outcome{c}"
""",
    "topics": """\
- id: "t{c}"
  name: "Topic{c}"
  description: "Description{c}"
""",
    "brief.md": """\
---
title: "Title{c}"
date: "2025-05-16{c}"
summary:
  "Summary{c}"
actors:
  - ukraine
  - "Ukraine{c}"
round: "r{c}"
topics: ["t{c}"]
status: "reported{c}"
draft: "false{c}"
positions:
  - actor: "ukraine{c}"
    topic: "t{c}"
    stance: "supports{c}"
    statement: "Statement{c}"
    source: "1{c}"
sources:
  - publisher: "Publisher{c}"
    title: "Source{c}"
    url: "https://example.org/{c}"
    published: "2025-05-16{c}"
---
Body.
""",
}


def write_every_field(corpus, character: str) -> set[tuple[str, int]]:
    """EVERY_FIELD with ``character`` escaped in; return the (path, line) of each value that holds it."""
    expected = set()
    for name, text in EVERY_FIELD.items():
        text = text.replace("{c}", escaped(character))
        path = corpus.write(name, text) if name.endswith(".md") else corpus.registry(name, text)
        expected |= {(str(path), number) for number, line in enumerate(text.splitlines(), 1) if "\\u00" in line}
    assert len(expected) == 34
    return expected


@pytest.mark.parametrize("character", CONTROL, ids=escaped)
def test_check_refuses_every_control_character_in_every_value(corpus, character):
    expected = write_every_field(corpus, character)
    found = [(p.path, p.line) for p in corpus.problems()
             if p.severity == "error" and f"contains the control character U+{ord(character):04X}" in p.message]
    assert sorted(found) == sorted(expected)


def test_build_refuses_control_characters_with_file_and_line(corpus):
    expected = write_every_field(corpus, "\x7f")
    result = run_cli("build", "--briefs", str(corpus.briefs), "--config", str(corpus.config),
                     "--out", str(corpus.root / "site"))
    assert result.returncode == 1
    pattern = re.compile(r"^(.*?):(\d+): error: (?:.*: )?'[a-z]+' contains the control character U\+007F; remove it$")
    found = [m.groups() for m in map(pattern.match, result.stderr.decode().splitlines()) if m]
    assert sorted((path, int(line)) for path, line in found) == sorted(expected)
    assert f"{corpus.briefs / 'brief.md'}:5" in {f"{p}:{n}" for p, n in found}  # the value's line, below its key
    assert not (corpus.root / "site").exists()


def test_control_characters_that_slip_past_check_still_show_as_text(corpus, monkeypatch):
    """Were check to miss them, a DEL or \\x80 in a title once made the meta block invalid
    and MkDocs rendered it as Markdown: '[t](javascript:alert(1))' became a live link."""
    monkeypatch.setattr(schema, "control_characters", lambda value, line: [])
    write_control_corpus(corpus, CONTROL + ["\u2028", "\u2029"])
    site = corpus.build()
    shown = {name: False for name in PAYLOADS}
    for page in site.rglob("*.html"):
        parsed = parse_page(page)
        assert not [h for h in parsed.links if h.strip().lower().startswith("javascript:")], page
        text = " ".join(parsed.text)
        for name, payload in PAYLOADS.items():
            shown[name] = shown[name] or payload in text
    assert [name for name, seen in shown.items() if not seen] == []
    brief = parse_page(site / "briefs" / "payload" / "index.html")
    assert brief.title.startswith(PAYLOADS["title"])
    (share_json,) = Head(site / "briefs" / "payload" / "index.html").json_ld  # exact (stripped) values, escaped
    assert json.loads(share_json)["headline"] == front_matter(corpus.briefs / "payload.md")["title"].strip()


@pytest.mark.parametrize("format", ["text", "github"])
def test_a_value_cannot_forge_or_split_a_problem_line(corpus, format):
    path = corpus.write("a.md", brief_text(actors='["ghost\\nfake.md:99: error: forged\\u2028y"]'))
    result = run_cli("check", "--briefs", str(corpus.briefs), "--format", format)
    assert result.returncode == 1
    message = "actors: unknown actor 'ghost\\nfake.md:99: error: forged\\u2028y'"
    expected = f"{path}:5: error: {message}"
    if format == "github":
        expected = f"::error file={str(path).replace(':', '%3A')},line=5::{message}"
    problems = result.stdout if format == "github" else result.stderr  # for tools, for people
    assert problems.decode().splitlines() == [expected]


def test_a_file_name_cannot_forge_a_problem_line(corpus):
    path = corpus.write("a\nfake.md:99: error: forged\n.md", brief_text())
    result = run_cli("check", "--briefs", str(corpus.briefs))
    assert result.returncode == 1
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith(str(path).replace("\n", "\\n") + ":1: error: ")


@pytest.mark.parametrize("format", ["text", "github", "json"])
def test_non_utf8_file_name_prints_under_strict_utf8(corpus, format):
    folder = os.fsencode(corpus.briefs)
    with open(folder + b"/caf\xe9.md", "w", encoding="utf-8") as file:
        file.write(brief_text())
    result = run_cli("check", "--briefs", str(corpus.briefs), "--format", format, PYTHONIOENCODING="utf-8:strict")
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    output = (result.stderr if format == "text" else result.stdout).decode("utf-8")  # strict: valid UTF-8
    shown = f"{corpus.briefs}/caf\\xe9.md"
    if format == "json":
        (problem,) = json.loads(output)
        assert problem == {"path": shown, "line": 1, "severity": "error", "message": "the name is not valid UTF-8; rename it (not read)"}
    else:
        assert shown in output and len(output.splitlines()) == 1


def test_non_utf8_folder_name_is_an_error_and_not_read(corpus):
    folder = os.fsencode(corpus.briefs) + b"/caf\xe9"
    os.mkdir(folder)
    with open(folder + b"/a.md", "w", encoding="utf-8") as file:
        file.write(brief_text())
    problems = corpus.problems()
    assert [(p.path, p.message) for p in problems] == [(os.fsdecode(folder), "the name is not valid UTF-8; rename it (not read)")]


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text, self.tags = [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_payloads_stay_text_in_feeds_and_data_files(engine_corpus):
    """Feeds (escaped XML, HTML only in <content>), JSON and CSV give every value back as written."""
    import csv
    import html
    from xml.etree import ElementTree

    write_markup_corpus(engine_corpus)
    site = engine_corpus.build()
    p, atom = PAYLOADS, "{http://www.w3.org/2005/Atom}"
    for feed in site.rglob("feed.xml"):
        root = ElementTree.parse(feed).getroot()
        assert {element.tag[:len(atom)] for element in root.iter()} == {atom}, feed
        assert [e.tag for e in root.iter() if e.get("type") == "html"] in ([], [f"{atom}content"]), feed
        for entry in root.iterfind(f"{atom}entry"):
            assert entry.findtext(f"{atom}title") == p["title"] and entry.findtext(f"{atom}summary") == p["summary"]
            labels = {c.get("label") for c in entry.iterfind(f"{atom}category")}
            assert {p["actor_name"], p["round_name"], p["topic_name"]} <= labels
            assert f"{p['publisher']}: {p['source_title']}" in {l.get("title") for l in entry.iterfind(f"{atom}link")}
            content = _HTMLText()
            content.feed(entry.findtext(f"{atom}content"))
            assert p["correction_note"] in "".join(content.text) and content.tags == {"p", "h2", "ul", "li"}
    data = site / "data"
    brief = json.loads((data / "briefs.json").read_text(encoding="utf-8"))[0]
    assert (brief["title"], brief["summary"], brief["corrections"][0]["note"]) == (p["title"], p["summary"], p["correction_note"])
    assert (brief["sources"][0]["publisher"], brief["sources"][0]["title"]) == (p["publisher"], p["source_title"])
    person = json.loads((data / "actors.json").read_text(encoding="utf-8"))["persons"][0]
    assert (person["name"], person["other_names"], person["summary"]) == (p["actor_name"], [{"name": p["alias"]}], p["role"])
    round = json.loads((data / "rounds.json").read_text(encoding="utf-8"))[0]
    assert (round["name"], round["venue"], round["outcome"]) == (p["round_name"], p["venue"], p["outcome"])
    assert json.loads((data / "topics.json").read_text(encoding="utf-8"))[0]["name"] == p["topic_name"]
    row = next(csv.DictReader((data / "briefs.csv").open(encoding="utf-8", newline="")))
    assert (row["title"], row["summary"]) == (p["title"], p["summary"])
    source = next(csv.DictReader((data / "sources.csv").open(encoding="utf-8", newline="")))
    assert (source["publisher"], source["title"]) == (p["publisher"], p["source_title"])
    event = json.loads((data / "timeline.json").read_text(encoding="utf-8"))["events"][0]["text"]
    assert "<" not in event["headline"] and html.unescape(event["headline"]) == p["title"]
    assert html.unescape(event["text"]).startswith(p["summary"] + " <a href=")
