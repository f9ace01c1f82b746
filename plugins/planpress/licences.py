"""The data licence as the packages declare it: what footers, citations and READMEs say.

Every package lists its licences in datapackage.json (`licenses`; the profile requires
CC-BY-4.0 among them). A city's page names that city's licences; the whole site names only
the licences every city shares, so a licence one city adds is never claimed for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

CREATIVE_COMMONS = "https://creativecommons.org/"
KNOWN_ADDRESSES = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
}
"""The licence's own address by SPDX identifier, for a descriptor that names it without one."""


@dataclass(frozen=True)
class Licence:
    name: str
    """The identifier as declared, usually SPDX: `CC-BY-4.0`."""
    title: str | None = None
    path: str | None = None
    """The licence's own address, as declared."""

    @property
    def label(self) -> str:
        """How a page writes it: `CC-BY-4.0` → `CC BY 4.0`, `CC-BY-SA-4.0` → `CC BY-SA 4.0`,
        `CC0-1.0` → `CC0 1.0`; any other licence by its title."""
        parts = self.name.split("-")
        if parts[0] == "CC" and len(parts) > 2:
            return f"CC {'-'.join(parts[1:-1])} {parts[-1]}"
        if parts[0] == "CC0":
            return " ".join(parts)
        return self.title or self.name

    @property
    def link(self) -> str | None:
        """Where a reader is sent: the Korean summary (deed) of a Creative Commons licence."""
        if self.path and self.path.startswith(CREATIVE_COMMONS) and self.path.endswith("/"):
            return f"{self.path}deed.ko"
        return self.path

    @property
    def url(self) -> str | None:
        """The licence itself (not its Korean summary): what catalogs and JSON-LD name."""
        return self.path or KNOWN_ADDRESSES.get(self.name)

    def as_descriptor(self) -> dict[str, str]:
        """The `licenses` entry of a datapackage.json."""
        entry = {"name": self.name, "path": self.path, "title": self.title}
        return {key: value for key, value in entry.items() if value is not None}


def read_licences(entries: Iterable[Mapping[str, Any]]) -> tuple[Licence, ...]:
    """A descriptor's `licenses` list as records."""
    return tuple(Licence(e["name"], e.get("title"), e.get("path")) for e in entries)


def common_licences(packages: Iterable[Sequence[Mapping[str, Any]]]) -> tuple[Licence, ...]:
    """The licences every package declares (matched by name), in the first package's order."""
    lists = [read_licences(entries) for entries in packages]
    if not lists:
        return ()
    shared = set.intersection(*({licence.name for licence in found} for found in lists))
    return tuple(licence for licence in lists[0] if licence.name in shared)


def describe_licences(licences: Iterable[Licence]) -> str:
    """Korean wording naming each licence with its title and address, for plain text (READMEs).

    `CC BY 4.0(Creative Commons Attribution 4.0, https://creativecommons.org/licenses/by/4.0/)`
    """
    described = []
    for licence in licences:
        details = [d for d in (licence.title, licence.path) if d and d != licence.label]
        described.append(f"{licence.label}({', '.join(details)})" if details else licence.label)
    return ", ".join(described)
