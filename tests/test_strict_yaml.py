import time

import pytest

from generator.read.strict_yaml import LineDict, YamlProblem, load


def test_yaml_11_scalars_stay_text():
    data = load("status: NO\nflag: off\nduration: 1:30\nwhen: 2025-05-16\nyes_value: yes\n")
    assert data == {"status": "NO", "flag": "off", "duration": "1:30", "when": "2025-05-16", "yes_value": "yes"}


def test_core_scalars_still_typed():
    data = load("a: true\nb: False\nc: 12\nd: 1.5\ne: null\nf: ~\ng: 010\n")
    assert data == {"a": True, "b": False, "c": 12, "d": 1.5, "e": None, "f": None, "g": "010"}


def test_lines_of_keys_and_items_follow_first_line():
    data = load("title: x\nactors:\n  - a\n  - b\n", first_line=2)
    assert isinstance(data, LineDict)
    assert data.lines == {"title": 2, "actors": 3}
    assert data["actors"].lines == [4, 5]


def test_duplicate_key_is_refused_with_both_lines():
    with pytest.raises(YamlProblem) as caught:
        load("title: a\ndate: 2025-01-01\ntitle: b\n", first_line=2)
    assert caught.value.line == 4
    assert "duplicate key 'title' (first on line 2)" in caught.value.message


def test_alias_bomb_is_refused_quickly():
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index in range(1, 9):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        load("\n".join(levels) + "\n")
    assert "aliases" in caught.value.message
    assert time.perf_counter() - started < 1.0


def test_syntax_error_reports_line():
    with pytest.raises(YamlProblem) as caught:
        load("title: ok\nactors: [a, b\nround: x\n", first_line=2)
    assert caught.value.line >= 3
    assert caught.value.message.startswith("invalid YAML")


def test_python_tags_are_refused():
    with pytest.raises(YamlProblem):
        load("x: !!python/object/apply:os.system [echo hi]\n")


@pytest.mark.parametrize(
    "text, line, tag",
    [
        ("title: T\ndate: !!timestamp 2025-02-30\n", 3, "!!timestamp"),
        ("n: !!float abc\n", 2, "!!float"),
        ("n: !!int abc\n", 2, "!!int"),
        ("flag: !!bool maybe\n", 2, "!!bool"),
        ("title: !local thing\n", 2, "!local"),
        ("items:\n  - ok\n  - !!binary aGk=\n", 4, "!!binary"),
        ("title: !!str 1986\n", 2, "!!str"),
        ("actors: !!set {a, b}\n", 2, "!!set"),
    ],
)
def test_explicit_tags_are_refused_with_their_line(text, line, tag):
    with pytest.raises(YamlProblem) as caught:
        load(text, first_line=2)
    assert caught.value.line == line
    assert caught.value.message == f"the YAML tag '{tag}' is not allowed; write the plain value (in quotes for text)"


def test_control_character_written_raw_names_its_line():
    with pytest.raises(YamlProblem) as caught:
        load("title: ok\nsummary: a\x7fb\n", first_line=2)
    assert caught.value.line == 3
    assert "\n" not in caught.value.message and "U+007F" in caught.value.message


def test_huge_integer_is_a_problem_not_a_crash():
    with pytest.raises(YamlProblem):
        load("n: " + "9" * 5000 + "\n")
