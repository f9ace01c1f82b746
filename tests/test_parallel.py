"""Validating on several processes reports exactly what validating one after another does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from planpress.downloads import plan_downloads, write_downloads
from planpress.load import load_packages, load_schema_set
from planpress.model import build_site
from planpress.pool import fork_map
from planpress.validate import validate_each, validate_packages

pytestmark = pytest.mark.slow  # every fixture validated twice, on two processes

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [*sorted((ROOT / "tests/fixtures/invalid").iterdir()), ROOT / "datapackage"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_parallel_validation_reports_what_serial_does(folder):
    schemas = load_schema_set()
    raws = load_packages(folder)
    serial = validate_packages(raws, schemas, workers=1)
    assert validate_packages(raws, schemas, workers=2) == serial


def test_every_fixture_package_on_two_processes_gives_its_serial_problems_in_order():
    schemas = load_schema_set()
    raws = [raw for folder in FOLDERS for raw in load_packages(folder)]
    assert len(raws) > 2
    assert validate_each(raws, schemas, workers=2) == validate_each(raws, schemas, workers=1)


def written_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("public_url", ["", "https://example.org/plans"])
def test_downloads_written_on_two_processes_are_the_bytes_and_records_plan_downloads_makes(
    tmp_path, public_url
):
    """Also with a public address, which the citation files (CSL-JSON, BibTeX) carry."""
    site = build_site(load_packages(ROOT / "datapackage"), load_schema_set())
    planned = plan_downloads(site, None, public_url)
    if public_url:
        assert any(public_url.encode() in d.data for d in planned if d.path.endswith(".bib"))
    made = {}
    for workers in (1, 2):
        folder = tmp_path / str(workers)

        def write(download, folder=folder):
            target = folder / download.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(download.data)

        made[workers] = write_downloads(site, write, workers=workers, public_url=public_url)
        assert written_files(folder) == {d.path: d.data for d in planned}
    for written in made.values():
        assert [dataclasses.replace(d, data=b"", written=None) for d in written] == [
            dataclasses.replace(d, data=b"") for d in planned
        ]
        assert [d.size for d in written] == [len(d.data) for d in planned]


def test_fork_map_gives_the_serial_results_in_order_whatever_the_weights():
    items = list(range(23))
    expected = [item * item for item in items]
    assert fork_map(lambda item: item * item, items, workers=2) == expected
    weights = [(7 * item) % 5 for item in items]
    assert fork_map(lambda item: item * item, items, workers=2, weights=weights) == expected
    assert fork_map(lambda item: item * item, items, workers=1) == expected


def refuse(item):
    raise OSError(28, "No space left on device")


def test_fork_map_raises_a_worker_error_unchained_from_the_worker_traceback():
    with pytest.raises(OSError) as caught:
        fork_map(refuse, [1, 2, 3], workers=2)
    assert caught.value.errno == 28
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
