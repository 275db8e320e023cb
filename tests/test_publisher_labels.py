"""Publisher labels: only the kinds the README defines are accepted, each is explained on /about/,
and the sample labels TASS, Sputnik and Pravda.ru as the fact sheet does (state-aligned, not owned)."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import PROJECT, article, brief_text

FACTS = PROJECT.parent.parent / "shared" / "facts" / "istanbul-talks-2025.md"


def _readme_kinds() -> dict[str, str]:
    """`type` → what readers see, from the README's table under "Publisher labels"."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Publisher labels", 1)[1].split("\n#", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+?) \|", section, re.MULTILINE))
    rows.pop("type")  # the heading
    return rows


def _registry(kind: str) -> str:
    return f"# publishers\n- id: x\n  name: X Agency\n  type: {kind}\n  country: RU\n"


def test_the_readme_defines_state_owned_apart_from_state_aligned():
    kinds = _readme_kinds()
    assert {"state-owned", "state-aligned"} <= set(kinds) and "state-media" not in kinds
    assert len(kinds) >= 10


@pytest.mark.parametrize("kind", sorted(_readme_kinds()))
def test_every_defined_label_is_accepted_and_shown_as_the_readme_says(corpus, kind):
    corpus.registry("publishers", _registry(kind))
    corpus.write("a.md", brief_text().replace("publisher: Example Wire", "publisher: X Agency"))
    assert corpus.problems() == []
    site = corpus.build()
    page = html.unescape(re.sub(r"<[^>]+>", "", article(site / "briefs" / "a" / "index.html")))
    assert f"X Agency, news.example.org ({_readme_kinds()[kind]}, RU)" in page


@pytest.mark.parametrize("kind, advice", [
    ("state-media", "'type' 'state-media' is no longer accepted: write state-owned if"),
    ("state-run", "'type' must be one of wire,"),
    ("State-Aligned", "'type' must be one of wire,"),
])
def test_an_undefined_label_is_an_error_at_its_line(corpus, kind, advice):
    path = corpus.registry("publishers", _registry(kind))
    corpus.write("a.md", brief_text().replace("publisher: Example Wire", "publisher: X Agency"))
    errors = [p for p in corpus.problems() if p.severity == "error"]
    assert [(p.path, p.line) for p in errors] == [(str(path), 4)]
    assert advice in errors[0].message


def test_about_explains_every_label_under_its_anchor(corpus):
    corpus.write("a.md", brief_text())
    page = article(corpus.build() / "about" / "index.html")
    for kind, shown in _readme_kinds().items():
        found = re.search(rf'<dt id="publisher-{kind}"><strong>([^<]+)</strong></dt>\s*<dd>([^<]+)</dd>', page)
        assert found, kind
        assert found.group(1) == shown and len(found.group(2)) > 15


def test_the_sample_labels_only_what_the_fact_sheet_says():
    registry = yaml.safe_load((PROJECT / "briefs" / "publishers.yml").read_text(encoding="utf-8"))
    labelled = {entry["name"]: (entry.get("type"), entry.get("country")) for entry in registry if "type" in entry}
    facts = FACTS.read_text(encoding="utf-8") if FACTS.exists() else ""
    if facts:
        assert "TASS, Sputnik and Pravda.ru are Russian state-aligned outlets" in facts
        assert "state-owned" not in facts
    assert labelled == {name: ("state-aligned", "RU") for name in ("TASS", "Sputnik", "Pravda.ru")}
