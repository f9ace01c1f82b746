"""Tier 1: the content-hash cache gives the same report as a cold run, and heals itself."""

from __future__ import annotations

import os
from pathlib import Path

from planpress.check import CACHE_FORMAT, VALIDATOR_MODULES, check_data, hash_code, prune_cache
from planpress.problems import Problem
from planpress.report import format_text

INVALID = Path(__file__).parent / "fixtures" / "invalid"


def report(checked) -> str:
    return format_text(checked.problems, len(checked.packages), "en")


def test_cached_validation_reports_exactly_what_a_cold_run_does(tmp_path):
    cold = check_data(INVALID / "type-error")
    first = check_data(INVALID / "type-error", tmp_path / "cache")
    again = check_data(INVALID / "type-error", tmp_path / "cache")
    assert len(list((tmp_path / "cache").iterdir())) == 1
    assert report(cold) == report(first) == report(again)
    assert not again.valid


def test_an_unreadable_cache_file_is_recomputed(tmp_path):
    cache = tmp_path / "cache"
    check_data(INVALID / "invalid-period", cache)
    [file] = cache.iterdir()
    file.write_text("{not json", encoding="utf-8")
    assert [p.code for p in check_data(INVALID / "invalid-period", cache).problems] == [
        "invalid-period"
    ]


def test_changing_a_file_misses_the_cache(tmp_path, make_package, minimal_csv):
    data = make_package()
    cache = tmp_path / "cache"
    assert check_data(data, cache).valid
    (data / "minimal" / "plans.csv").write_text(
        minimal_csv("plans").replace(",2021,2021,", ",2025,2021,"), encoding="utf-8"
    )
    assert [p.code for p in check_data(data, cache).problems] == ["invalid-period"]


def test_a_changed_validator_misses_the_cache(tmp_path, make_package, monkeypatch):
    """A rule changed in code must not be answered from results cached by the old code."""
    import planpress.check
    import planpress.validate

    data = make_package()
    cache = tmp_path / "cache"
    assert check_data(data, cache).valid

    def refuse_every_period(package):
        yield Problem.at(package.files["plans"], 2, "period_start", "invalid-period")

    rules = (*planpress.validate.PACKAGE_RULES, refuse_every_period)
    monkeypatch.setattr(planpress.validate, "PACKAGE_RULES", rules)
    monkeypatch.setattr(planpress.check, "hash_code", lambda: "changed-code")
    assert [p.code for p in check_data(data, cache).problems] == ["invalid-period"]


def test_the_cache_key_reads_the_validator_modules_and_library_versions_only(monkeypatch):
    """Editing a template, the theme or the wording keeps validation results; a new rule or
    a new frictionless or jsonschema release does not."""
    import planpress.check

    opened = []
    real_read = Path.read_bytes

    def spy(path):
        opened.append(path.name)
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", spy)
    key = hash_code()
    assert sorted(opened) == sorted(VALIDATOR_MODULES)
    assert {"messages.py", "particles.py", "generator.py", "downloads.py"}.isdisjoint(opened)
    assert {"validate.py", "totals.py", "tabular.py"} <= set(opened)

    real_version = planpress.check.metadata.version
    monkeypatch.setattr(
        planpress.check.metadata,
        "version",
        lambda name: "99.0" if name == "frictionless" else real_version(name),
    )
    assert hash_code() != key


def test_stale_cache_entries_are_pruned(tmp_path, make_package):
    data = make_package()
    cache = tmp_path / "cache"
    cache.mkdir()
    old = cache / "1-oldvalidator-abc-def.json"
    old.write_text("[]", encoding="utf-8")
    check_data(data, cache)
    assert not old.exists()
    assert len(list(cache.iterdir())) == 1


def test_the_cache_keeps_only_the_most_recently_used_entries(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    salt = "s"
    for n in range(5):
        entry = cache / f"{CACHE_FORMAT}-{salt}-{n}.json"
        entry.write_text("[]", encoding="utf-8")
        os.utime(entry, (1000 + n, 1000 + n))
    prune_cache(cache, salt, limit=2)
    assert sorted(p.name for p in cache.iterdir()) == [
        f"{CACHE_FORMAT}-s-3.json",
        f"{CACHE_FORMAT}-s-4.json",
    ]
