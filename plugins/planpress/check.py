"""Load and validate a data folder in one call, shared by `make validate` and the build."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .load import RawPackage, SchemaSet, load_packages, load_schema_set
from .problems import Problem
from .validate import validate_packages

CACHE_FORMAT = "2"
CACHE_LIMIT = 4096
"""Most entries the cache keeps; the least recently used beyond it are pruned."""

VALIDATOR_MODULES = (
    "amounts.py",
    "check.py",
    "load.py",
    "problems.py",
    "records.py",
    "rules.py",
    "schemacopies.py",
    "tabular.py",
    "totals.py",
    "validate.py",
)
"""The code whose output the cache stores. Wording (messages.py, particles.py) is applied
when a report is printed, and templates never reach validation, so neither is in the key."""
VALIDATOR_LIBRARIES = ("frictionless", "jsonschema")


@dataclass(frozen=True)
class CheckedData:
    schemas: SchemaSet
    packages: list[RawPackage]
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.problems


def check_data(
    root: Path, cache_dir: Path | None = None, only: Collection[str] | None = None
) -> CheckedData:
    """`only`: the package folders whose own rules run (pre-commit: the changed ones); the
    site rules see every package. `packages` are the ones checked."""
    schemas = load_schema_set()
    packages = load_packages(root)
    cache = make_disk_cache(cache_dir, hash_code()) if cache_dir else None
    problems = validate_packages(packages, schemas, cache, folder=root.name or str(root), only=only)
    if cache_dir:
        prune_cache(cache_dir, hash_code())
    if only is not None:
        packages = [raw for raw in packages if raw.folder in only]
    return CheckedData(schemas, packages, problems)


def hash_code() -> str:
    """The validator's own modules and libraries: a changed rule never answers from an old cache.

    The schemas are in every entry's key already (`SchemaSet.content_hash`).
    """
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    here = Path(__file__).parent
    for name in VALIDATOR_MODULES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    for library in VALIDATOR_LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}".encode())
    return digest.hexdigest()[:16]


def prune_cache(folder: Path, salt: str, limit: int = CACHE_LIMIT) -> None:
    """Delete entries written by another validator, and the oldest beyond `limit`."""
    try:
        entries = [p for p in folder.iterdir() if p.suffix == ".json"]
        current = f"{CACHE_FORMAT}-{salt}-"
        stale = [p for p in entries if not p.name.startswith(current)]
        fresh = sorted(
            (p for p in entries if p.name.startswith(current)),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for entry in stale + fresh[limit:]:
            entry.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be tidied is still correct


def make_disk_cache(
    folder: Path, salt: str = ""
) -> Callable[[str, Callable[[], list[Problem]]], list[Problem]]:
    """Validation results keyed by content hash; an unreadable cache is simply recomputed."""

    def cached(key: str, compute: Callable[[], list[Problem]]) -> list[Problem]:
        file = folder / f"{CACHE_FORMAT}-{salt}-{key}.json"
        try:
            stored = json.loads(file.read_text(encoding="utf-8"))
            file.touch()  # recently used: kept by prune_cache
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
