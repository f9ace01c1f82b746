"""Tier 1: the content-hash cache gives the same report as a cold run, and heals itself."""

from __future__ import annotations

from pathlib import Path

from planpress.check import check_data
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

    def refuse_every_period(typed, files, _schemas):
        yield from planpress.validate.check_period(
            {**typed, "plans": [(r, {**p, "period_start": 9999}) for r, p in typed["plans"]]},
            files,
            _schemas,
        )

    monkeypatch.setattr(planpress.validate, "check_themes", refuse_every_period)
    monkeypatch.setattr(planpress.check, "hash_code", lambda: "changed-code")
    assert [p.code for p in check_data(data, cache).problems] == ["invalid-period"]
