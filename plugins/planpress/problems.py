"""Problems found in data, as data.

Every check yields `Problem`s; nothing in the core raises for bad data. A problem has
a stable kebab-case `code` (frictionless's where the meaning is the same, our own for
project rules), a position a person can find in an editor (header = row 1) and the
structured values its message needs (ids, numbers, measure names — never a sentence).
Wording lives only in the message catalogue, `messages.CODES`, in Korean and English,
so tests can assert codes and a wording change is a deliberate one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import CODES


@dataclass(frozen=True)
class Problem:
    path: str
    """File the problem is in, relative to the data folder: `paju/programmes.csv`."""
    row: int | None
    """1-based row; the header is row 1. None when the problem is about the whole file."""
    field: str | None
    """Column (CSV) or JSON path (descriptor) the problem is in, when there is one."""
    code: str
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """Structured values for the message catalogue, as sorted (name, text) pairs."""

    @classmethod
    def at(
        cls, path: str, row: int | None, field: str | None, code: str, **params: object
    ) -> Problem:
        if code not in CODES:
            raise KeyError(f"undocumented problem code {code!r}")  # a programming error
        values = ((k, "" if v is None else str(v)) for k, v in params.items())
        return cls(path, row, field, code, tuple(sorted(values)))

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.row or 0, self.field or "", self.code)

    @property
    def location(self) -> str:
        parts = [self.path]
        if self.row is not None:
            parts.append(str(self.row))
        if self.field:
            parts.append(self.field)
        return ":".join(parts)

    def message(self, lang: str = "ko") -> str:
        return CODES[self.code].render("message", lang, dict(self.params))

    def hint(self, lang: str = "ko") -> str:
        return CODES[self.code].render("hint", lang, dict(self.params))
