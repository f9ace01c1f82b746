"""`make schemas`: copy the shared Table Schemas into every package, so each is self-describing.

Every resource of a package names its own schema file (`plans.schema.json` beside
`plans.csv`), which is the shared schema byte for byte. Then `frictionless validate
datapackage/paju/datapackage.json` works on the package as it stands, and a package copied
out of the repository carries its real constraints and foreign keys. `check_schema_copies`
refuses a copy that drifted; this module is how the copies are written.
"""

from __future__ import annotations

import json
from pathlib import Path

from .load import DESCRIPTOR, SCHEMA_DIR, list_package_folders


def schema_copy_name(resource: str) -> str:
    return f"{resource}.schema.json"


def write_schema_copies(root: Path, schema_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Point every known resource at its schema file and (re)write the file; the written paths.

    A package whose descriptor cannot be read is left alone: validation reports it.
    """
    written: list[Path] = []
    for folder in list_package_folders(root):
        if folder.is_symlink() or (folder / DESCRIPTOR).is_symlink():
            continue  # never written through: validation refuses it
        try:
            text = (folder / DESCRIPTOR).read_text(encoding="utf-8-sig")
            descriptor = json.loads(text)
        except (OSError, ValueError, RecursionError):
            continue
        resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
        if not isinstance(resources, list):
            continue
        changed = False
        for entry in resources:
            name = entry.get("name") if isinstance(entry, dict) else None
            shared = schema_dir / f"{name}.json" if isinstance(name, str) else None
            if shared is None or not shared.is_file():
                continue
            target = folder / schema_copy_name(name)
            if target.is_symlink():
                continue
            if entry.get("schema") != target.name:
                entry["schema"] = target.name
                changed = True
            data = shared.read_bytes()
            if not target.is_file() or target.read_bytes() != data:
                target.write_bytes(data)
                written.append(target)
        if changed:
            out = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
            (folder / DESCRIPTOR).write_text(out, encoding="utf-8")
            written.append(folder / DESCRIPTOR)
    return written
