"""A corpus with HTML, script and Markdown payloads in every front-matter and registry field."""

from __future__ import annotations

from conftest import Corpus

PAYLOADS = {
    "title": '<script>alert("title")</script> [t](javascript:alert(1)) *em*',
    "summary": "<img src=x onerror=alert('summary')>",
    "publisher": "<svg onload=alert('publisher')> [p](javascript:alert(2))",
    "source_title": "[click](javascript:alert('source'))",
    "actor_name": "<b onmouseover=alert('actor')>Actor</b> [a](javascript:alert(3))",
    "alias": "</title><script>alert('alias')</script>",
    "role": "<iframe src=javascript:alert('role')>",
    "round_name": '"><script>alert("round")</script> [r](javascript:alert(4))',
    "venue": "<details open ontoggle=alert('venue')>",
    "outcome": "{: onclick=alert('outcome') } **bold**",
    "registry_publisher": "<u onclick=alert('registry')>Wire</u> [w](javascript:alert(7)) _x_",
    "topic_name": "<style>*{display:none}</style>Topic [t](javascript:alert(5)) `code`",
    "correction_note": "<a href=javascript:alert('note')>fixed</a> ]]> &amp; *em*",
    "statement": "<a href=javascript:alert('statement')>s</a> **bold** [x](javascript:alert(8)) {: .x }",
}


def write_markup_corpus(corpus: Corpus) -> None:
    p = PAYLOADS

    def quoted(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    corpus.registry(
        "actors",
        f"- id: evil\n  name: {quoted(p['actor_name'])}\n  type: person\n"
        f"  aliases: [{quoted(p['alias'])}]\n  role: {quoted(p['role'])}\n",
    )
    corpus.registry(
        "rounds",
        f"- id: r\n  name: {quoted(p['round_name'])}\n  start: 2025-05-16\n  status: proposed\n"
        f"  venue: {quoted(p['venue'])}\n  outcome: {quoted(p['outcome'])}\n  participants: [evil]\n",
    )
    corpus.registry("topics", f"- id: t\n  name: {quoted(p['topic_name'])}\n")
    corpus.registry(
        "publishers",
        f"- id: evil-wire\n  name: {quoted(p['registry_publisher'])}\n  type: state-owned\n  country: RU\n"
        f"- id: plain\n  name: {quoted(p['publisher'])}\n",
    )
    corpus.write(
        "payload.md",
        f"---\ntitle: {quoted(p['title'])}\ndate: 2025-05-16\nsummary: {quoted(p['summary'])}\n"
        f"actors: [evil]\nround: r\ntopics: [t]\npositions:\n  - actor: evil\n    topic: t\n    stance: supports\n"
        f"    statement: {quoted(p['statement'])}\n    source: 1\nsources:\n  - publisher: {quoted(p['publisher'])}\n"
        f"    title: {quoted(p['source_title'])}\n    url: https://example.org/a?b=1&c=(2)\n"
        f"  - publisher: evil-wire\n    url: https://wire.example.org/a\n"
        f"corrections:\n  - date: 2025-05-17\n    note: {quoted(p['correction_note'])}\n---\nPlain body.\n",
    )
