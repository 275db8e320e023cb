"""docs/benchmarks.md from the figures ``benchmark.py`` measured. Used by ``benchmark.py``."""

from __future__ import annotations

import datetime
import os
import platform
from importlib import metadata
from pathlib import Path

from reader import LATENCY_QUERIES, FILTERS_ONLY, pages_table, search_line, search_table

ENGINE_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}


def machine(engines: list[str]) -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    ) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = [f"MkDocs {metadata.version('mkdocs')}", f"Material {metadata.version('mkdocs-material')}"]
    if "zensical" in engines:
        versions.append(f"Zensical {metadata.version('zensical')}")
    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, {', '.join(versions)}"
    )


def table(rows: list[dict]) -> str:
    lines = [
        "| briefs | pages | generator stage | per brief | full build | plain MkDocs floor | full ÷ floor | one-brief edit | edit ÷ full | peak memory (full) | whole process tree (full) | bytes/page (floor) | serve: edit visible |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['pages']:,} | {r['stage']:.1f} s | {1000 * r['stage'] / r['size']:.2f} ms | "
            f"{r['full']:.1f} s | {r['floor']:.1f} s | {r['full'] / r['floor']:.2f} "
            f"({min(r['full_over_floor']):.2f}–{max(r['full_over_floor']):.2f}) | {r['edit']:.1f} s | "
            f"{r['edit'] / r['full']:.3f} | {r['full_mb']:.0f} MiB | {r.get('full_tree_mb', 0):.0f} MiB | {r['bytes']:,.0f} ({r['floor_bytes']:,.0f}) | "
            + (f"{r['serve_edit_s']:.1f} s |" if 'serve_edit_s' in r else "– |")
        )
    return "\n".join(lines)


def engines_table(rows: list[dict], engines: list[str]) -> str:
    """Full build, one-brief edit and peak memory per engine; with both, Zensical's times over MkDocs'."""
    both = engines == ["mkdocs", "zensical"]
    head = ["briefs", "pages"]
    for engine in engines:
        name = ENGINE_NAMES[engine]
        head += [f"{name} full build", f"{name} one-brief edit", f"{name} peak memory"]
    if both:
        head += ["Zensical ÷ MkDocs, full", "Zensical ÷ MkDocs, edit"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in rows:
        cells = [f"{r['size']:,}", " / ".join(f"{r[f'{engine}_pages']:,}" for engine in engines)]
        for engine in engines:
            cells += [f"{r[f'{engine}_full']:.1f} s", f"{r[f'{engine}_edit']:.1f} s",
                      f"{max(r[f'{engine}_full_mb'], r[f'{engine}_edit_mb']):.0f} MiB"]
        if both:
            cells += [f"{r['zensical_full'] / r['mkdocs_full']:.2f}", f"{r['zensical_edit'] / r['mkdocs_edit']:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


ENGINES_TEXT = (
    "Engines: `briefing build --engine E` into an empty folder (*full build*), then again after adding a sentence "
    "to one brief (*one-brief edit*), each engine with its own output folder and cache; within a round the engines "
    "take turns, so a slow spell of the machine hits both. MkDocs' edit is incremental (only the changed pages go "
    "through MkDocs); Zensical does full builds only (`WHOLE_SITE` in `generator/engines/zensical_runner.py`), so its edit "
    "is a whole build again. Both builds include briefing's generator stage and the Pagefind index. *pages* counts "
    "each engine's `index.html` files (MkDocs / Zensical if both). Peak memory is that of the largest single "
    "process, Zensical's own child process included.\n\n"
)


def reader_table(rows: list[dict]) -> str:
    """Issue 21's reader figures: search latency per query, bytes of filters-only searches, /positions/."""
    head = [f"“{query}”" for query in LATENCY_QUERIES] + [f"`/{location}`" for location in FILTERS_ONLY]
    lines = ["| briefs | " + " | ".join(head) + " | `/positions/` bytes | `/positions/` elements |",
             "|---:|" + "---:|" * (len(head) + 2)]
    for r in rows:
        if "positions_bytes" not in r:
            continue
        cells = [f"{r[f'latency_s[{query}]']:.2f} s" for query in LATENCY_QUERIES]
        cells += [f"{r[f'filters_only_bytes[{location}]'] / 1024:,.0f} KiB" for location in FILTERS_ONLY]
        lines.append(f"| {r['size']:,} | " + " | ".join(cells) + f" | {r['positions_bytes']:,} | {r['positions_elements']:,} |")
    return "\n".join(lines)


def profile_line(stages: list) -> str:
    """The top stages of a build and their share of the stages' total."""
    total = sum(seconds for _, seconds in stages) or 1
    return ", ".join(f"{name} {seconds:.1f} s ({seconds / total:.0%})" for name, seconds in stages[:4])


def report(rows: list[dict], engines: list[str], repeat: int, builds_only: bool) -> str:
    text = (
        "# Benchmarks\n\n"
        f"Written by `make bench` (`python bench/benchmark.py`) on {datetime.date.today()}.\n\n"
        f"Machine: {machine(engines)}.\n\n"
        f"Each corpus comes from `briefing demo-corpus N` (deterministic). Times are wall-clock seconds, imports "
        f"included, each the median of {repeat} round(s).\n\n"
        + ENGINES_TEXT + engines_table(rows, engines) + "\n"
    )
    if builds_only or "mkdocs" not in engines:
        return text
    by_size = {r["size"]: r for r in rows}
    notes = [f"- Search at {r['size']:,} briefs: {search_line(r)}" for r in rows]
    notes += [f"- Profile at {r['size']:,} briefs (`briefing build --verbose`, full): {profile_line(r['profile'])}"
              for r in rows if r.get("profile")]
    if 5000 in by_size and 10000 in by_size:
        notes.append(f"- 10,000 ÷ 5,000 briefs, full build: {by_size[10000]['full'] / by_size[5000]['full']:.2f}")
    return (
        text + "\n## MkDocs: the build against plain MkDocs\n\n"
        "The *generator stage* is load, "
        "validate, index, render and write of the MkDocs project, without MkDocs. The *full build* is "
        "`briefing build` into an empty folder. The *floor* is `mkdocs build` of the same brief bodies as "
        "plain pages with a one-entry nav. The *one-brief edit* is `briefing build` again after adding a "
        "sentence to one brief (incremental). *full ÷ floor* gives the ratio of the medians and, in brackets, "
        "the range of the per-round ratios. Peak memory is that of the largest single process; *whole process "
        "tree* is the peak of the summed resident memory of the build and all its children (MkDocs workers, "
        "Pagefind), sampled every 50 ms. *search index* in the profile is the wait for Pagefind after the "
        "pages, since it runs beside them.\n\n"
        + table(rows)
        + "\n\nThe heaviest page of each MkDocs site: the largest HTML file, and, loaded cold in headless Chromium "
        "over loopback, the largest DOM and the slowest time to the `load` event among the ten pages with "
        "the most bytes and the ten with the most tags; the lightest page's time is the floor set by the theme's "
        "scripts and the machine.\n\n"
        + pages_table(rows)
        + "\n\nSearch (Pagefind) on the same sites: indexing time within the full build's, and, in headless "
        "Chromium on a brief page, the bytes fetched for search from focusing the header field to the first "
        "result of a one-word query (a word in most briefs, and a surname in about a tenth), and the seconds "
        "from typing to that result. *lunr index* is the `search_index.json` that Material's search plugin "
        "writes for the floor site, which every reader of a lunr site downloads.\n\n"
        + search_table(rows)
        + "\n\nWhat a reader waits for (issue 21), in headless Chromium: seconds from the last keystroke in the "
        "header search to its results (typed at 20 ms a key once Pagefind has loaded) for a word in most briefs, "
        "a two-word query and a rare surname; the Pagefind bytes a filters-only search page fetches; and "
        "`/positions/`, the largest page by design, by bytes and elements. *serve: edit visible* in the first "
        "table is the median seconds from appending a sentence to a brief to the open page in Chromium showing "
        "it under `briefing serve` (`bench/serve_latency.py`).\n\n"
        + reader_table(rows)
        + "\n\n"
        + "\n".join(notes)
        + "\n"
    )
