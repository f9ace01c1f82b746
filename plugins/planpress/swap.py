"""The output folder's life: one build at a time, a new site swapped in whole, leftovers put right.

A build writes into a staging folder beside `output/` and swaps it in only when Pelican
has finished, so a failed build never touches the site. The swap is one atomic
`renameat2(RENAME_EXCHANGE)` on Linux; where the file system refuses it, two renames
(`output/` → `.output-old`, staging → `output/`) that a later build can always undo. A
lock file beside the output keeps two builds out of each other's folders, which is also
what makes it safe to delete the leftovers of a killed build: no live build owns them.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
EXCHANGE_UNSUPPORTED = frozenset({errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})
"""What renameat2 answers on a kernel or file system without RENAME_EXCHANGE."""
STAGING_TAIL = re.compile(r"[a-z0-9_]{8}|old")
"""After `.<output>-`: tempfile.mkdtemp's eight random characters, or the fallback's `old`."""
SITE_MODE = 0o755
"""mkdtemp makes its folder private (0o700); a published site is readable by the web server."""


class OutputBusy(Exception):
    """Another build holds the lock of this output folder."""

    def __init__(self, lock: Path) -> None:
        super().__init__(str(lock))
        self.lock = lock


def lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


def old_path(output: Path) -> Path:
    return output.with_name(f".{output.name}-old")


def is_leftover(output: Path, path: Path) -> bool:
    """A staging folder or `.output-old` of this output (never another output's, never the lock)."""
    prefix = f".{output.name}-"
    return path.name.startswith(prefix) and bool(
        STAGING_TAIL.fullmatch(path.name.removeprefix(prefix))
    )


@contextmanager
def lock_output(output: Path, *, block: bool = False) -> Iterator[Path]:
    """Hold `.<output>.lock` (flock) for the whole block; raise OutputBusy if another build has it.

    The lock file is removed on the way out, so a finished build leaves nothing beside the
    output. Because of that a build may lock a file that the previous holder has just
    unlinked; it then checks that the path still names the file it locked, and tries again
    if not. A killed build's lock is released by the kernel; its file is reused.
    """
    lock = lock_path(output)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if block else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputBusy(lock) from None
        except BaseException:
            os.close(fd)
            raise
        if same_file(fd, lock):
            break
        os.close(fd)
    try:
        yield lock
    finally:
        with suppress(OSError):  # already gone: the next build makes it again
            os.unlink(lock)
        os.close(fd)


def same_file(fd: int, path: Path) -> bool:
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def recover_output(output: Path) -> Path | None:
    """Put the previous site back if a build was killed between the two renames of a swap.

    Then `output/` is missing and `.output-old` is the only complete copy: it is renamed
    back, never deleted. Returns the folder restored from, or None when nothing was missing.
    """
    old = old_path(output)
    if os.path.lexists(output) or not old.is_dir():
        return None
    old.rename(output)
    return old


def find_leftovers(output: Path) -> list[Path]:
    """The staging folders and `.output-old` that killed builds left beside `output`.

    Delete them holding the lock (no live build owns them then) and after `recover_output`.
    """
    return sorted(p for p in output.parent.iterdir() if is_leftover(output, p))


def remove_tree(path: Path) -> None:
    """Delete a folder, or the link or file in its place."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def make_staging(output: Path) -> Path:
    """A fresh folder beside `output`, on the same file system, so the swap is a rename."""
    return Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))


def exchange_paths(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`).

    False where the platform, C library, kernel or file system cannot; any other refusal
    (permission, read-only, busy) is raised as the OSError the kernel gave, nothing moved.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no C library to ask, or one older than glibc 2.28
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    status = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if status == 0:
        return True
    code = ctypes.get_errno()
    if code in EXCHANGE_UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def swap_by_renames(staging: Path, output: Path) -> Path:
    """The fallback swap: `output` → `.output-old`, then `staging` → `output`.

    A failure (or Ctrl-C) between the two renames puts `output` back at once; a kill
    there leaves `.output-old`, which `recover_output` restores at the next build.
    Returns `.output-old`, which now holds the previous site.
    """
    old = old_path(output)
    output.rename(old)
    try:
        staging.rename(output)
    except BaseException:
        old.rename(output)
        raise
    return old


def swap_in(
    staging: Path,
    output: Path,
    *,
    exchange: Callable[[Path, Path], bool] | None = None,
) -> Path | None:
    """Make `staging` the new `output`; return where the previous site now is, to delete.

    Raises OSError with `output` as it was when neither the exchange nor the renames can be
    done. `exchange` defaults to `exchange_paths`, looked up when called.
    """
    if not os.path.lexists(output):
        staging.rename(output)
        return None
    if (exchange or exchange_paths)(staging, output):
        return staging
    return swap_by_renames(staging, output)


REASONS = {
    errno.EACCES: "권한이 없습니다",
    errno.EPERM: "권한이 없습니다(바꿀 수 없게 잠긴 폴더일 수 있습니다)",
    errno.EROFS: "읽기 전용 파일 시스템입니다",
    errno.ENOSPC: "디스크에 남은 공간이 없습니다",
    errno.EDQUOT: "디스크 사용 한도를 넘었습니다",
    errno.EBUSY: "다른 프로그램이 쓰고 있습니다",
    errno.EEXIST: "같은 이름의 파일이나 폴더가 이미 있습니다",
    errno.ENOTEMPTY: "같은 이름의 폴더가 이미 있고 비어 있지 않습니다",
    errno.ENOTDIR: "경로 가운데 폴더가 아닌 파일이 있습니다",
    errno.EISDIR: "파일이 있어야 할 자리에 폴더가 있습니다",
    errno.ENOENT: "파일이나 폴더가 없습니다",
    errno.EXDEV: "서로 다른 파일 시스템에 있습니다",
    errno.EIO: "디스크 입출력 오류가 났습니다",
    errno.ENAMETOOLONG: "경로가 너무 깁니다",
    errno.ELOOP: "심볼릭 링크가 너무 많이 이어집니다",
    errno.EMFILE: "열린 파일이 너무 많습니다",
    errno.ENFILE: "시스템에 열린 파일이 너무 많습니다",
    errno.ENOMEM: "메모리가 모자랍니다",
}


KINDS: tuple[tuple[type[OSError], int], ...] = (
    (PermissionError, errno.EACCES),
    (FileNotFoundError, errno.ENOENT),
    (FileExistsError, errno.EEXIST),
    (NotADirectoryError, errno.ENOTDIR),
    (IsADirectoryError, errno.EISDIR),
)
"""The cause of an OSError raised without an errno, read from its class."""


def describe_errno(code: int) -> str:
    """The cause of a file-system error in Korean; an uncommon one keeps its system name."""
    if code in REASONS:
        return REASONS[code]
    return f"파일 시스템 오류입니다({os.strerror(code)}, {errno.errorcode.get(code, code)})"


def describe_os_error(error: OSError) -> str:
    if error.errno is not None:
        return describe_errno(error.errno)
    for kind, code in KINDS:
        if isinstance(error, kind):
            return REASONS[code]
    return f"파일 시스템 오류입니다({error})"
