"""The synthetic national data `make bench` measures is valid and the same for one seed."""

from __future__ import annotations

from pathlib import Path

from synthetic import write_national

from planpress.check import check_data


def folder_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_synthetic_packages_validate_with_no_problem(tmp_path):
    write_national(tmp_path, cities=5, programmes=20, seed=1)
    checked = check_data(tmp_path)
    assert [p.code for p in checked.problems] == []
    assert len(checked.packages) == 5


def test_synthetic_packages_are_byte_identical_for_one_seed(tmp_path):
    write_national(tmp_path / "a", cities=3, programmes=20, seed=7)
    write_national(tmp_path / "b", cities=3, programmes=20, seed=7)
    assert folder_bytes(tmp_path / "a") == folder_bytes(tmp_path / "b")
    write_national(tmp_path / "c", cities=3, programmes=20, seed=8)
    assert folder_bytes(tmp_path / "a") != folder_bytes(tmp_path / "c")
