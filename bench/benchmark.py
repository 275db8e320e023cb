"""Measure briefing's engines, and briefing against plain MkDocs, on synthetic corpora; write docs/benchmarks.md.

    python bench/benchmark.py                  # 1,000, 2,000, 5,000 and 10,000 briefs, 3 rounds, both engines
    python bench/benchmark.py --sizes 500 1000 --repeat 1   # a quicker look
    python bench/benchmark.py --engines zensical --builds-only   # one engine's builds, nothing else
    python bench/benchmark.py --search SITE    # search figures of a site built already
    python bench/benchmark.py --pages site     # only the heaviest pages of a built site
    python bench/benchmark.py --serve BRIEFS   # only the seconds until `briefing serve` shows an edit

Every figure is the median of ``--repeat`` rounds; a round runs the generator
stage, the floor, then each engine's full build, then each engine's one-brief
edit, each as a separate process (wall time from start to exit, peak resident
memory from the kernel's rusage), so imports are counted too. Rounds interleave
floor and engines, so that a slow spell of the machine hits all of them.
The report is rewritten after each size, so a run cut short keeps its rows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader import largest_pages, measure_reader, measure_search, search_line
from report import ENGINE_NAMES, engines_table, report
from serve_latency import measure_serve

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
from generator.build import check
from generator.engines.project import generated_config, write_project
from generator.publish.cache import Plan
from generator.config.options import Options, gc_paused, tune_process
from generator.pages.render import render_pages
from generator.config.mkdocs_yml import read_site_config
tune_process()
options = Options(briefs_dir=Path(sys.argv[1]), config_file=Path(sys.argv[2]))
checked = check(options)
with gc_paused():
    pages = render_pages(checked.index, options.templates_dir, encode=True)
site = read_site_config(options.config_file)
write_project(Path(sys.argv[3]), pages, Plan(full=True, changed=sorted(pages)), options, generated_config(options, site), site)
"""


def tree_mib(root: int) -> float:
    """Resident memory of process ``root`` and all its descendants, in MiB (from /proc)."""
    children: dict[int, list[int]] = {}
    resident: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        resident[int(entry)] = int(fields[21])  # pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += resident.get(pid, 0)
        todo += children.get(pid, [])
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def run(command: list[str], cwd: Path | None = None, tree: dict | None = None) -> tuple[float, float]:
    """Run to completion; return (seconds, peak MiB of the largest process). With ``tree``,
    the whole process tree is sampled every 50 ms and its peak stored as ``tree["mb"]``."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT), NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, 0 if tree is None else os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_mib(process.pid))
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    if tree is not None:
        tree["mb"] = peak
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def stage_profile(build: list[str]) -> list[tuple[str, float]]:
    """``briefing build --verbose`` once: each stage's seconds, largest first."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT), NO_MKDOCS_2_WARNING="1")
    out = subprocess.run([*build, "--verbose"], env=env, capture_output=True, text=True, check=True)
    stages = [line.rsplit(": ", 1) for line in (out.stdout + out.stderr).splitlines() if line.endswith(" s") and ": " in line]
    times = [(name, float(value[:-2])) for name, value in stages if name != "total" and value[:-2].replace(".", "").isdigit()]
    return sorted(times, key=lambda stage: -stage[1])


def bytes_per_page(site: Path) -> float:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    return sum(p.stat().st_size for p in pages) / len(pages)


def write_floor(briefs: Path, floor: Path) -> None:
    """The same brief bodies as a plain MkDocs project with a one-entry nav."""
    sys.path.insert(0, str(PROJECT))
    from generator.read.load import load_corpus

    docs = floor / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for document in load_corpus(briefs).briefs:
        (docs / f"{Path(document.path).stem}.md").write_text(f"# {document.data['title']}\n\n{document.body}", encoding="utf-8")
    (floor / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")


def measure(size: int, work: Path, repeat: int, engines: list[str], builds_only: bool) -> dict:
    python = sys.executable
    briefs, floor = work / "briefs", work / "floor"
    outs = {engine: work / f"site-{engine}" for engine in engines}
    run([python, "-m", "generator", "demo-corpus", str(size), str(briefs)])
    with_floor = not builds_only and "mkdocs" in engines
    if with_floor:
        write_floor(briefs, floor)
    builds = {
        engine: [python, "-m", "generator", "build", "--briefs", str(briefs), "--out", str(out),
                 "--config", str(PROJECT / "mkdocs.yml"), "--engine", engine]
        for engine, out in outs.items()
    }
    stage = [python, "-c", STAGE, str(briefs), str(PROJECT / "mkdocs.yml"), str(work / "project")]
    rounds: dict[str, list[float]] = {}
    for number in range(repeat):
        for out in outs.values():
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(out.with_name(f".{out.name}.briefing-cache"), ignore_errors=True)
        for path in (work / "project", floor / "site"):
            shutil.rmtree(path, ignore_errors=True)
        figures = {}
        if with_floor:
            figures["stage"], figures["stage_mb"] = run(stage)
            figures["floor"], figures["floor_mb"] = run([python, "-m", "mkdocs", "build", "-q"], cwd=floor)
        for engine, build in builds.items():
            tree: dict = {}
            figures[f"{engine}_full"], figures[f"{engine}_full_mb"] = run(build, tree=tree)
            figures[f"{engine}_full_tree_mb"] = tree["mb"]
        edited = sorted(briefs.rglob("*.md"))[(size // 2 + number) % size]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence, added by the benchmark.\n", encoding="utf-8")
        for engine, build in builds.items():
            figures[f"{engine}_edit"], figures[f"{engine}_edit_mb"] = run(build)
        for key, value in figures.items():
            rounds.setdefault(key, []).append(value)
        print(f"{size:,} briefs, round {number + 1}: " + ", ".join(f"{key} {value:.1f}" for key, value in figures.items()), flush=True)
    row: dict = {key: statistics.median(values) for key, values in rounds.items()}
    row.update(size=size, repeat=repeat)
    for engine, out in outs.items():
        row[f"{engine}_pages"] = sum(1 for _ in out.rglob("index.html"))
    if not with_floor:
        return row
    out = outs["mkdocs"]
    for key in ("full", "full_mb", "edit", "edit_mb", "pages"):
        row[key] = row[f"mkdocs_{key}"]
    row["full_tree_mb"] = row["mkdocs_full_tree_mb"]
    row["full_over_floor"] = [full / floor_time for full, floor_time in zip(rounds["mkdocs_full"], rounds["floor"])]
    row["bytes"], row["floor_bytes"] = bytes_per_page(out), bytes_per_page(floor / "site")
    row.update(measure_search(out))
    row["lunr_index_bytes"] = (floor / "site" / "search" / "search_index.json").stat().st_size
    row.update(measure_reader(out))  # issue 21's figures, largest pages and /positions/ included
    row.update(measure_serve(briefs, PROJECT / "mkdocs.yml", repeat))
    for path in (out, out.with_name(f".{out.name}.briefing-cache")):
        shutil.rmtree(path, ignore_errors=True)
    row["profile"] = stage_profile(builds["mkdocs"])  # a full build again, with --verbose
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size; figures are medians")
    parser.add_argument("--engines", nargs="+", choices=list(ENGINE_NAMES), default=list(ENGINE_NAMES),
                        help="the engines whose builds are timed (default: all, in turn within each round)")
    parser.add_argument("--builds-only", action="store_true",
                        help="only the engines' full build and one-brief edit: no generator stage, floor, pages or search")
    parser.add_argument("--output", type=Path, default=PROJECT / "docs" / "benchmarks.md")
    parser.add_argument("--search", type=Path, metavar="SITE", help="only measure search on a built site")
    parser.add_argument("--pages", type=Path, metavar="SITE", help="only measure the heaviest pages of a built site")
    parser.add_argument("--serve", type=Path, metavar="BRIEFS", help="only measure serve's edit latency on a corpus (it is edited)")
    args = parser.parse_args()
    if args.serve:
        print(measure_serve(args.serve, PROJECT / "mkdocs.yml", args.repeat))
        return
    if args.search:
        print(search_line(measure_search(args.search)))
        return
    if args.pages:
        for key, value in largest_pages(args.pages).items():
            print(f"{key}: {value}")
        return
    engines = [engine for engine in ENGINE_NAMES if engine in args.engines]
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"briefing-bench-{size}-") as work:
            rows.append(measure(size, Path(work), args.repeat, engines, args.builds_only))
        print(engines_table(rows[-1:], engines).splitlines()[-1], flush=True)
        args.output.parent.mkdir(parents=True, exist_ok=True)  # written after every size: a cut-short run keeps its rows
        args.output.write_text(report(rows, engines, args.repeat, args.builds_only), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
