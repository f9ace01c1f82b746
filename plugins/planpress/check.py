"""Load and validate a data folder in one call, shared by `make validate` and the build."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .load import RawPackage, SchemaSet, load_packages, load_schema_set
from .problems import Problem
from .validate import validate_packages

CACHE_FORMAT = "1"


@dataclass(frozen=True)
class CheckedData:
    schemas: SchemaSet
    packages: list[RawPackage]
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.problems


def check_data(root: Path, cache_dir: Path | None = None) -> CheckedData:
    schemas = load_schema_set()
    packages = load_packages(root)
    cache = make_disk_cache(cache_dir, hash_code()) if cache_dir else None
    return CheckedData(schemas, packages, validate_packages(packages, schemas, cache))


def hash_code() -> str:
    """The validator's own source: a changed rule must not be answered from an old cache."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def make_disk_cache(
    folder: Path, salt: str = ""
) -> Callable[[str, Callable[[], list[Problem]]], list[Problem]]:
    """Validation results keyed by content hash; an unreadable cache is simply recomputed."""

    def cached(key: str, compute: Callable[[], list[Problem]]) -> list[Problem]:
        file = folder / f"{CACHE_FORMAT}-{salt}-{key}.json"
        try:
            stored = json.loads(file.read_text(encoding="utf-8"))
            return [
                Problem(p["path"], p["row"], p["field"], p["code"], tuple(map(tuple, p["params"])))
                for p in stored
            ]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        problems = compute()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            rows = [
                {"path": p.path, "row": p.row, "field": p.field, "code": p.code, "params": p.params}
                for p in problems
            ]
            file.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass
        return problems

    return cached
