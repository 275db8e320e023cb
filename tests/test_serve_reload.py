"""The quick path of `briefing serve` reads only the edited briefs again over its kept corpus
(generator/read/reload.py): what it gives must be what a full load gives."""

from __future__ import annotations

from generator.check.validate import validate
from generator.read.load import load_corpus
from generator.read.reload import reload_briefs

from conftest import brief_text, front_matter


def test_reading_the_edited_briefs_again_equals_a_full_load(corpus):
    for name in ("a", "b", "c"):
        corpus.write(f"2025/{name}.md", brief_text(title=f"Title {name}"))
    kept = load_corpus(corpus.briefs)
    validate(kept)
    body_edit = corpus.write("2025/b.md", brief_text(title="Title b", body="A new body."))
    title_edit = corpus.write("2025/c.md", brief_text(title="A new title"))

    reloaded = reload_briefs(kept, [body_edit])
    assert reloaded is not None and not reloaded.front_matter_changed
    assert reloaded.briefs[1].body.strip() == "A new body."
    assert reloaded.briefs[0] is kept.briefs[0]  # not read again

    reloaded = reload_briefs(kept, [body_edit, title_edit])
    full = load_corpus(corpus.briefs)
    assert reloaded.front_matter_changed
    assert reloaded.parsed.keys() == full.parsed.keys()
    assert [entry[0] for entry in reloaded.parsed.values()] == [entry[0] for entry in full.parsed.values()]
    assert reloaded.briefs == full.briefs and reloaded.registry_digest == full.registry_digest
    assert [brief.data["title"] for brief in reloaded.briefs] == [front_matter(corpus.briefs / "2025" / f"{name}.md")["title"]
                                                                  for name in "abc"]
    assert reloaded.fresh == {str(body_edit), str(title_edit)}


def test_a_brief_that_no_longer_parses_or_a_new_file_is_left_to_the_full_load(corpus):
    corpus.write("2025/a.md", brief_text())
    kept = load_corpus(corpus.briefs)
    broken = corpus.write("2025/a.md", "---\ntitle: [unclosed\n---\nBody.\n")
    assert reload_briefs(kept, [broken]) is None
    assert reload_briefs(kept, [corpus.write("2025/new.md", brief_text())]) is None
