"""`make bench`: how validation and the build scale toward 243 local governments.

Timings on a shared machine are noisy, so results are reported as ratios measured in
one run (per-package cost at 243 packages vs at 5; cached vs cold validation), never
asserted by a test.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from planpress.check import check_data  # noqa: E402
from planpress.cli import run_build  # noqa: E402

SIZES = (5, 50, 243)


def make_packages(folder: Path, count: int) -> None:
    """`count` packages cloned from the real five, renamed so names and plan IDs stay unique."""
    real = sorted(p for p in (ROOT / "datapackage").iterdir() if p.is_dir())
    for index in range(count):
        source = real[index % len(real)]
        slug = f"{source.name}-{index:03d}"
        target = folder / slug
        shutil.copytree(source, target)
        descriptor = json.loads((target / "datapackage.json").read_text("utf-8"))
        descriptor["name"] = slug
        (target / "datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False), "utf-8"
        )
        plans = (target / "plans.csv").read_text("utf-8").splitlines(keepends=True)
        plan_id = plans[1].split(",", 1)[0]
        for csv_file in target.glob("*.csv"):
            text = csv_file.read_text("utf-8").replace(plan_id, f"{plan_id}-{index:03d}")
            csv_file.write_text(text, "utf-8")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            data = Path(tmp) / f"data-{size}"
            make_packages(data, size)
            cache = Path(tmp) / f"cache-{size}"
            cold = timed(lambda data=data, cache=cache: check_data(data, cache))
            warm = timed(lambda data=data, cache=cache: check_data(data, cache))
            results[size] = {"cold": cold, "warm": warm}
            print(
                f"{size:4d} packages: validate cold {cold:7.2f}s  cached {warm:6.2f}s", flush=True
            )
        data = Path(tmp) / "data-50"
        build = timed(lambda: run_build(data, Path(tmp) / "out", ROOT / "pelicanconf.py", "ko", ""))
    small, large = results[SIZES[0]], results[SIZES[-1]]
    per_small = small["cold"] / SIZES[0]
    per_large = large["cold"] / SIZES[-1]
    print()
    print(
        f"per-package validation cost, {SIZES[-1]} vs {SIZES[0]} packages: {per_large / per_small:.2f}x (1.00 = linear)"
    )
    print(
        f"cached vs cold validation at {SIZES[-1]} packages: {large['warm'] / large['cold']:.3f}x"
    )
    print(f"whole build vs cold validation at 50 packages: {build / results[50]['cold']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
