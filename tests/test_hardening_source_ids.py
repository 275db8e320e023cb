"""A source id that looks like a number is an error on its source's line: [@2] always means source 2."""

from __future__ import annotations

import pytest

from generator.cli import main

from test_citations import SOURCES, cited_brief, lines_of


@pytest.mark.parametrize("written", ['"2"', "'2'", '"07"'])
def test_a_source_id_made_of_digits_is_an_error_on_its_line(corpus, written):
    sources = SOURCES.replace("  - publisher: One\n", f"  - publisher: One\n    id: {written}\n")
    path = corpus.write("a.md", cited_brief("All [@1, @2, @3].", sources))
    errors = [(p.path, p.line, p.message) for p in corpus.problems() if p.severity == "error"]
    assert len(errors) == 1 and errors[0][:2] == (str(path), lines_of(path, "publisher: One"))
    assert "looks like a number" in errors[0][2]
    assert main(["check", "--briefs", str(corpus.briefs)]) == 1


def test_an_id_with_a_letter_and_digits_is_still_fine(corpus):
    sources = SOURCES.replace("  - publisher: One\n", "  - publisher: One\n    id: 2a\n")
    corpus.write("a.md", cited_brief("All [@2a, @2, @3].", sources))
    assert not [p for p in corpus.problems() if p.severity == "error"]
