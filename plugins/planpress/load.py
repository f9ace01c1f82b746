"""The only code that opens data files.

Reads every package folder under a data folder into `RawPackage`s: the descriptor as
parsed JSON and each resource as the exact bytes on disk. Whatever the bytes are, it
returns problems, never raises. Everything after this works on memory, so validation
results can be cached by the content hash computed here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from .problems import Problem
from .records import Table, read_table

SCHEMA_DIR = Path(__file__).parent / "schemas"
RESOURCE_NAMES = ("plans", "pillars", "programmes", "targets", "sources")
DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class RawResource:
    name: str
    path: str
    """The path as the descriptor declares it."""
    data: bytes | None
    """The file's bytes, or None when it could not be read (a problem says why)."""
    schema_path: str | None = None
    """The resource's own Table Schema file, as the descriptor names it (`plans.schema.json`)."""
    schema_data: bytes | None = None
    """That file's bytes, or None when it is not named, unsafe or missing."""

    @cached_property
    def table(self) -> Table:
        """The bytes parsed once as CSV; every rule and the model share it."""
        return self.read_table()

    def read_table(self) -> Table:
        """The parsed table, kept or not: once the model is built the build lets the tables
        go (`let_go_table`), and the downloads parse each file again where they need it, so
        no process holds every city's parsed rows."""
        kept = self.__dict__.get("table")
        if kept is not None:
            return kept
        return read_table(self.data) if self.data is not None else Table((), ())

    def let_go_table(self) -> None:
        self.__dict__.pop("table", None)


@dataclass(frozen=True)
class RawPackage:
    folder: str
    """Folder name under the data folder; the package's expected name."""
    descriptor: Any
    """Parsed datapackage.json (any JSON value), or None when missing or unparseable."""
    descriptor_bytes: bytes | None
    resources: tuple[RawResource, ...]
    problems: tuple[Problem, ...]
    content_hash: str

    def resource(self, name: str) -> RawResource | None:
        return next((r for r in self.resources if r.name == name), None)


@dataclass(frozen=True)
class SchemaSet:
    """The shared contract: one Table Schema per resource, the descriptor profile, themes."""

    tables: dict[str, dict[str, Any]]
    profile: dict[str, Any]
    themes: tuple[dict[str, str], ...]
    themes_bytes: bytes
    content_hash: str

    @property
    def theme_ids(self) -> frozenset[str]:
        return frozenset(t["theme_id"] for t in self.themes)


def load_schema_set(folder: Path = SCHEMA_DIR) -> SchemaSet:
    """Read the project's own schemas. Broken schemas are a bug in planpress, so this raises."""
    digest = hashlib.sha256()
    tables: dict[str, dict[str, Any]] = {}
    for name in RESOURCE_NAMES:
        raw = (folder / f"{name}.json").read_bytes()
        digest.update(raw)
        tables[name] = json.loads(raw)
    profile_bytes = (folder / "datapackage.profile.json").read_bytes()
    themes_bytes = (folder / "themes.csv").read_bytes()
    digest.update(profile_bytes)
    digest.update(themes_bytes)
    themes = tuple(csv.DictReader(io.StringIO(themes_bytes.decode("utf-8"))))
    return SchemaSet(tables, json.loads(profile_bytes), themes, themes_bytes, digest.hexdigest())


def list_package_folders(root: Path) -> list[Path]:
    """Package folders: every directory not starting with '.' or '_', in name order.

    A symbolic link to a folder is listed too, so that `load_package` refuses it by name
    instead of publishing whatever it points to."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def load_packages(root: Path) -> list[RawPackage]:
    return [load_package(folder) for folder in list_package_folders(root)]


def is_safe_resource_path(path: object) -> bool:
    """A plain file name inside the package folder: no URL, no folder, no '..'."""
    if not isinstance(path, str) or not path or "\\" in path or ":" in path:
        return False
    pure = PurePosixPath(path)
    return len(pure.parts) == 1 and pure.name not in (".", "..") and not path.startswith("/")


def declared_resources(descriptor: Any) -> list[tuple[int, str, object, object]]:
    """(index, name, path, schema) of each resource entry that has a name, whatever the JSON."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return []
    found = []
    for index, entry in enumerate(descriptor["resources"]):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            found.append((index, entry["name"], entry.get("path"), entry.get("schema")))
    return found


def read_schema_copy(folder: Path, schema: object, links: frozenset[str]) -> bytes | None:
    """The bytes of a resource's own schema file, when it is a safe name inside the package
    (anything else is reported by the profile or by check_schema_copies)."""
    if not isinstance(schema, str) or not is_safe_resource_path(schema) or schema in links:
        return None
    return read_bytes(folder / schema)


def load_package(folder: Path) -> RawPackage:
    slug = folder.name
    problems: list[Problem] = []
    digest = hashlib.sha256(slug.encode())
    if is_symlink(folder):
        # Its files would come from outside the data folder: refuse it, read nothing.
        problem = Problem.at(slug, None, None, "symlink", value=slug)
        return RawPackage(slug, None, None, (), (problem,), digest.hexdigest())
    links = symlinks_in(folder)
    for name in links:
        problems.append(Problem.at(f"{slug}/{name}", None, None, "symlink", value=name))
    descriptor_path = folder / DESCRIPTOR
    descriptor: Any = None
    descriptor_bytes = None if DESCRIPTOR in links else read_bytes(descriptor_path)
    if DESCRIPTOR in links:
        pass  # refused above; never followed, never echoed
    elif descriptor_bytes is None:
        problems.append(Problem.at(f"{slug}/{DESCRIPTOR}", None, None, "missing-descriptor"))
    else:
        digest.update(descriptor_bytes)
        descriptor, problem = parse_descriptor(f"{slug}/{DESCRIPTOR}", descriptor_bytes)
        if problem is not None:
            problems.append(problem)
        elif not isinstance(descriptor, dict):  # `null`, a list, a number: nothing to read
            problems.append(
                Problem.at(
                    f"{slug}/{DESCRIPTOR}",
                    None,
                    None,
                    "descriptor-error",
                    kind="type",
                    expected="object",
                )
            )
            descriptor = None

    resources: list[RawResource] = []
    for index, name, path, schema in declared_resources(descriptor):
        schema_data = read_schema_copy(folder, schema, links)
        schema_path = schema if isinstance(schema, str) else None
        if schema_data is not None:
            digest.update(str(schema).encode() + b"\0" + schema_data)
        where = f"resources[{index}].path"
        if str(path) in links:
            resources.append(RawResource(name, str(path), None, schema_path, schema_data))
            continue
        if not is_safe_resource_path(path):
            problems.append(
                Problem.at(f"{slug}/{DESCRIPTOR}", None, where, "unsafe-path", value=path)
            )
            resources.append(RawResource(name, str(path), None, schema_path, schema_data))
            continue
        assert isinstance(path, str)
        data = read_bytes(folder / path)
        if data is None:
            problems.append(
                Problem.at(f"{slug}/{DESCRIPTOR}", None, where, "missing-file", value=path)
            )
        else:
            digest.update(path.encode() + b"\0" + data)
        resources.append(RawResource(name, path, data, schema_path, schema_data))
    return RawPackage(
        slug, descriptor, descriptor_bytes, tuple(resources), tuple(problems), digest.hexdigest()
    )


def symlinks_in(folder: Path) -> frozenset[str]:
    """Names of the symbolic links anywhere in a package folder: none is ever followed."""
    found = set()
    try:
        for path in folder.rglob("*"):
            if is_symlink(path):
                found.add(path.relative_to(folder).as_posix())
    except OSError:
        pass
    return frozenset(found)


def is_symlink(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:  # a name too long for the file system: read_bytes reports it missing
        return False


DEPTH_LIMIT = 32
"""Deepest nesting of objects and lists a descriptor may have (planpress's own need 4)."""


class _DuplicateKey(ValueError):
    """An object with one key twice: JSON readers keep one of them, so a value is lost."""


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _RefusedNumber(ValueError):
    """NaN, Infinity, or a number JSON cannot carry (1e400): JSON has none of them."""


def _refuse_constant(name: str) -> Any:
    raise _RefusedNumber(name)


def _checked_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _RefusedNumber(text)
    return value


def json_depth(value: Any) -> int:
    """How deeply objects and lists nest, counted without recursion."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth <= DEPTH_LIMIT:
                todo += [
                    (v, depth + 1) for v in (item.values() if isinstance(item, dict) else item)
                ]
    return deepest


def parse_descriptor(path: str, data: bytes) -> tuple[Any, Problem | None]:
    """The descriptor's JSON value, or None and the one problem that stops reading it.

    What is refused here is refused for everyone after: NaN and Infinity (which Python's
    json reads but no JSON tool can write back), numbers beyond a double (1e400), and
    nesting deeper than DEPTH_LIMIT."""
    try:
        value = json.loads(
            data.decode("utf-8-sig"),
            parse_constant=_refuse_constant,
            parse_float=_checked_float,
            object_pairs_hook=_refuse_duplicates,
        )
    except UnicodeDecodeError:
        return None, Problem.at(path, None, None, "not-utf8")
    except _DuplicateKey as duplicate:
        return None, Problem.at(
            path, None, None, "invalid-json", kind="duplicate-key", value=str(duplicate)
        )
    except _RefusedNumber as refused:
        return None, Problem.at(
            path, None, None, "invalid-json", kind="not-a-number", value=str(refused)
        )
    except json.JSONDecodeError as error:
        return None, Problem.at(
            path,
            error.lineno,
            None,
            "invalid-json",
            kind="syntax",
            error=error.msg,
            line=error.lineno,
            column=error.colno,
        )
    except RecursionError:
        return None, Problem.at(
            path, None, None, "invalid-json", kind="too-deep", limit=DEPTH_LIMIT
        )
    except ValueError:  # a number longer than int() reads (4300 digits)
        return None, Problem.at(path, None, None, "invalid-json", kind="number-too-long")
    if json_depth(value) > DEPTH_LIMIT:
        return None, Problem.at(
            path, None, None, "invalid-json", kind="too-deep", limit=DEPTH_LIMIT
        )
    return value, None


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None
