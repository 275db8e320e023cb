"""``briefing check --out SITE`` reads the build cache of SITE: the briefs whose files and
registries did not change are not checked again, and it prints exactly what a check without
the cache prints, after an edited brief and after an edited registry."""

from __future__ import annotations

import json

from conftest import ROUNDS, brief_text
from generator.check import validate
from generator.cli import main


def check_output(corpus, out, capsys, monkeypatch) -> tuple[list[dict], str, set[str]]:
    """The problems ``check`` prints as JSON, its exit status, and the files it checked afresh."""
    checked: set[str] = set()
    read_brief = validate._read_brief

    def counting(document, *args):
        checked.add(document.path.rsplit("/", 1)[-1])
        return read_brief(document, *args)

    monkeypatch.setattr(validate, "_read_brief", counting)
    status = main(["check", "--briefs", str(corpus.briefs), "--out", str(out), "--format", "json"])
    monkeypatch.undo()
    return json.loads(capsys.readouterr().out), status, checked


def line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_check_with_the_cache_prints_what_a_cold_check_prints(corpus, capsys, monkeypatch):
    a = corpus.write("a.md", brief_text(title="In round one", extra="round: round-1\n"))
    corpus.write("b.md", brief_text(title="Far ahead", date="2999-01-01"))
    c = corpus.write("c.md", brief_text(title="Plain"))
    site = corpus.build()
    problems, status, checked = check_output(corpus, site, capsys, monkeypatch)
    assert status == 0 and checked == set()  # every result came from the cache
    assert [(p["path"], p["severity"]) for p in problems] == [(str(corpus.briefs / "b.md"), "warning")]

    # An edited brief is checked again; the others are not, and keep their warning.
    corpus.write("c.md", brief_text(title="Plain", actors="[nobody-known]"))
    warm, status, checked = check_output(corpus, site, capsys, monkeypatch)
    cold, cold_status, _ = check_output(corpus, corpus.root / "never-built", capsys, monkeypatch)
    assert checked == {"c.md"} and warm == cold and status == cold_status == 1
    assert {"path": str(c), "line": line_of(c, "actors: [nobody-known]"), "severity": "error"}.items() <= \
        next(p for p in warm if p["path"] == str(c)).items()

    # An edited registry reaches a brief whose text did not change: round one moves a year on.
    corpus.registry("rounds", ROUNDS.replace("start: 2025-05-16", "start: 2026-06-16"))
    warm, status, checked = check_output(corpus, site, capsys, monkeypatch)
    cold, cold_status, _ = check_output(corpus, corpus.root / "never-built", capsys, monkeypatch)
    assert checked == {"a.md", "b.md", "c.md"} and warm == cold and status == cold_status == 1
    outside = [p for p in warm if p["path"] == str(a)]
    assert [(p["line"], p["severity"]) for p in outside] == [(line_of(a, "date: 2025-05-16"), "warning")]
    assert "outside round 'round-1'" in outside[0]["message"]
