"""Publishing under faults: a kill, Ctrl-C or a full disk at any step leaves the old site or
the new one, whole; the next build mends what a dead build left; builds take turns."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import subprocess
import sys
import textwrap

import pytest

from generator.publish import publish
from generator.build import BuildError

from conftest import PROJECT, Corpus, brief_text
from test_build import tree_digest

# Runs `briefing build`, counting the calls that change the file system; the Nth kills
# the process (os._exit) before it happens. With "after", counting starts once the
# manifest is written: what is left then is saving the cache, the swap and cleaning up.
KILLER = textwrap.dedent(
    """
    import os, sys
    import generator.build as build, generator.publish.publish as publish
    from generator.cli import main
    kill_at, after, exchange = int(sys.argv[1]), sys.argv[2] == "after", sys.argv[3] == "exchange"
    count, armed = [0], [not after]
    def counted(function):
        def wrapper(*args, **kwargs):
            count[0] += 1
            if armed[0] and count[0] == kill_at:
                os._exit(9)
            return function(*args, **kwargs)
        return wrapper
    for name in ("rename", "replace", "link", "symlink", "unlink", "rmdir", "mkdir"):
        setattr(os, name, counted(getattr(os, name)))
    publish._exchange = counted(publish._exchange if exchange else lambda first, second: False)
    write_manifest = build.write_manifest
    def noted(*args):
        result = write_manifest(*args)
        print("manifest", count[0])
        if after:
            count[0], armed[0] = 0, True
        return result
    build.write_manifest = noted
    code = main(sys.argv[4:])
    print("total", count[0])
    sys.exit(code)
    """
)


def run_killer(tmp_path, corpus: Corpus, out, kill_at: int, phase: str, exchange: str) -> dict[str, int]:
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    argv = ["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", str(out)]
    env = dict(os.environ, PYTHONPATH=str(PROJECT), NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, str(script), str(kill_at), phase, exchange, *argv], capture_output=True, text=True, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 9), done.stderr
    return {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines() if line.split()[:1] in (["manifest"], ["total"])}


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".staging-" in p.name)


@pytest.fixture
def two_versions(tmp_path):
    """A corpus built once into site/; then edited. Returns it and the old and new sites' digests."""
    corpus = Corpus(tmp_path)
    corpus.write("a.md", brief_text(title="Old title"))
    corpus.write("b.md", brief_text(title="Gone soon"))
    old = tree_digest(corpus.build(out_dir=tmp_path / "old"))
    corpus.write("a.md", brief_text(title="New title"))
    (corpus.briefs / "b.md").unlink()
    corpus.write("c.md", brief_text(title="Added"))
    new = tree_digest(corpus.build(out_dir=tmp_path / "new"))
    corpus.write("a.md", brief_text(title="Old title"))
    corpus.write("b.md", brief_text(title="Gone soon"))
    (corpus.briefs / "c.md").unlink()
    return corpus, old, new


def edit(corpus):
    corpus.write("a.md", brief_text(title="New title"))
    (corpus.briefs / "b.md").unlink()
    corpus.write("c.md", brief_text(title="Added"))


def kill_points(tmp_path, corpus, out, exchange) -> list[tuple[int, str]]:
    """Every step from the manifest on (cache, swap, clean-up), and a few before."""
    counts = {}
    for phase in ("before", "after"):
        restore(corpus)
        corpus.build(out_dir=out)
        edit(corpus)
        counts[phase] = run_killer(tmp_path, corpus, out, 0, phase, exchange)
    before, after = counts["before"]["manifest"], counts["after"]["total"]
    return [(1, "before"), (before // 2, "before")] + [(n, "after") for n in range(1, after + 1)]


def restore(corpus):
    corpus.write("a.md", brief_text(title="Old title"))
    corpus.write("b.md", brief_text(title="Gone soon"))
    (corpus.briefs / "c.md").unlink(missing_ok=True)


@pytest.mark.parametrize("mode", ["exchange", "renames", "symlink"])
def test_a_kill_at_any_step_leaves_the_old_or_the_new_site(two_versions, tmp_path, mode):
    corpus, old, new = two_versions
    exchange = "no" if mode == "renames" else "exchange"

    def make_out(name):
        out = tmp_path / name
        if mode == "symlink":
            (tmp_path / f"{name}-releases").mkdir()
            out.symlink_to(f"{name}-releases/current")
        return out

    out = make_out("site")
    corpus.build(out_dir=out)
    corpus.build(out_dir=out)  # leaves a spare, as every later build here will
    edit(corpus)
    points = kill_points(tmp_path, corpus, out, exchange)
    assert len(points) > 8
    for kill_at, phase in points:
        restore(corpus)
        corpus.build(out_dir=out)
        assert tree_digest(out) == old
        edit(corpus)
        run_killer(tmp_path, corpus, out, kill_at, phase, exchange)
        if mode == "renames":
            publish.clean_stale(publish.place_of(out))  # what the next build does first, under the lock
        assert tree_digest(out) in (old, new), kill_at
        corpus.build(out_dir=out)
        assert tree_digest(out) == new, kill_at
        assert leftovers(tmp_path) == [] and (mode != "symlink" or len([n for n in os.listdir(tmp_path / "site-releases") if not n.endswith("-spare")]) == 1)


@pytest.mark.parametrize("exchange", [True, False])
def test_ctrl_c_at_any_step_keeps_a_whole_site(two_versions, tmp_path, monkeypatch, exchange):
    """KeyboardInterrupt raised by each file-system call from the manifest on, in-process."""
    import generator.build as build

    corpus, old, new = two_versions
    out = tmp_path / "site"
    calls = {"n": 0, "at": 0, "armed": False}
    real = {name: getattr(os, name) for name in ("rename", "replace", "unlink", "rmdir", "mkdir")}

    def interrupting(name):
        def wrapper(*args, **kwargs):
            calls["n"] += 1
            if calls["armed"] and calls["n"] == calls["at"]:
                raise KeyboardInterrupt
            return real[name](*args, **kwargs)
        return wrapper

    write_manifest = build.write_manifest

    def counting_from_here(*args):
        result = write_manifest(*args)
        calls["n"], calls["armed"] = 0, True
        return result

    monkeypatch.setattr(build, "write_manifest", counting_from_here)
    if not exchange:
        monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    for name in real:
        monkeypatch.setattr(os, name, interrupting(name))
    at, interrupted = 0, True
    while interrupted:
        at += 1
        restore(corpus)
        calls["at"] = 0
        corpus.build(out_dir=out)
        edit(corpus)
        calls["n"], calls["at"], calls["armed"] = 0, at, False
        try:
            corpus.build(out_dir=out)
            interrupted = False
        except KeyboardInterrupt:
            pass
        calls["at"] = 0
        assert tree_digest(out) in (old, new), at
        corpus.build(out_dir=out)
        assert tree_digest(out) == new and leftovers(tmp_path) == []
    assert at > 4


def test_a_full_disk_while_saving_the_cache_changes_nothing(two_versions, tmp_path, monkeypatch, capsys):
    from generator.publish import cache
    from generator.cli import main

    corpus, old, new = two_versions
    out = tmp_path / "site"
    corpus.build(out_dir=out)
    edit(corpus)

    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(cache, "_write_atomic", full)
    argv = ["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", str(out)]
    assert main(argv) == 1
    assert "FAILED: cannot save the build cache" in capsys.readouterr().err
    assert tree_digest(out) == old and leftovers(tmp_path) == []
    monkeypatch.undo()
    assert main(argv) == 0
    assert tree_digest(out) == new


def test_stale_staging_folders_are_removed_and_a_half_moved_site_put_back(two_versions, tmp_path):
    corpus, old, new = two_versions
    out = corpus.build(out_dir=tmp_path / "site")
    (tmp_path / ".site.staging-dead1" / "site" / "briefs").mkdir(parents=True)
    os.rename(out, tmp_path / ".site.staging-dead2")  # a build killed between two renames
    os.rename(tmp_path / ".site.staging-dead2", tmp_path / "moved")
    (tmp_path / ".site.staging-dead2").mkdir()
    os.rename(tmp_path / "moved", tmp_path / ".site.staging-dead2" / "retired")
    publish.clean_stale(publish.place_of(out))
    assert tree_digest(out) == old and leftovers(tmp_path) == []
    edit(corpus)
    corpus.build(out_dir=out)
    assert tree_digest(out) == new


def cli(corpus, out, *extra, config=None):
    argv = [sys.executable, "-m", "generator", "build", "--briefs", str(corpus.briefs), "--out", str(out)]
    argv += ["--config", str(config or corpus.config), *extra]
    env = dict(os.environ, PYTHONPATH=str(PROJECT), NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_a_second_build_waits_for_the_lock(corpus, tmp_path):
    corpus.write("a.md", brief_text())
    out = tmp_path / "site"
    place = publish.place_of(out)
    with open(place.lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = cli(corpus, out)
        assert "waiting for another build" in waiting.stderr.readline()
        assert waiting.poll() is None and not out.exists()
    assert waiting.wait() == 0
    assert (out / "briefs" / "a" / "index.html").is_file()


def test_three_builds_at_once_all_succeed(corpus, tmp_path):
    corpus.write("a.md", brief_text())
    out = tmp_path / "site"
    builds = [cli(corpus, out) for _ in range(3)]
    results = [(b.wait(), b.stderr.read()) for b in builds]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert not any("Traceback" in err for _, err in results)
    assert tree_digest(out) == tree_digest(corpus.build(out_dir=tmp_path / "clean")) and leftovers(tmp_path) == []


def run_main(argv, capsys):
    from generator.cli import main

    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.out + captured.err


@pytest.mark.parametrize("out", ["afile/site", "/proc/site"])
def test_an_out_that_cannot_be_made_is_a_message(corpus, tmp_path, capsys, out):
    corpus.write("a.md", brief_text())
    (tmp_path / "afile").write_text("a file")
    out = out if out.startswith("/") else str(tmp_path / out)
    code, output = run_main(["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", out], capsys)
    assert code == 1 and "FAILED: " in output
    assert "afile is a file, not a folder" in output or "/proc" in output


CONFIGS = {
    "latin-1": (b"site_name: caf\xe9\n", ":1: error: not valid UTF-8"),
    "a list": (b"- site_name: x\n", ":1: error: the site configuration must be a mapping of keys (site_name: ...), found a list"),
    "a string": (b"just text\n", ":1: error: the site configuration must be a mapping of keys (site_name: ...), found plain text"),
    "theme": (b"site_name: x\ntheme:\n  name: materiel\n", ":3: error: unknown theme 'materiel'"),
    "plugin": (b"site_name: x\nplugins:\n  - tags\n  - no-such-plugin\n", ":4: error: unknown plugin 'no-such-plugin'"),
    "lunr": (b"site_name: x\nplugins: [search]\n", ":2: error: plugin 'search': remove it"),
    "option": (b"site_name: x\nextra:\n  briefing:\n    unsafe-html: true\n", ":4: error: extra.briefing: unknown option 'unsafe-html'"),
    "type": (b"site_name: x\nextra:\n  briefing:\n    split_threshold: many\n", ":4: error: extra.briefing.split_threshold must be int"),
    "parent": (b"INHERIT: nowhere.yml\nsite_name: x\n", ":1: error: INHERIT: "),
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_a_bad_site_configuration_is_a_message(corpus, tmp_path, capsys, name):
    corpus.write("a.md", brief_text())
    text, expected = CONFIGS[name]
    corpus.config.write_bytes(text)
    code, output = run_main(["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", str(tmp_path / "site")], capsys)
    assert code == 1 and f"{corpus.config}{expected}" in output, output
    assert not (tmp_path / "site").exists()


def test_site_options_are_read_from_extra_briefing(corpus):
    from generator.config.mkdocs_yml import apply, read_site_config

    corpus.config.write_text(corpus.config.read_text() + "extra:\n  briefing:\n    unsafe_html: true\n    split_threshold: 7\n")
    options = apply(corpus.options(), read_site_config(corpus.config))
    assert (options.unsafe_html, options.split_threshold) == (True, 7)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_dates_outside_the_gzip_range_build(corpus, date, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus.write("a.md", brief_text(date=date))
    assert (corpus.build() / "sitemap.xml.gz").is_file()


WARNING_HOOK = """\
import logging

def on_page_markdown(markdown, page, **kwargs):
    if "annex" in markdown:
        logging.getLogger("mkdocs.hooks.annex").warning("the annex is not published")
    return markdown
"""


def test_mkdocs_warnings_name_their_brief_and_strict_fails_warm_and_cold(corpus, tmp_path, capsys):
    # Body links are checked by briefing itself now; a hook is what still makes MkDocs warn on a page.
    (tmp_path / "annex_hook.py").write_text(WARNING_HOOK)
    corpus.config.write_text(f"hooks: [annex_hook.py]\n{corpus.config.read_text()}")
    corpus.write("a.md", brief_text(body="See the annex."))
    corpus.write("b.md", brief_text(title="Other"))
    out = str(tmp_path / "site")
    argv = ["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", out]
    code, output = run_main(argv, capsys)
    assert code == 0 and f"{corpus.briefs / 'a.md'}: warning: the annex is not published" in output
    corpus.write("b.md", brief_text(title="Other, edited"))
    warm, warm_output = run_main(argv + ["--strict"], capsys)
    cold, cold_output = run_main(argv[:-1] + [str(tmp_path / "cold"), "--strict"], capsys)
    assert warm == cold == 1
    assert f"{corpus.briefs / 'a.md'}: warning: " in warm_output and f"{corpus.briefs / 'a.md'}: warning: " in cold_output
    with pytest.raises(BuildError):
        corpus.build(out_dir=tmp_path / "cold", strict=True)


@pytest.mark.parametrize("format", ["json", "github"])
def test_mkdocs_warnings_come_in_the_chosen_format(corpus, tmp_path, capsys, format):
    (tmp_path / "annex_hook.py").write_text(WARNING_HOOK)
    corpus.config.write_text(f"hooks: [annex_hook.py]\n{corpus.config.read_text()}")
    corpus.write("a.md", brief_text(body="See the annex."))
    argv = ["build", "--briefs", str(corpus.briefs), "--config", str(corpus.config), "--out", str(tmp_path / "site"),
            "--format", format]
    from generator.cli import main

    assert main(argv) == 0
    out = capsys.readouterr().out
    if format == "json":
        assert json.loads(out) == [
            {"path": str(corpus.briefs / "a.md"), "line": None, "severity": "warning", "message": "the annex is not published"}
        ]
    else:
        assert out == f"::warning file={str(corpus.briefs / 'a.md').replace(':', '%3A')}::the annex is not published\n"
