"""A retracted brief's stance is never shown as current: the positions matrix leaves it out of
"latest", and actor, topic and round-pack pages strike it through and mark it."""

from __future__ import annotations

import re

from conftest import article, brief_text


def position(stance: str, statement: str) -> str:
    return (f"topics: [prisoners]\npositions:\n  - actor: umerov\n    topic: prisoners\n    stance: {stance}\n"
            f"    statement: {statement}\n    source: 1\n")


def cell_of(site) -> str:
    page = article(site / "positions" / "index.html")
    row = re.search(r'<tr><th scope="row">.*?actors/umerov/.*?</tr>', page, re.S)
    return row.group(0) if row else ""


def test_a_retracted_stance_is_struck_through_and_never_latest(corpus):
    corpus.write("a-early.md", brief_text(title="Early", date="2025-05-10", extra=position("supports", "Early word.")))
    corpus.write("b-late.md", brief_text(title="Late", date="2025-05-20",
                                          extra="status: retracted\n" + position("opposes", "Retracted word.")))
    site = corpus.build()
    cell = cell_of(site)
    assert 'stance-supports' in cell and "Early word." in cell
    assert "opposes" not in cell and "Retracted word." not in cell and "Moved" not in cell
    for page in ("actors/umerov", "topics/prisoners"):
        history = article(site / page / "index.html")
        line = next(li for li in re.findall(r"<li>.*?</li>", history, re.S) if "Retracted word." in li)
        assert re.search(r"<del[^>]*>opposes</del>", line) and "(retracted)" in line, page
        early = next(li for li in re.findall(r"<li>.*?</li>", history, re.S) if "Early word." in li)
        assert "<del" not in early and "retracted" not in early


def test_an_actor_whose_only_stance_is_retracted_has_no_current_stance(corpus):
    corpus.write("b-late.md", brief_text(title="Late", extra="status: retracted\n" + position("opposes", "Retracted word.")))
    site = corpus.build()
    assert "Retracted word." not in article(site / "positions" / "index.html")
    assert re.search(r"<del[^>]*>opposes</del>", article(site / "actors" / "umerov" / "index.html"))


def test_retracting_a_brief_later_gives_the_clean_build(corpus, tmp_path):
    from test_build import tree_digest

    corpus.write("a-early.md", brief_text(title="Early", date="2025-05-10", extra=position("supports", "Early word.")))
    late = corpus.write("b-late.md", brief_text(title="Late", date="2025-05-20", extra=position("opposes", "Late word.")))
    corpus.build()
    late.write_text(late.read_text(encoding="utf-8").replace("topics:", "status: retracted\ntopics:"), encoding="utf-8")
    incremental = corpus.build()
    assert "Late word." not in cell_of(incremental)
    assert tree_digest(incremental) == tree_digest(corpus.build(out_dir=tmp_path / "clean" / "site"))
