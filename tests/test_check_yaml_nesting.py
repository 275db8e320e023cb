"""Front matter nested past a fixed depth is a problem with its message, whatever the call stack;
nesting short of it loads, every level with its line."""

from __future__ import annotations

import pytest

from generator.read import strict_yaml


def nested(levels: int) -> str:
    """``a:`` holding ``levels`` block mappings one inside the other, the innermost holding 1."""
    return "".join("  " * level + "k:\n" for level in range(levels)) + "  " * levels + "k: 1\n"


def test_nesting_past_the_limit_is_reported_not_raised():
    with pytest.raises(strict_yaml.YamlProblem) as problem:
        strict_yaml.load(nested(strict_yaml.MAX_DEPTH + 10), first_line=2)
    assert problem.value.message == "invalid YAML: nested too deeply"
    with pytest.raises(strict_yaml.YamlProblem):
        strict_yaml.load("a: " + "[" * 600 + "]" * 600)


def test_nesting_short_of_the_limit_loads_with_lines():
    data = strict_yaml.load(nested(300), first_line=2)
    for level in range(301):
        assert list(data) == ["k"] and data.lines["k"] == level + 2
        data = data["k"]
    assert data == 1
