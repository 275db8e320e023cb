"""A symbolic link inside briefs/ is never silent: a linked folder is followed (its briefs are
checked and built, each folder once), a link that cannot be followed is a ``path: error``."""

from __future__ import annotations

from generator.cli import main

from conftest import brief_text


def test_a_linked_folder_is_followed_into_check_and_the_site(corpus, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "far-brief.md").write_text(brief_text(title="Far"), encoding="utf-8")
    corpus.write("2025/near-brief.md", brief_text(title="Near"))
    (corpus.briefs / "linked").symlink_to(elsewhere)
    (corpus.briefs / "inside").symlink_to("2025")  # within the tree: the same folder, read once
    problems = corpus.problems()
    assert [(p.path, p.severity) for p in problems] == [(str(corpus.briefs / "inside"), "warning")]
    site = corpus.build()
    assert (site / "briefs" / "far-brief" / "index.html").is_file() and (site / "briefs" / "near-brief" / "index.html").is_file()


def test_a_linked_folder_that_cannot_be_followed_is_an_error_and_check_fails(corpus, capsys):
    corpus.write("a.md", brief_text())
    (corpus.briefs / "gone").symlink_to("no-such-folder")
    (corpus.briefs / "gone.md").symlink_to("no-such-file.md")
    code = main(["check", "--briefs", str(corpus.briefs)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{corpus.briefs / 'gone.md'}:1: error: a symbolic link that cannot be followed" in err
    assert f"{corpus.briefs / 'gone'}:1: warning: a symbolic link that cannot be followed" in err
