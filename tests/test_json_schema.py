"""The JSON Schemas for editors: generated from schema.py, committed, published, and in
agreement with `check` on the samples and on each kind of bad value a schema can see."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from jsonschema import Draft7Validator

from generator.check import json_schema, schema
from generator.read.strict_yaml import load as read_yaml  # YAML 1.2 booleans, dates as text: as editors read YAML

from conftest import PROJECT, brief_text

COMMITTED = PROJECT / "schemas"
NAMES = ["brief", "actors", "rounds", "topics", "publishers"]


def validator(name: str) -> Draft7Validator:
    made = json.loads((COMMITTED / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(made)
    return Draft7Validator(made, format_checker=Draft7Validator.FORMAT_CHECKER)


def front_matter(text: str):
    match = re.match(r"\A---\n(.*?\n)---\n", text.lstrip("\ufeff").replace("\r\n", "\n"), re.S)
    assert match, "no front matter"
    return read_yaml(match.group(1))


def test_the_committed_schemas_are_the_generated_ones(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "schema", str(tmp_path / "made")],
                            capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    made = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "made").iterdir()}
    committed = {path.name: path.read_text(encoding="utf-8") for path in COMMITTED.iterdir()}
    assert sorted(made) == sorted(f"{name}.schema.json" for name in NAMES)
    assert made == committed, "run `briefing schema schemas` and commit the result"


def test_every_declared_field_has_a_schema_of_its_kind():
    """A parser json_schema.py does not know would leave its field unchecked in editors."""
    def fields(declared):
        for key, field in declared.items():
            yield key, field
            if field.records:
                yield from fields(field.records)

    declared = [schema.BRIEF] + [json_schema.registry_fields(name) for name in NAMES[1:]]
    unknown = [key for record in declared for key, field in fields(record)
               if json_schema.field_schema(field).get("description") == json_schema.UNKNOWN_PARSER]
    assert unknown == []


def test_every_sample_brief_and_registry_validates(tmp_path):
    briefs = sorted((PROJECT / "briefs").rglob("*.md"))
    briefs = [path for path in briefs if path.name != "about.md"]
    assert len(briefs) >= 10
    for path in briefs:
        errors = [error.message for error in validator("brief").iter_errors(front_matter(path.read_text(encoding="utf-8")))]
        assert errors == [], path
    for name in NAMES[1:]:
        path = PROJECT / "briefs" / f"{name}.yml"
        if path.exists():
            assert [e.message for e in validator(name).iter_errors(read_yaml(path.read_text(encoding="utf-8")))] == [], path
    demo = tmp_path / "demo"
    subprocess.run([sys.executable, "-m", "generator", "demo-corpus", "40", str(demo)], check=True, cwd=PROJECT,
                   capture_output=True)
    for path in demo.rglob("*.md"):
        assert list(validator("brief").iter_errors(front_matter(path.read_text(encoding="utf-8")))) == [], path


def test_an_optional_key_left_empty_passes_both_and_a_required_one_fails_both(corpus):
    """check reads `round:` as no round, and `title:` as a missing title."""
    empty_optional = brief_text(extra="round:\ntopics:\nstatus:\ndraft:\n")
    assert list(validator("brief").iter_errors(front_matter(empty_optional))) == []
    corpus.write("a.md", empty_optional)
    assert [p for p in corpus.problems() if p.severity == "error"] == []
    empty_title = brief_text().replace("title: A brief", "title:")
    assert list(validator("brief").iter_errors(front_matter(empty_title)))
    corpus.write("a.md", empty_title)
    assert [p for p in corpus.problems() if p.severity == "error"]


BAD_BRIEFS = {  # a line of a good brief replaced: what an editor can underline, and check refuses
    "a number as title": ("title: A brief", "title: 1986"),
    "a blank summary": ("summary: What happened.", "summary: '  '"),
    "an impossible date": ("date: 2025-05-16", "date: 2025-02-30"),
    "a date not YYYY-MM-DD": ("date: 2025-05-16", "date: 16 May 2025"),
    "no actors": ("actors: [umerov]", "actors: []"),
    "actors as text": ("actors: [umerov]", "actors: umerov"),
    "an unknown status": ("actors: [umerov]", "actors: [umerov]\nstatus: sure"),
    "an unknown key": ("actors: [umerov]", "actors: [umerov]\nactor: [umerov]"),
    "a missing summary": ("summary: What happened.\n", ""),
    "a draft as YAML 1.1 yes": ("actors: [umerov]", "actors: [umerov]\ndraft: yes"),
    "a javascript link": ("url: https://news.example.org/a", "url: javascript:alert(1)"),
    "a source without publisher": ("  - publisher: Example Wire\n    url:", "  - url:"),
    "a source key unknown": ("url: https://news.example.org/a", "url: https://news.example.org/a\n    author: X"),
    "a control character": ("title: A brief", 'title: "A\\x7fbrief"'),
}


@pytest.mark.parametrize("name", BAD_BRIEFS)
def test_each_bad_brief_fails_the_schema_as_it_fails_check(corpus, name):
    good = brief_text()
    assert list(validator("brief").iter_errors(front_matter(good))) == []
    old, new = BAD_BRIEFS[name]
    assert old in good
    bad = good.replace(old, new, 1)
    assert list(validator("brief").iter_errors(front_matter(bad))), name
    corpus.write("a.md", bad)
    assert [p for p in corpus.problems() if p.severity == "error"], f"check accepts {name}"


BAD_ENTRIES = [
    ("actors", "- id: Bad_Id\n  name: X\n  type: person\n"),
    ("actors", "- id: index\n  name: X\n  type: person\n"),
    ("actors", "- id: x\n  name: X\n  type: company\n"),
    ("actors", "- id: x\n  name: X\n"),
    ("actors", "- id: x\n  name: X\n  type: person\n  aliases: X\n"),
    ("rounds", "- id: r\n  name: R\n  start: soon\n"),
    ("rounds", "- id: r\n  name: R\n  start: 2025-05-16\n  status: over\n"),
    ("topics", "- id: t\n  name: T\n  summary: x\n"),
    ("topics", "- just a name\n"),
    ("publishers", "- id: p\n  name: P\n  country: ru\n"),
    ("publishers", "- id: p\n  name: P\n  language: RUS\n"),
    ("publishers", "- id: p\n  name: P\n  url: ftp://p.example.org/\n"),
]


@pytest.mark.parametrize("name, text", BAD_ENTRIES, ids=[f"{name}: {text.splitlines()[-1].strip()}" for name, text in BAD_ENTRIES])
def test_each_bad_registry_entry_fails_the_schema_as_it_fails_check(corpus, name, text):
    assert list(validator(name).iter_errors(read_yaml(text)))
    corpus.registry(name, text)
    corpus.write("a.md", brief_text())
    assert [p for p in corpus.problems() if p.severity == "error" and p.path.endswith(f"{name}.yml")]


def test_the_site_publishes_the_schemas_under_data_schemas(corpus):
    corpus.write("a.md", brief_text())
    site = corpus.build()
    published = {path.name: path.read_bytes() for path in (site / "data" / "schemas").iterdir()}
    assert published == {path.name: path.read_bytes() for path in COMMITTED.iterdir()}
