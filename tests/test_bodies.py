"""Brief bodies: converted by Python-Markdown, sanitized, links between briefs, errors as problems."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from generator.check import body as body_module
from generator.check.body import Body, BodyConverter, BodyError
from generator.read.load import load_corpus, parse_brief
from generator.check.validate import validate

from conftest import PROJECT, article, brief_text

RICH = """\
Intro with *em*, **strong**, `code <b>`, a [link](https://example.org/a?b=1&c=2 "Title"),
a [relative one](../sources/#x), [mail](mailto:desk@example.org), <https://example.org/auto>
and ![a chart](https://example.org/chart.png "Chart") and ![local](../img/map.png).

## Positions of the sides

- Ukraine: a ceasefire first
    - nested, with *emphasis*
- Russia: the memorandum first

1. first
2. second

| Side | Demand | Count |
|:-----|:------:|------:|
| UA   | truce  | 30    |
| RU   | `terms`| 2     |

    code block

    after a blank line, & < >

> A quote
>
> > nested quote

### Positions of the sides

Water is H<sub>2</sub>O, x<sup>2</sup>, <abbr title="Organisation">Org</abbr>.
Footnote-ish<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.

---

<div class="footnote"><ol><li id="fn:1"><p>The note. <a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>
"""

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "- item <img src=x onerror=alert(1)/>",
    "<div onmouseover=\"alert(1)\">x</div>",
    "<details open ontoggle=alert(1)>x</details>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href="&#1;java&#10;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed;inset:0">cover</p>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<input autofocus onfocus=alert(1)>",
    '<span id="__search">clobbers Material\'s search toggle</span>',
]
EXECUTABLE_TAGS = {"script", "iframe", "frame", "object", "embed", "svg", "math", "style", "form", "input",
                   "button", "base", "meta", "link", "noscript", "template", "textarea", "select"}


class _Markup(HTMLParser):
    """Every element, attribute and text of an HTML fragment, entities decoded."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if data.strip():
            self.events.append(("text", " ".join(data.split())))


def canonical(html: str) -> list[tuple]:
    return _Markup(html).events


def python_markdown(text: str) -> str:
    """Python-Markdown's own HTML with mkdocs.yml's extensions (alignment as the align attribute)."""
    return markdown.markdown(text, extensions=[TableExtension(use_align_attribute=True), TocExtension(permalink=True)])


def executable_markup(html: str) -> list[str]:
    found = []
    for event in canonical(html):
        if event[0] != "start":
            continue
        tag, attributes = event[1], event[2]
        if tag in EXECUTABLE_TAGS:
            found.append(f"<{tag}>")
        for name, value in attributes:
            # What a browser parses: C0 controls and spaces trimmed, tabs and newlines removed.
            squeezed = value.strip("".join(map(chr, range(33)))).replace("\t", "").replace("\n", "").replace("\r", "").lower()
            if name.startswith("on") or name in ("style", "srcdoc", "formaction", "action"):
                found.append(f"{tag} {name}=")
            if name in ("href", "src", "xlink:href") and squeezed.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{tag} {name}={value}")
            if name == "id" and value.startswith("__"):
                found.append(f"{tag} id={value}")
    return found


def test_ordinary_markdown_is_unchanged_by_sanitizing():
    expected = canonical(python_markdown(RICH))
    assert ("start", "table", ()) in expected and ("start", "pre", ()) in expected  # the sample is rich
    assert canonical(BodyConverter().convert(RICH).html) == expected


def test_headings_keep_their_ids_and_permalinks():
    html = BodyConverter().convert(RICH).html
    assert '<h2 id="positions-of-the-sides">' in html
    assert '<h3 id="positions-of-the-sides_1">' in html
    assert 'href="#positions-of-the-sides"' in html


@pytest.mark.parametrize("payload", XSS)
def test_no_executable_markup_survives(payload):
    assert executable_markup(python_markdown(payload)) or "__" in payload  # each payload is live without sanitizing
    assert executable_markup(BodyConverter().convert(payload).html) == []


def test_unsafe_html_keeps_raw_html_as_written():
    payload = '<span onclick="track()">x</span>\n\n<iframe src="https://video.example.org/1"></iframe>'
    html = BodyConverter(unsafe_html=True).convert(payload).html
    assert '<span onclick="track()">x</span>' in html and '<iframe src="https://video.example.org/1"></iframe>' in html


def test_built_page_carries_the_sanitized_body(corpus):
    ordinary = "## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    code\n\n    after blank\n\n"
    body = ordinary + "\n\n".join(XSS)  # after: an unclosed raw HTML block takes the rest of the body
    corpus.write("x.md", brief_text(body=body))
    page = article(corpus.build() / "briefs" / "x" / "index.html")
    assert executable_markup(page) == []
    assert '<h2 id="a-heading">' in page and "<td>2</td>" in page
    assert "<pre><code>code\n\nafter blank\n</code></pre>" in page  # a blank line in <pre> survives MkDocs


def test_mkdocs_publishes_the_body_html_unchanged(corpus):
    corpus.write("x.md", brief_text(body=RICH))
    model, _ = validate(load_corpus(corpus.briefs))
    body_html = model.briefs[0].body_html
    assert "\n\n" in body_html and "<table>" in body_html  # blank lines inside <pre> and a table
    assert body_html in article(corpus.build() / "briefs" / "x" / "index.html")


def test_text_left_bare_by_the_sanitizer_is_not_markdown_again(corpus):
    corpus.write("x.md", brief_text(body="<form>\n*as written* <a href=\"#x\">[y](javascript:alert(1))</a>\n</form>"))
    page = article(corpus.build() / "briefs" / "x" / "index.html")
    assert "*as written*" in page and "[y](javascript:alert(1))" in page and executable_markup(page) == []


def test_unsafe_html_option_publishes_raw_html(corpus):
    corpus.write("x.md", brief_text(body='Text <span onclick="track()">kept</span>.'))
    page = article(corpus.build(unsafe_html=True) / "briefs" / "x" / "index.html")
    assert '<span onclick="track()">kept</span>' in page


def test_switching_unsafe_html_rebuilds_unchanged_briefs(corpus):
    corpus.write("x.md", brief_text(body='Text <span onclick="track()">kept</span>.'))
    page = corpus.build() / "briefs" / "x" / "index.html"
    assert "onclick" not in article(page)
    corpus.build(unsafe_html=True)
    assert '<span onclick="track()">kept</span>' in article(page)
    corpus.build()
    assert "onclick" not in article(page)


def line_of(path: Path, needle: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_links_between_briefs_go_to_brief_pages(corpus):
    corpus.write("2025/06/target.md", brief_text(title="Target", body="## Vote\n\nText."))
    body = "See [the target](../06/target.md#vote), [again](target.md) and [sub](x/y/target.md)."
    corpus.write("2025/05/source.md", brief_text(body=body))
    site = corpus.build()
    page = site / "briefs" / "source" / "index.html"
    body = re.search(r'<div class="brief-body">(.*?)</div>', article(page), re.S).group(1)
    links = [href for href in _links(body) if "target" in href]
    assert len(links) == 3
    for href in links:
        path, _, fragment = href.partition("#")
        assert (page.parent / path / "index.html").resolve() == (site / "briefs" / "target" / "index.html").resolve()
    assert links[0].endswith("#vote")
    assert 'id="vote"' in (site / "briefs" / "target" / "index.html").read_text()


def _links(html: str) -> list[str]:
    return [dict(event[2]).get("href", "") for event in canonical(html) if event[:2] == ("start", "a")]


def test_a_link_to_a_missing_brief_is_a_warning_at_its_line(corpus):
    body = "First paragraph.\n\nSecond, with [a link](missing-brief.md#x).\n\nAnd [another](../targte.md)."
    path = corpus.write("source.md", brief_text(body=body))
    corpus.write("target.md", brief_text())
    warnings = [p for p in corpus.problems() if p.severity == "warning"]
    assert [(p.path, p.line) for p in warnings] == [
        (str(path), line_of(path, "missing-brief.md")),
        (str(path), line_of(path, "targte.md")),
    ]
    assert "'missing-brief.md'" in warnings[0].message and "did you mean 'target'" in warnings[1].message


def test_body_html_does_not_depend_on_whether_the_target_exists(corpus):
    corpus.write("source.md", brief_text(body="[t](target.md)"))
    target = corpus.write("target.md", brief_text())

    def source_html():
        model, _ = validate(load_corpus(corpus.briefs))
        return next(b for b in model.briefs if b.slug == "source").body_html

    with_target = source_html()
    target.unlink()
    assert source_html() == with_target


DEEP_LIST = "".join("  " * depth + "- x\n" for depth in range(600))
STARS = "*" * 5000 + "a" + "*" * 5000


@pytest.mark.parametrize("body", [DEEP_LIST, STARS], ids=["list nested 600 deep", "runs of 5,000 '*'"])
def test_a_body_markdown_cannot_convert_is_an_error_naming_the_file(corpus, body):
    path = corpus.write("deep.md", brief_text(body=body))
    first_body_line = path.read_text().splitlines().index("---", 1) + 2
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--briefs", str(corpus.briefs)],
        capture_output=True, text=True, cwd=PROJECT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith(f"{path}:{first_body_line}: error: body: ")


def test_the_converter_works_on_after_a_body_it_cannot_convert():
    converter = BodyConverter()
    with pytest.raises(BodyError):
        converter.convert(STARS)
    assert converter.convert(RICH).html == BodyConverter().convert(RICH).html


def test_load_knows_where_the_body_starts():
    text = "\ufeff---\r\ntitle: T\r\ndate: 2025-05-16\r\n---\r\nBody\r\n".encode("utf-8").decode("utf-8-sig")
    document = parse_brief(text.replace("\r\n", "\n"), "x.md")
    assert document.body == "Body\n" and document.body_line == 5


def test_an_unchanged_file_is_not_converted_again(corpus):
    corpus.write("x.md", brief_text(body="Original."))
    converter = BodyConverter()
    document = load_corpus(corpus.briefs).briefs[0]
    assert "Original." in converter.convert_document(document).html
    kept = Body("<p>kept</p>")
    document.converted = (converter.key, kept)
    assert converter.convert_document(document) is kept
    unsafe = BodyConverter(unsafe_html=True)
    assert unsafe.key != converter.key and "Original." in unsafe.convert_document(document).html


def test_a_rebuild_converts_only_the_edited_bodies(corpus, monkeypatch):
    paths = [corpus.write(f"b{number}.md", brief_text(body=f"Body {number}.")) for number in range(3)]
    corpus.build()
    converted = []
    original = BodyConverter.convert
    monkeypatch.setattr(BodyConverter, "convert", lambda self, text, line=1, citable=None: converted.append(text) or original(self, text, line, citable))
    paths[1].write_text(brief_text(body="Edited body."), encoding="utf-8")
    site = corpus.build()
    assert converted == ["Edited body.\n"]
    assert "Edited body." in article(site / "briefs" / "b1" / "index.html")


def test_a_changed_converter_rebuilds_the_brief_pages_once(corpus, monkeypatch):
    corpus.write("x.md", brief_text(body="Some **strong** words."))
    page = corpus.build() / "briefs" / "x" / "index.html"
    assert "<strong>strong</strong>" in article(page)
    monkeypatch.setattr("generator.check.body.__version__", "a newer version")
    monkeypatch.setattr("generator.check.body.ALLOWED_TAGS", body_module.ALLOWED_TAGS - {"strong"})
    corpus.build()
    assert "<strong>strong</strong>" not in article(page) and "Some strong words." in article(page)
    converted = []
    original = BodyConverter.convert
    monkeypatch.setattr(BodyConverter, "convert", lambda self, text, line=1, citable=None: converted.append(text) or original(self, text, line, citable))
    corpus.build()
    assert converted == []  # the cache kept the new conversion
