import pytest

from generator.load import LoadError, load_corpus, parse_brief, read_text

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
