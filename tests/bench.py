"""`make bench`: planpress against the standard tools, on synthetic national data.

Timings on a shared machine are noisy, so every figure is the median of `--runs` runs and
a ratio against a reference measured in the same run, never an assertion in a test:

- validate_cold_ratio: `planpress validate` with no cache ÷ frictionless's Python API
  validating the same packages (schemas inlined, as `data/<slug>/datapackage.json` is
  published) one after another in one process. Target ≤ 0.33.
- validate_one_city_ratio: `planpress validate` with a warm cache after one city was
  edited ÷ the `frictionless validate` CLI on that package alone. Target ≤ 1.0.
- build_cold_ratio: `planpress build` with an empty cache folder (as after `make clean`) ÷ the
  reference of the first. Target ≤ 0.5.
- render_ratio: `planpress build` with that cache after one city was edited ÷ a plain Jinja2
  script (tests/bench_plain_render.py: the csv module and one template holding the city
  page's facts and tables) rendering every city's page from the same CSVs, which is what a
  script without a cache does after any edit. Target ≤ 4.
- peak_mb: the largest resident size of any process of the cold build (getrusage of the
  children, so the largest worker, not their sum); largest_page_kb: the largest HTML page.
- search_index_bytes: the size of `search-index.js` (the home page's search index, which a
  visitor downloads on first use of the search box) built from the synthetic data, and
  search_index_gzip_bytes the same compressed (gzip -9, as a static host would serve it);
  search_index_real_bytes: the same file for the real data in datapackage/.
- home_page_js_bytes: the JavaScript a visitor of the home page downloads (every script the
  page links, and the search index it loads on first use of the search box), and
  home_page_js_gzip_bytes the same files compressed one by one.

Results are printed as a table and written to bench-results.json (git-ignored).
`make bench BENCH_ARGS="--cities 50 --runs 1"` for a short run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from synthetic import write_national  # noqa: E402

BIN = Path(sys.executable).parent
TARGETS = {
    "validate_cold_ratio": 0.33,
    "validate_one_city_ratio": 1.0,
    "build_cold_ratio": 0.5,
    "render_ratio": 4.0,
    "peak_mb": 300,
    "largest_page_kb": 1024,
}

REFERENCE = """
import json, sys, warnings
from pathlib import Path
from frictionless import Package
warnings.simplefilter("ignore")
invalid = 0
for folder in sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_dir()):
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        resource["schema"] = json.loads((folder / resource["schema"]).read_text("utf-8"))
    report = Package(descriptor, basepath=str(folder)).validate()
    invalid += not report.valid
sys.exit(1 if invalid else 0)
"""
"""frictionless's Python API over every package, one after another, schemas inlined."""

PEAK = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""
"""Runs a command and prints the largest resident size (KiB) of it or any process it waited for."""


def run(command: list[str], expect: int = 0) -> tuple[float, str]:
    """Wall time of a command and its standard output; a wrong exit code stops the bench."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != expect:
        raise SystemExit(f"bench: {' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return elapsed, done.stdout


def edit_one_city(folder: Path, run_index: int) -> None:
    """A valid edit: the descriptor's description changes, so the cache misses that city only."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    descriptor["description"] = (
        descriptor["description"].split(" (수정")[0] + f" (수정 {run_index})"
    )
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")


def measure_once(data: Path, work: Path, run_index: int) -> dict[str, float]:
    planpress = str(BIN / "planpress")
    python = sys.executable
    reference, _ = run([python, "-c", REFERENCE, str(data)])
    cold, _ = run([planpress, "validate", str(data)])

    cache = work / f"cache-{run_index}"
    run([planpress, "validate", str(data), "--cache", str(cache)])  # warm the cache
    city = sorted(p for p in data.iterdir() if p.is_dir())[0]
    edit_one_city(city, run_index)
    one_city, _ = run([planpress, "validate", str(data), "--cache", str(cache)])
    one_reference, _ = run([str(BIN / "frictionless"), "validate", str(city / "datapackage.json")])

    output = work / f"output-{run_index}"
    build_command = [planpress, "build", "--data", str(data), "--output", str(output)]
    build_command += ["--settings", str(ROOT / "pelicanconf.py")]
    build_cache = work / f"build-cache-{run_index}"  # empty: a cold build, as after make clean
    build, peak_kib = run([python, "-c", PEAK, *build_command, "--cache", str(build_cache)])
    largest_page = max(p.stat().st_size for p in output.rglob("*.html"))
    search_index = (output / "search-index.js").read_bytes()
    home_js = measure_home_page_js(output)

    edit_one_city(sorted(p for p in data.iterdir() if p.is_dir())[-1], run_index)
    render, _ = run([*build_command, "--cache", str(build_cache)])
    plain = [python, str(ROOT / "tests" / "bench_plain_render.py"), str(data), str(work / "plain")]
    render_reference, _ = run(plain)
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(build_cache, ignore_errors=True)
    return {
        "reference_s": reference,
        "validate_cold_s": cold,
        "validate_cold_ratio": cold / reference,
        "one_city_s": one_city,
        "one_city_reference_s": one_reference,
        "validate_one_city_ratio": one_city / one_reference,
        "build_cold_s": build,
        "build_cold_ratio": build / reference,
        "render_s": render,
        "render_reference_s": render_reference,
        "render_ratio": render / render_reference,
        "peak_mb": int(peak_kib.strip()) / 1024,
        "largest_page_kb": largest_page / 1024,
        "search_index_bytes": len(search_index),
        "search_index_gzip_bytes": len(gzip.compress(search_index, 9, mtime=0)),
        "home_page_js_bytes": home_js[0],
        "home_page_js_gzip_bytes": home_js[1],
    }


def measure_home_page_js(output: Path) -> tuple[int, int]:
    """Bytes (raw, gzip -9) of every script index.html links, and of the search index."""
    home = (output / "index.html").read_text("utf-8")
    links = re.findall(r'<script src="(?:\./)?([^"]+)"', home)
    scripts = dict.fromkeys([*links, "search-index.js"])
    contents = [(output / path).read_bytes() for path in scripts]
    return sum(map(len, contents)), sum(len(gzip.compress(c, 9, mtime=0)) for c in contents)


def measure_real_search_index() -> int:
    """Bytes of search-index.js for the real data (datapackage/), built in this process."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from planpress.addresses import Addresses
    from planpress.check import check_data
    from planpress.model import build_site
    from planpress.search import build_index, render_index_script

    checked = check_data(ROOT / "datapackage", None)
    if not checked.valid:
        raise SystemExit("bench: datapackage/ does not validate; run make validate")
    site = build_site(checked.packages, checked.schemas)
    return len(render_index_script(build_index(site, Addresses())))


def format_table(results: dict[str, float]) -> str:
    lines = [f"{'figure':26} {'median':>10}  target  met", "-" * 50]
    for name, value in results.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("yes" if value <= target else "NO")
        goal = "" if target is None else f"≤ {target:g}"
        lines.append(f"{name:26} {value:10.3f}  {goal:6}  {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="time planpress against frictionless")
    parser.add_argument("--cities", type=int, default=243)
    parser.add_argument("--programmes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "data"
        write_national(data, args.cities, args.programmes, args.seed)
        runs = []
        for index in range(args.runs):
            runs.append(measure_once(data, work, index))
            print(f"run {index + 1}/{args.runs}: " + json.dumps(runs[-1]), flush=True)
    results = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    results["search_index_real_bytes"] = measure_real_search_index()
    print()
    print(f"{args.cities} cities × {args.programmes} programmes, median of {args.runs} runs")
    print(format_table(results))
    record = {
        "cities": args.cities,
        "programmes": args.programmes,
        "seed": args.seed,
        "runs": args.runs,
        "median": results,
        "targets": TARGETS,
        "met": {name: results[name] <= target for name, target in TARGETS.items()},
        "each_run": runs,
    }
    args.out.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
