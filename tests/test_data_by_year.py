"""/data/briefs-<year>.json and .csv, listed on /data/, and what the /data/ page says of each
file: counts of each kind it holds, sizes in KB or MB. Expectations come from the raw files."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml

from conftest import article, brief_text, front_matter
from markup import PAYLOADS, write_markup_corpus
from wayfinding_corpus import text_of, wayfinding_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = wayfinding_corpus(tmp_path_factory.mktemp("data-by-year"))
    corpus.write("older.md", brief_text(title="From 2024", date="2024-11-02"))
    corpus.write("oldest.md", brief_text(title="From 2023", date="2023-03-09", extra="status: confirmed\n"))
    return corpus, corpus.build()


def raw_by_year(briefs_dir) -> dict[int, dict[str, dict]]:
    years: dict[int, dict[str, dict]] = {}
    for path in briefs_dir.glob("*.md"):
        brief = front_matter(path)
        years.setdefault(brief["date"].year, {})[path.stem] = brief
    return years


def test_each_year_has_its_briefs_as_json_and_csv(built):
    corpus, site = built
    years = raw_by_year(corpus.briefs)
    assert sorted(p.name for p in (site / "data").glob("briefs-*.json") if "schema" not in p.name) == [f"briefs-{y}.json" for y in sorted(years)]
    whole = json.loads((site / "data" / "briefs.json").read_text(encoding="utf-8"))
    whole_csv = list(csv.DictReader(io.StringIO((site / "data" / "briefs.csv").read_text(encoding="utf-8"), newline="")))
    for year, raw in years.items():
        records = json.loads((site / "data" / f"briefs-{year}.json").read_text(encoding="utf-8"))
        assert {r["slug"]: (r["title"], r["date"], r["status"]) for r in records} == {
            slug: (b["title"], b["date"].isoformat(), b.get("status", "reported")) for slug, b in raw.items()}
        assert [r["date"] for r in records] == sorted(r["date"] for r in records)  # oldest first, as briefs.json
        assert records == [r for r in whole if r["date"].startswith(f"{year}-")]  # the same rows, the same columns
        rows = list(csv.DictReader(io.StringIO((site / "data" / f"briefs-{year}.csv").read_text(encoding="utf-8"), newline="")))
        assert rows == [r for r in whole_csv if r["date"].startswith(f"{year}-")]
        schema = json.loads((site / "data" / f"briefs-{year}.schema.json").read_text(encoding="utf-8"))
        assert schema["type"] == "array"


def test_the_data_page_lists_each_year_with_counts_and_sizes(built):
    corpus, site = built
    page = article(site / "data" / "index.html")
    table = page[page.index('<table class="data-years">'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><td[^>]*>(\d{4})</td><td[^>]*>([\d,]+)</td>(.*?)</tr>", table)
    years = raw_by_year(corpus.briefs)
    assert [int(year) for year, _, _ in rows] == sorted(years, reverse=True)
    for year, count, files in rows:
        assert int(count.replace(",", "")) == len(years[int(year)])
        for extension in ("json", "csv"):
            name = f"briefs-{year}.{extension}"
            assert f'href="../data/{name}"' in files and (site / "data" / name).is_file()
            size = (site / "data" / name).stat().st_size
            assert f"{name} · {size / 1000:,.1f} KB" in text_of(files) if size >= 1000 else f"{size} bytes" in text_of(files)


def test_the_data_page_counts_persons_and_organizations_apart_and_sizes_in_kb_or_mb(built):
    corpus, site = built
    actors = yaml.safe_load((corpus.briefs / "actors.yml").read_text(encoding="utf-8"))
    persons = sum(1 for actor in actors if actor["type"] == "person")
    page = text_of(article(site / "data" / "index.html"))
    size = (site / "data" / "actors.json").stat().st_size
    organizations = len(actors) - persons
    counts = f"{persons} person{'s' * (persons != 1)}, {organizations} organization{'s' * (organizations != 1)}"
    assert f"actors.json · {size / 1000:,.1f} KB · {counts}" in page
    assert not re.search(r"\d,\d{3} bytes", page)


def test_payloads_in_the_year_files_come_back_as_written(corpus):
    write_markup_corpus(corpus)
    site = corpus.build()
    record = json.loads((site / "data" / "briefs-2025.json").read_text(encoding="utf-8"))[0]
    assert (record["title"], record["summary"], record["corrections"][0]["note"]) == (PAYLOADS["title"], PAYLOADS["summary"], PAYLOADS["correction_note"])
    row = next(csv.DictReader((site / "data" / "briefs-2025.csv").open(encoding="utf-8", newline="")))
    assert (row["title"], row["summary"]) == (PAYLOADS["title"], PAYLOADS["summary"])
    page = article(site / "data" / "index.html")
    assert "<script" not in page and "onerror" not in page


def test_a_year_without_briefs_loses_its_files(corpus):
    corpus.write("a.md", brief_text(date="2024-05-16"))
    corpus.write("b.md", brief_text(date="2025-05-16"))
    assert (corpus.build() / "data" / "briefs-2024.json").is_file()
    (corpus.briefs / "a.md").unlink()
    data = corpus.build() / "data"
    assert sorted(path.name for path in data.glob("briefs-*")) == ["briefs-2025.csv", "briefs-2025.json", "briefs-2025.schema.json"]
