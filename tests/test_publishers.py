"""publishers.yml: who each source comes from, checked and shown next to the source."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from generator.cli import main

from conftest import PROJECT, article, brief_text, parse_page
from markup import PAYLOADS, write_markup_corpus

REGISTRY = """\
- id: tass
  name: TASS
  aliases: [ТАСС, TASS news agency]
  type: state-aligned
  country: RU
- id: kyiv-independent
  name: Kyiv Independent
  type: online
"""


def _with_publisher(publisher: str) -> str:
    return brief_text().replace("publisher: Example Wire", f"publisher: {publisher}")


def test_without_a_registry_any_publisher_is_accepted(corpus):
    corpus.write("a.md", _with_publisher("Anything At All"))
    assert corpus.problems() == []


@pytest.mark.parametrize("written", ["tass", "TASS", "тасс", "TASS News Agency"])
def test_a_publisher_may_be_written_as_id_name_or_alias(corpus, written):
    corpus.registry("publishers", REGISTRY)
    corpus.write("a.md", _with_publisher(written))
    assert corpus.problems() == []


def test_an_unknown_publisher_is_a_warning_with_the_closest_names(corpus):
    corpus.registry("publishers", REGISTRY)
    path = corpus.write("a.md", _with_publisher("TASS wire"))
    line = path.read_text().splitlines().index("  - publisher: TASS wire") + 1
    problems = corpus.problems()
    assert [str(p) for p in problems] == [f"{path}:{line}: warning: source 1: unknown publisher 'TASS wire'; did you mean 'tass'?"]
    assert main(["check", "--briefs", str(corpus.briefs)]) == 0
    assert main(["check", "--strict", "--briefs", str(corpus.briefs)]) == 1


@pytest.mark.parametrize(
    "entry, line, message",
    [
        ("  type: tabloid\n", 4, "publisher 'x': 'type' must be one of wire, newspaper, broadcaster, online, public-service, state-owned, state-aligned,"),
        ("  country: ru\n", 4, "publisher 'x': 'country' must be an ISO 3166-1 alpha-2 country code in capitals"),
        ("  country: RUS\n", 4, "'country' must be an ISO 3166-1 alpha-2"),
        ("  language: RU\n", 4, "publisher 'x': 'language' must be an ISO 639-1 language code in lowercase"),
        ("  url: ftp://x.example\n", 4, "publisher 'x': 'url' 'ftp://x.example' is not an http(s) link"),
        ("  owner: someone\n", 4, "publisher 'x': unknown key 'owner'"),
    ],
)
def test_registry_errors_name_file_line_and_fix(corpus, entry, line, message):
    path = corpus.registry("publishers", "# publishers\n- id: x\n  name: X\n" + entry)
    corpus.write("a.md", _with_publisher("X"))
    errors = [p for p in corpus.problems() if p.severity == "error"]
    assert [(p.path, p.line) for p in errors] == [(str(path), line)]
    assert message in errors[0].message
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


def test_duplicate_publisher_id_and_name_are_errors(corpus):
    path = corpus.registry("publishers", "- id: x\n  name: X\n- id: x\n  name: Y\n- id: z\n  name: x\n")
    corpus.write("a.md", _with_publisher("X"))
    errors = [(p.path, p.line, p.message) for p in corpus.problems() if p.severity == "error"]
    assert errors == [
        (str(path), 3, "duplicate publisher id 'x' (first on line 1)"),
        (str(path), 5, "publisher 'z': 'x' is already a name of publisher 'x'"),
    ]


# What readers see for a type, where it is not the type as written (README, "Registries").
_SHOWN_AS = {"public-service": "public service", "international-organization": "international organization", "ngo": "NGO"}


def _labels(entry: dict) -> str:
    kind = entry.get("type", "")
    return ", ".join(v for v in [_SHOWN_AS.get(kind, kind), entry.get("country", "")] if v)


def test_sample_sources_show_the_registry_labels(sample_site):
    """Computed from the raw files: every source of a labelled publisher reads 'Name (labels)'."""
    registry = yaml.safe_load((PROJECT / "briefs" / "publishers.yml").read_text())
    labelled = {entry["name"]: _labels(entry) for entry in registry if _labels(entry)}
    assert labelled.get("TASS") == "state-aligned, RU"
    seen = 0
    for path in (PROJECT / "briefs").rglob("2*.md"):
        meta = yaml.safe_load(path.read_text().split("---\n", 2)[1])
        page = html.unescape(re.sub(r"<[^>]+>", "", article(sample_site / "briefs" / path.stem / "index.html")))
        for source in meta["sources"]:
            if source["publisher"] in labelled:
                seen += 1
                assert f"({labelled[source['publisher']]})" in page, (path.name, source)
    assert seen >= 5
    sources = html.unescape(re.sub(r"<[^>]+>", "", article(sample_site / "sources" / "index.html")))
    for name, labels in labelled.items():
        if name in sources:
            assert f"{name} ({labels})" in sources


def test_sample_registry_invents_no_url_and_labels_only_what_the_fact_sheet_says():
    registry = yaml.safe_load((PROJECT / "briefs" / "publishers.yml").read_text())
    assert not [entry for entry in registry if "url" in entry or "language" in entry]
    assert {entry["name"] for entry in registry if "type" in entry or "country" in entry} <= {"TASS", "Sputnik", "Pravda.ru"}


def test_registry_names_show_as_text(corpus):
    write_markup_corpus(corpus)
    page = parse_page(corpus.build() / "briefs" / "payload" / "index.html")
    text = "".join(page.text)
    assert PAYLOADS["registry_publisher"] + ", wire.example.org (state-owned, RU)" in text
    assert not [link for link in page.links if link.lower().startswith("javascript:")]
