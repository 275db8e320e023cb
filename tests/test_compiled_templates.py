"""Templates compiled once per process: a second build compiles nothing it compiled before,
an edited template is compiled again, and environments that compile differently share nothing."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader

from generator.pages import compiled_templates
from generator.pages.compiled_templates import CompiledTemplates

from conftest import Corpus, brief_text


@pytest.fixture
def compiled(monkeypatch):
    """The names of the templates Jinja compiles from now on, with nothing compiled before kept."""
    monkeypatch.setattr(compiled_templates, "_kept", {})
    names: list[str] = []
    real = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    return names


def test_a_second_environment_reuses_what_the_first_compiled(tmp_path, compiled):
    (tmp_path / "page.html").write_text("<p>{{ 6 * 7 }}</p>")
    for _ in range(2):
        environment = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=CompiledTemplates())
        assert environment.get_template("page.html").render() == "<p>42</p>"
    assert compiled.count("page.html") == 1


def test_an_edited_template_is_compiled_again(tmp_path, compiled):
    page = tmp_path / "page.html"
    for text, shown in (("old {{ 1 }}", "old 1"), ("new {{ 2 }}", "new 2")):
        page.write_text(text)
        environment = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=CompiledTemplates())
        assert environment.get_template("page.html").render() == shown


def test_environments_that_compile_differently_keep_apart():
    source = {"t": "{% if true %}\n<b>{{ '<i>' }}</b>\n{% endif %}"}
    plain = Environment(loader=DictLoader(source), bytecode_cache=CompiledTemplates())
    trimmed = Environment(loader=DictLoader(source), bytecode_cache=CompiledTemplates(), trim_blocks=True)
    escaped = Environment(loader=DictLoader(source), bytecode_cache=CompiledTemplates(), autoescape=True)
    assert plain.get_template("t").render() == "\n<b><i></b>\n"
    assert trimmed.get_template("t").render() == "<b><i></b>\n"
    assert escaped.get_template("t").render() == "\n<b>&lt;i&gt;</b>\n"


def test_a_rebuild_in_one_process_compiles_no_template_again(tmp_path, compiled):
    corpus = Corpus(tmp_path)
    corpus.write("a.md", brief_text(title="First"))
    first = corpus.build()
    built_once = set(compiled)
    assert {"brief.md.j2", "partials/nav.html", "base.html"} <= built_once  # the generator's, the theme's
    compiled.clear()
    corpus.write("a.md", brief_text(title="Second"))
    assert "Second" in (corpus.build() / "briefs" / "a" / "index.html").read_text()
    assert compiled == [] and first.exists()
