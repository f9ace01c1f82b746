"""What every rule is given: one package's bytes, parsed once, with its shared schemas.

Every package rule has the one signature `check_<rule>(package: PackageRows) ->
Iterator[Problem]`; every site rule `check_<rule>(packages: Sequence[RawPackage]) ->
Iterator[Problem]`. The rulebook that lists them all is `validate.RULEBOOK`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .load import DESCRIPTOR, RESOURCE_NAMES, RawPackage, SchemaSet
from .problems import Problem
from .records import cast_row

TypedRows = dict[str, list[tuple[int, dict[str, Any]]]]


@dataclass(frozen=True)
class PackageRows:
    raw: RawPackage
    schemas: SchemaSet

    @property
    def descriptor_path(self) -> str:
        return f"{self.raw.folder}/{DESCRIPTOR}"

    @cached_property
    def files(self) -> dict[str, str]:
        """Resource name → its path as reported; the first entry of a name wins (the model reads it)."""
        files = {name: f"{self.raw.folder}/{name}.csv" for name in RESOURCE_NAMES}
        files.update({r.name: f"{self.raw.folder}/{r.path}" for r in reversed(self.raw.resources)})
        return files

    @cached_property
    def typed(self) -> TypedRows:
        """Each resource's aligned rows cast by its schema: (row number, {column: value})."""
        typed: TypedRows = {name: [] for name in RESOURCE_NAMES}
        tables = self.schemas.tables
        for resource in self.raw.resources:
            first = resource is self.raw.resource(resource.name)
            if first and resource.name in tables and resource.data is not None:
                schema = tables[resource.name]
                table = resource.table
                if table.error is not None or list(table.header) != field_names(schema):
                    continue  # its header or its bytes are reported; rows would only mislead
                typed[resource.name] = [
                    (row, cast_row(schema, cells)) for row, cells in resource.table.aligned_rows
                ]
        return typed

    def has_ragged_rows(self, *names: str) -> bool:
        """Whether a row of one of these tables has too few or too many cells: it is reported
        (missing-cell, extra-cell) and left out of `typed`, so sums over the table are partial."""
        return any(
            resource.table.ragged
            for resource in self.raw.resources
            if resource.name in names and resource.data is not None
        )


def field_names(schema: dict[str, Any]) -> list[str]:
    return [f["name"] for f in schema.get("fields", [])]


PackageRule = Callable[[PackageRows], Iterator[Problem]]
SiteRule = Callable[[Sequence[RawPackage]], Iterator[Problem]]
