"""A git revision's data folder, or the index's, as a plain folder: `planpress diff main`,
`planpress validate --staged` (pre-commit).

The only module that runs git. `git archive` (a revision) or `git checkout-index` (what is
staged, i.e. what the commit will hold) writes the files into a temporary folder (nothing in
the repository, its index or its working tree changes); whatever git says goes back as one
Korean sentence, never a traceback.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path, PurePosixPath


class RevisionError(Exception):
    """Why a revision could not be read, in Korean, for the one line the CLI prints."""


def run_git(repo: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as error:
        raise RevisionError(f"git을 실행할 수 없습니다({error.strerror or error})") from error
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"git {' '.join(args[:2])}에 실패했습니다: {said[-1] if said else ''}")
    return result.stdout


def find_repository(start: Path) -> Path:
    """The top of the git work tree that holds `start`."""
    try:
        return Path(run_git(start, "rev-parse", "--show-toplevel").decode().strip())
    except RevisionError as error:
        raise RevisionError(
            f"{start}는 git 저장소 안에 있지 않습니다. 두 폴더를 견주려면 "
            "planpress diff 지난폴더 새폴더"
        ) from error


def resolve_revision(repo: Path, revision: str) -> str:
    """`revision`, or `origin/<revision>` when only the remote has it: a fresh clone of a
    contributor's branch has no local `main`, and `make diff` compares with main by default."""
    for candidate in (revision, f"origin/{revision}"):
        try:
            run_git(repo, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
            return candidate
        except RevisionError:
            continue
    raise RevisionError(f'"{revision}"라는 git 리비전(브랜치, 태그, 커밋)이 없습니다')


def export_revision(repo: Path, revision: str, data_path: str, into: Path) -> Path:
    """Write `data_path` as it is at `revision` under `into`; the folder it is in is returned.

    A revision without the data folder gives an empty folder: every package is then new.
    """
    revision = resolve_revision(repo, revision)
    target = into / "data"
    target.mkdir(parents=True)
    listed = run_git(repo, "ls-tree", "-d", "--name-only", revision, "--", data_path)
    if not listed.strip():
        return target
    archive = run_git(repo, "archive", "--format=tar", revision, "--", data_path)
    prefix = PurePosixPath(data_path)
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():
                inside = PurePosixPath(member.name)
                if inside == prefix or prefix not in inside.parents:
                    continue
                member.name = str(inside.relative_to(prefix))
                tar.extract(member, target, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise RevisionError(f"{revision}의 {data_path} 폴더를 풀 수 없습니다({error})") from error
    return target


def export_index(repo: Path, data_path: str, into: Path) -> Path:
    """Write `data_path` as it is staged (what `git commit` would record) under `into`.

    Files only in the working tree, unstaged edits and untracked files are not written: the
    folder returned holds exactly what the commit will hold.
    """
    target = into / "data"
    target.mkdir(parents=True)
    listed = run_git(repo, "ls-files", "--cached", "-z", "--", data_path)
    if not listed.strip(b"\0"):
        return target
    # --prefix writes <prefix><path>; the paths are read from stdin, NUL-separated
    prefix = str(into / "index") + "/"
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), "checkout-index", "--prefix", prefix, "-z", "--stdin"],
            input=listed,
            capture_output=True,
            check=False,
        )
    except OSError as error:
        raise RevisionError(f"git을 실행할 수 없습니다({error.strerror or error})") from error
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"git checkout-index에 실패했습니다: {said[-1] if said else ''}")
    exported = into / "index" / data_path
    if exported.is_dir():
        target.rmdir()
        exported.rename(target)
    return target


def staged_paths(repo: Path, path: str) -> list[PurePosixPath]:
    """The files under `path` the commit changes (added, edited, deleted), relative to it."""
    head = "HEAD"
    try:
        run_git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except RevisionError:  # the first commit: everything staged is a change
        head = run_git(repo, "hash-object", "-t", "tree", "/dev/null").decode().strip()
    listed = run_git(
        repo, "diff", "--cached", "--name-only", "--no-renames", "-z", head, "--", path
    )
    prefix = PurePosixPath(path)
    return [
        PurePosixPath(name).relative_to(prefix)
        for name in filter(None, listed.decode("utf-8", "surrogateescape").split("\0"))
    ]


def staged_folders(repo: Path, data_path: str) -> set[str]:
    """The package folders under `data_path` that the commit changes."""
    return {inside.parts[0] for inside in staged_paths(repo, data_path) if len(inside.parts) > 1}
