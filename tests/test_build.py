"""Building: escaping, atomic replacement, reproducibility, drafts and safety of --out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.build import BuildError, build, check

from conftest import article, brief_text, linked_briefs, parse_page
from markup import PAYLOADS, write_markup_corpus


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_payloads_show_as_text_and_never_as_markup(engine_corpus):
    corpus = engine_corpus
    write_markup_corpus(corpus)
    site = corpus.build()
    shown = {name: [] for name in PAYLOADS}
    for page in site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        parsed = parse_page(page)
        text = " ".join(" ".join(parsed.text).split())
        for name, payload in PAYLOADS.items():
            if "<" in payload:
                assert payload not in raw, (name, page)
            if payload in text:
                shown[name].append(page)
        assert not [h for h in parsed.links if h.strip().lower().startswith("javascript:")], page
        assert not [a for a in parsed.attributes if a.startswith("on")], page
    assert [name for name, pages in shown.items() if not pages] == []
    brief = parse_page(site / "briefs" / "payload" / "index.html")
    assert brief.title.startswith(PAYLOADS["title"])
    assert "https://example.org/a?b=1&c=%282%29" in brief.links


def test_only_http_links_from_front_matter(corpus):
    corpus.write("a.md", brief_text().replace("https://news.example.org/a", "JaVaScRiPt:alert(1)"))
    assert any("is not an http(s) link" in p.message for p in corpus.problems())


def test_failed_mkdocs_build_leaves_previous_site_untouched(corpus, monkeypatch):
    corpus.write("a.md", brief_text())
    site = corpus.build()
    before = tree_digest(site)
    corpus.write("b.md", brief_text(title="Second"))

    import mkdocs.commands.build as mkdocs_build

    real_build_page = mkdocs_build._build_page
    calls = {"n": 0}

    def failing_build_page(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full (injected)")
        return real_build_page(*args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", failing_build_page)
    with pytest.raises(BuildError, match="injected"):
        corpus.build()
    assert calls["n"] == 3
    assert tree_digest(site) == before
    assert [p.name for p in site.parent.iterdir() if ".staging-" in p.name] == []


def test_invalid_brief_leaves_previous_site_untouched(corpus):
    from generator.cli import main

    corpus.write("a.md", brief_text())
    site = corpus.build()
    before = tree_digest(site)
    corpus.write("b.md", brief_text(actors="[nobody]"))
    argv = ["build", "--briefs", str(corpus.briefs), "--out", str(site), "--config", str(corpus.options().config_file)]
    assert main(argv) == 1
    assert tree_digest(site) == before


def test_two_builds_are_byte_identical(engine_corpus, tmp_path, monkeypatch):
    corpus = engine_corpus
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_markup_corpus(corpus)
    corpus.write("2025/b.md", brief_text(title="Another", actors="[evil]", extra="round: r\n"))
    first = corpus.build(out_dir=tmp_path / "one")
    second = corpus.build(out_dir=tmp_path / "two")
    assert len(tree_digest(first)) > 20
    assert tree_digest(first) == tree_digest(second)
    corpus.write("2025/c.md", brief_text(title="A third", date="2025-05-10", actors="[evil]"))
    assert tree_digest(corpus.build(out_dir=tmp_path / "one")) == tree_digest(corpus.build(out_dir=tmp_path / "three"))


def test_sitemap_is_dated_by_the_newest_brief(corpus, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_markup_corpus(corpus)
    first = corpus.build()
    assert (first / "sitemap.xml.gz").is_file()
    assert "<lastmod>2025-05-16</lastmod>" in (first / "sitemap.xml").read_text()


def test_source_date_epoch_is_honoured(corpus, monkeypatch):
    corpus.write("a.md", brief_text())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    site = corpus.build()
    assert "<lastmod>2026-01-01</lastmod>" in (site / "sitemap.xml").read_text()


def test_refuses_to_replace_a_folder_that_is_not_a_site(corpus):
    corpus.write("a.md", brief_text())
    precious = corpus.root / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    options = corpus.options(out_dir=precious)
    with pytest.raises(BuildError, match="did not write .*notes.txt"):
        build(options, check(options))
    assert (precious / "notes.txt").read_text() == "keep me"
    options = corpus.options(out_dir=corpus.briefs.parent)
    with pytest.raises(BuildError, match="refusing to build into"):
        build(options, check(options))


def test_a_sitemap_does_not_make_a_folder_a_site(corpus):
    corpus.write("a.md", brief_text())
    www = corpus.root / "www"
    (www / "private").mkdir(parents=True)
    (www / "sitemap.xml").write_text("<urlset/>")
    (www / "private" / "letter.txt").write_text("keep me")
    before = tree_digest(www)
    with pytest.raises(BuildError, match="private/letter.txt.*sitemap.xml|sitemap.xml.*private/letter.txt"):
        corpus.build(out_dir=www)
    assert tree_digest(www) == before


def test_drafts_are_checked_but_published_only_on_request(corpus):
    corpus.write("a.md", brief_text(title="Published"))
    corpus.write("d.md", brief_text(title="Draft", extra="draft: true\n"))
    site = corpus.build()
    assert not (site / "briefs" / "d").exists()
    assert "Draft" not in article(site / "timeline" / "index.html")
    site = corpus.build(drafts=True)
    assert (site / "briefs" / "d" / "index.html").is_file()


def test_home_page_shows_upcoming_rounds(corpus):
    corpus.write("a.md", brief_text(extra="round: round-1\n"))
    home = article(corpus.build() / "index.html")
    coming = home[home.index('id="coming-up"'):home.index('id="newest-briefs"')]  # round-1 is held: the latest round, not to come
    assert "rounds/round-2/" in coming
    assert "rounds/round-1/" not in coming


def test_bom_crlf_nested_and_cyrillic_briefs_are_published_whole(corpus):
    text = brief_text(title="Kyiv answers", actors="[зеленський]", body="Line one.\n\nLine two.")
    corpus.write("2025/05/deep/bom-crlf.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    site = corpus.build(strict=True)
    page = article(site / "briefs" / "bom-crlf" / "index.html")
    assert "Kyiv answers" in page and "Line two." in page and "Зеленський" in page
    assert linked_briefs(site / "actors" / "zelensky" / "index.html") == {"bom-crlf"}
