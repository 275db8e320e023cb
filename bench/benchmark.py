"""Measure briefing against plain MkDocs on synthetic corpora; write docs/benchmarks.md.

    python bench/benchmark.py                  # 1,000, 2,000, 5,000 and 10,000 briefs, 3 rounds
    python bench/benchmark.py --sizes 500 1000 --repeat 1   # a quicker look
    python bench/benchmark.py --search SITE    # search figures of a site built already
    python bench/benchmark.py --pages site     # only the heaviest pages of a built site

Every figure is the median of ``--repeat`` rounds; a round runs the generator
stage, the floor, a full build and a one-brief edit, each as a separate process
(wall time from start to exit, peak resident memory from the kernel's rusage),
so imports are counted too. Rounds interleave floor and full build, so that a
slow spell of the machine hits both.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from reader import largest_pages, measure_search, pages_table, search_line, search_table

PROJECT = Path(__file__).resolve().parent.parent
FLOOR_CONFIG = """\
site_name: floor
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
validation:
  nav:
    omitted_files: ignore
"""
STAGE = """\
import sys, tempfile
from pathlib import Path
from generator.build import check, generated_config, write_project
from generator.cache import Plan
from generator.config import Options, gc_paused, tune_gc
from generator.render import render_pages
from generator.site_config import read_site_config
tune_gc()
options = Options(briefs_dir=Path(sys.argv[1]), config_file=Path(sys.argv[2]))
checked = check(options)
with gc_paused():
    pages = render_pages(checked.index, options.templates_dir)
site = read_site_config(options.config_file)
write_project(Path(sys.argv[3]), pages, Plan(full=True, changed=sorted(pages)), options, generated_config(options, site), site)
"""


def run(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run to completion; return (seconds, peak MiB)."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT), NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def bytes_per_page(site: Path) -> float:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    return sum(p.stat().st_size for p in pages) / len(pages)


def write_floor(briefs: Path, floor: Path) -> None:
    """The same brief bodies as a plain MkDocs project with a one-entry nav."""
    sys.path.insert(0, str(PROJECT))
    from generator.load import load_corpus

    docs = floor / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for document in load_corpus(briefs).briefs:
        (docs / f"{Path(document.path).stem}.md").write_text(f"# {document.data['title']}\n\n{document.body}", encoding="utf-8")
    (floor / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")


def measure(size: int, work: Path, repeat: int) -> dict:
    python = sys.executable
    briefs, out, floor = work / "briefs", work / "site", work / "floor"
    run([python, "-m", "generator", "demo-corpus", str(size), str(briefs)])
    write_floor(briefs, floor)
    build = [python, "-m", "generator", "build", "--briefs", str(briefs), "--out", str(out), "--config", str(PROJECT / "mkdocs.yml")]
    stage = [python, "-c", STAGE, str(briefs), str(PROJECT / "mkdocs.yml"), str(work / "project")]
    rounds: dict[str, list[float]] = {}
    for number in range(repeat):
        for path in (out, out.with_name(f".{out.name}.briefing-cache"), work / "project", floor / "site"):
            shutil.rmtree(path, ignore_errors=True)
        figures = {}
        figures["stage"], figures["stage_mb"] = run(stage)
        figures["floor"], figures["floor_mb"] = run([python, "-m", "mkdocs", "build", "-q"], cwd=floor)
        figures["full"], figures["full_mb"] = run(build)
        edited = sorted(briefs.rglob("*.md"))[(size // 2 + number) % size]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence, added by the benchmark.\n", encoding="utf-8")
        figures["edit"], figures["edit_mb"] = run(build)
        for key, value in figures.items():
            rounds.setdefault(key, []).append(value)
    row: dict = {key: statistics.median(values) for key, values in rounds.items()}
    row["full_over_floor"] = [full / floor_time for full, floor_time in zip(rounds["full"], rounds["floor"])]
    row.update(size=size, repeat=repeat)
    row["bytes"], row["floor_bytes"] = bytes_per_page(out), bytes_per_page(floor / "site")
    row["pages"] = sum(1 for _ in out.rglob("index.html"))
    row.update(measure_search(out))
    row["lunr_index_bytes"] = (floor / "site" / "search" / "search_index.json").stat().st_size
    row.update(largest_pages(out))
    return row


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    ) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, MkDocs {metadata.version('mkdocs')}, "
        f"Material {metadata.version('mkdocs-material')}"
    )


def table(rows: list[dict]) -> str:
    lines = [
        "| briefs | pages | generator stage | per brief | full build | plain MkDocs floor | full ÷ floor | one-brief edit | edit ÷ full | peak memory (full) | bytes/page (floor) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['pages']:,} | {r['stage']:.1f} s | {1000 * r['stage'] / r['size']:.2f} ms | "
            f"{r['full']:.1f} s | {r['floor']:.1f} s | {r['full'] / r['floor']:.2f} "
            f"({min(r['full_over_floor']):.2f}–{max(r['full_over_floor']):.2f}) | {r['edit']:.1f} s | "
            f"{r['edit'] / r['full']:.3f} | {r['full_mb']:.0f} MiB | {r['bytes']:,.0f} ({r['floor_bytes']:,.0f}) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size; figures are medians")
    parser.add_argument("--output", type=Path, default=PROJECT / "docs" / "benchmarks.md")
    parser.add_argument("--search", type=Path, metavar="SITE", help="only measure search on a built site")
    parser.add_argument("--pages", type=Path, metavar="SITE", help="only measure the heaviest pages of a built site")
    args = parser.parse_args()
    if args.search:
        print(search_line(measure_search(args.search)))
        return
    if args.pages:
        for key, value in largest_pages(args.pages).items():
            print(f"{key}: {value}")
        return
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"briefing-bench-{size}-") as work:
            rows.append(measure(size, Path(work), args.repeat))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    by_size = {r["size"]: r for r in rows}
    notes = [f"- Search at {r['size']:,} briefs: {search_line(r)}" for r in rows]
    if 5000 in by_size and 10000 in by_size:
        notes.append(f"- 10,000 ÷ 5,000 briefs, full build: {by_size[10000]['full'] / by_size[5000]['full']:.2f}")
    report = (
        "# Benchmarks\n\n"
        f"Written by `make bench` (`python bench/benchmark.py`) on {datetime.date.today()}.\n\n"
        f"Machine: {machine()}.\n\n"
        "Each corpus comes from `briefing demo-corpus N` (deterministic). The *generator stage* is load, "
        "validate, index, render and write of the MkDocs project, without MkDocs. The *full build* is "
        "`briefing build` into an empty folder. The *floor* is `mkdocs build` of the same brief bodies as "
        "plain pages with a one-entry nav. The *one-brief edit* is `briefing build` again after adding a "
        "sentence to one brief (incremental). Times are wall-clock seconds, imports included, each the "
        f"median of {args.repeat} rounds; *full ÷ floor* gives the ratio of the medians and, in brackets, "
        "the range of the per-round ratios. Peak memory is that of the largest single process.\n\n"
        + table(rows)
        + "\n\nThe heaviest page of each site: the largest HTML file, and, loaded cold in headless Chromium "
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
        + "\n\n"
        + "\n".join(notes)
        + "\n"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
