import pytest
from pathlib import Path

from generator.read.load import LoadError, load_corpus, parse_brief, read_text

VALID = "---\ntitle: T\ndate: 2025-05-16\n---\nBody\n"


def test_bom_and_crlf_keep_front_matter(tmp_path):
    path = tmp_path / "b.md"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    document = parse_brief(read_text(path, "b.md"), "b.md")
    assert document.data == {"title": "T", "date": "2025-05-16"}
    assert document.data.lines == {"title": 2, "date": 3}
    assert document.body == "Body\n"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty file"),
        ("   \n\n", "empty file"),
        ("# Just a heading\n", "no front matter"),
        ("---\ntitle: T\n", "not closed"),
        ("---\n- a\n- b\n---\n", "must be a mapping"),
        ("---\n---\nbody\n", "must be a mapping"),
    ],
)
def test_unusable_front_matter(text, message):
    with pytest.raises(LoadError) as caught:
        parse_brief(text, "x.md")
    assert message in caught.value.problem.message
    assert caught.value.problem.path == "x.md"


def test_non_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(LoadError) as caught:
        read_text(path, "latin1.md")
    assert caught.value.problem.line == 2
    assert "not valid UTF-8" in caught.value.problem.message


def test_corpus_finds_nested_briefs_and_skips_hidden(tmp_path):
    (tmp_path / "2025" / "05").mkdir(parents=True)
    (tmp_path / "2025" / "05" / "a.md").write_text(VALID)
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "b.md").write_text(VALID)
    raw = load_corpus(tmp_path)
    assert [d.path for d in raw.briefs] == [str(tmp_path / "2025" / "05" / "a.md")]
    assert raw.problems == []


# Files and folders that cannot be briefs: each is a problem naming its path, never a crash or a silent skip.

import errno
import os
import resource
import subprocess
import sys

from generator.cli import main

from conftest import PROJECT, brief_text


def errors_of(corpus):
    return [(p.path, p.line, p.severity, p.message) for p in corpus.problems()]


def check_exit(corpus) -> int:
    return main(["check", "--briefs", str(corpus.briefs)])


def deny(monkeypatch, function_name: str, denied: Path) -> None:
    """Make ``os.<function_name>`` fail on ``denied`` as it would for a non-root user on mode 000."""
    real = getattr(os, function_name)

    def refusing(path, *args, **kwargs):
        if Path(path) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function_name, refusing)


root_only = pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode 000 files; the monkeypatched test covers it")


def test_unreadable_brief_is_an_error(corpus, monkeypatch):
    path = corpus.write("a.md", brief_text())
    deny(monkeypatch, "open", path)
    assert errors_of(corpus) == [(str(path), 1, "error", "cannot read the file: Permission denied")]
    assert check_exit(corpus) == 1


@root_only
def test_unreadable_brief_mode_000(corpus):
    path = corpus.write("a.md", brief_text())
    path.chmod(0)
    assert errors_of(corpus) == [(str(path), 1, "error", "cannot read the file: Permission denied")]


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_brief_whose_read_fails_is_an_error(corpus):
    """A real read error, even for root: /proc/self/mem is a regular file that fails to read at offset 0."""
    path = corpus.briefs / "mem.md"
    path.symlink_to("/proc/self/mem")
    assert errors_of(corpus) == [(str(path), 1, "error", "cannot read the file: Input/output error")]
    assert check_exit(corpus) == 1


def test_unreadable_registry_is_an_error(corpus, monkeypatch):
    path = corpus.briefs / "topics.yml"
    deny(monkeypatch, "open", path)
    assert errors_of(corpus) == [(str(path), 1, "error", "cannot read the file: Permission denied")]


def test_registry_that_is_a_folder(corpus):
    path = corpus.briefs / "rounds.yml"
    path.unlink()
    path.mkdir()
    assert errors_of(corpus) == [(str(path), 1, "error", "is a folder, not a file; not read")]


def test_dangling_registry_link_is_not_a_missing_registry(corpus):
    path = corpus.briefs / "topics.yml"
    path.unlink()
    path.symlink_to("nowhere.yml")
    assert errors_of(corpus) == [(str(path), 1, "error", "cannot read the file: No such file or directory")]


def test_registry_with_yaml_extension_is_named(corpus):
    (corpus.briefs / "topics.yml").rename(corpus.briefs / "topics.yaml")
    assert errors_of(corpus) == [(str(corpus.briefs / "topics.yaml"), 1, "error", "registries are read from topics.yml; rename it")]


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_brief_that_is_a_device_or_pipe_is_refused_without_reading(corpus, target):
    if target == "fifo":
        os.mkfifo(corpus.briefs / "pipe")
        target = str(corpus.briefs / "pipe")
    path = corpus.briefs / "zero.md"
    path.symlink_to(target)
    result = subprocess.run(  # in a child with bounded memory: reading /dev/zero would fill it
        [sys.executable, "-m", "generator", "check", "--briefs", str(corpus.briefs)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(PROJECT)),
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)),
    )
    kind = "a character device" if target == "/dev/zero" else "a named pipe"
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{path}:1: error: is {kind}, not a file; not read"]


def test_unreadable_sub_folder_fails_check(corpus, monkeypatch):
    corpus.write("a.md", brief_text())
    folder = corpus.write("2025/b.md", brief_text()).parent
    deny(monkeypatch, "scandir", folder)
    assert errors_of(corpus) == [
        (str(folder), 1, "error", "cannot read the folder: Permission denied; its briefs are not checked")
    ]
    assert check_exit(corpus) == 1


@root_only
def test_unreadable_sub_folder_mode_000(corpus):
    folder = corpus.write("2025/b.md", brief_text()).parent
    folder.chmod(0)
    try:
        assert [p[0] for p in errors_of(corpus)] == [str(folder)]
    finally:
        folder.chmod(0o755)


def test_broken_links_and_link_loops(corpus):
    corpus.write("a.md", brief_text())
    (corpus.briefs / "ghost.md").symlink_to("missing.md")
    (corpus.briefs / "loop.md").symlink_to("loop.md")
    (corpus.briefs / "notes").symlink_to("missing-folder")
    assert errors_of(corpus) == [
        (str(corpus.briefs / "ghost.md"), 1, "error", "a symbolic link that cannot be followed (No such file or directory); if it holds briefs, they are not checked"),
        (str(corpus.briefs / "loop.md"), 1, "error", "a symbolic link that cannot be followed (Too many levels of symbolic links); if it holds briefs, they are not checked"),
        (str(corpus.briefs / "notes"), 1, "warning", "a symbolic link that cannot be followed (No such file or directory); if it holds briefs, they are not checked"),
    ]


def test_linked_folders_are_followed_once(corpus, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "far.md").write_text(brief_text(), encoding="utf-8")
    (corpus.briefs / "linked").symlink_to(outside)
    near = corpus.write("2025/near.md", brief_text()).parent
    (near / "up").symlink_to("..")  # a loop: 2025/up/2025/up/...
    raw = load_corpus(corpus.briefs)
    assert sorted(Path(d.path).name for d in raw.briefs) == ["far.md", "near.md"]
    assert [(p.path, p.severity) for p in raw.problems] == [(str(near / "up"), "warning")]
    assert f"the same folder as {corpus.briefs}" in raw.problems[0].message


@pytest.mark.parametrize("name", ["X.MD", "a.Md", "b.markdown", "sub/c.mdown"])
def test_would_be_brief_with_another_extension_is_an_error(corpus, name):
    path = corpus.write(name, brief_text())
    stem = path.name.split(".")[0]
    assert errors_of(corpus) == [
        (str(path), 1, "error", f"not read as a brief: only '.md' files are briefs; rename it '{stem}.md'")
    ]


def test_tree_deeper_than_path_max(corpus):
    segment = "d" * 200
    descriptor = os.open(corpus.briefs, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 * 201 characters > PATH_MAX (4096)
            os.mkdir(segment, dir_fd=descriptor)
            inner = os.open(segment, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
    finally:
        os.close(descriptor)
    problems = corpus.problems()
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.path.startswith(str(corpus.briefs / segment / segment))
    assert len(os.fsencode(problem.path)) >= os.pathconf("/", "PC_PATH_MAX")
    assert problem.message == "cannot be read (File name too long); if it holds briefs, they are not checked"
    assert check_exit(corpus) == 1
