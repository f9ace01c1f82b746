"""Tier 1: the output folder's lock, the swap and what a killed build leaves behind."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from planpress import swap
from planpress.swap import (
    OutputBusy,
    describe_os_error,
    exchange_paths,
    find_leftovers,
    is_leftover,
    lock_output,
    lock_path,
    make_staging,
    old_path,
    recover_output,
    remove_tree,
    swap_by_renames,
    swap_in,
)

ROOT = Path(__file__).resolve().parents[1]


def site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "data").mkdir()
    (folder / "data" / "all.csv").write_text(text * 2, encoding="utf-8")
    return folder


def read(folder: Path) -> str:
    return (folder / "index.html").read_text(encoding="utf-8")


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def exchange_works(tmp_path: Path) -> bool:
    (tmp_path / "probe-a").mkdir()
    (tmp_path / "probe-b").mkdir()
    try:
        return exchange_paths(tmp_path / "probe-a", tmp_path / "probe-b")
    finally:
        (tmp_path / "probe-a").rmdir()
        (tmp_path / "probe-b").rmdir()


# -- which folders beside the output are a build's leftovers --------------------------------


@pytest.mark.parametrize(
    ("name", "leftover"),
    [
        (".output-old", True),
        (".output-k2j4h1ab", True),
        (".output-_x9_a0zq", True),
        (".output.lock", False),  # the lock of a build that may be running
        (".output-2-k2j4h1ab", False),  # staging of another output, output-2
        (".outputs-k2j4h1ab", False),
        (".output-k2j4h1", False),
        (".output-", False),
        ("output", False),
        ("output-old", False),
    ],
)
def test_is_leftover_matches_only_this_outputs_staging_and_old_folders(tmp_path, name, leftover):
    assert is_leftover(tmp_path / "output", tmp_path / name) is leftover


def test_make_staging_makes_a_folder_that_the_next_build_recognises(tmp_path):
    output = tmp_path / "output"
    staging = make_staging(output)
    assert staging.parent == tmp_path
    assert staging.is_dir()
    assert is_leftover(output, staging)
    assert find_leftovers(output) == [staging]


# -- the swap -------------------------------------------------------------------------------


def test_swap_in_exchanges_the_folders_in_one_step_where_the_kernel_can(tmp_path):
    if not exchange_works(tmp_path):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    output = site(tmp_path / "output", "old")
    staging = site(tmp_path / ".output-abcd1234", "new")
    previous = swap_in(staging, output)
    assert previous == staging  # the exchange put the previous site where staging was
    assert read(output) == "new"
    assert read(previous) == "old"
    assert names(tmp_path) == [".output-abcd1234", "output"]


@pytest.mark.parametrize("code", [errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP])
def test_exchange_paths_says_unsupported_instead_of_failing(tmp_path, monkeypatch, code):
    monkeypatch.setattr(swap.ctypes, "CDLL", lambda *a, **k: FakeLibc())
    monkeypatch.setattr(swap.ctypes, "get_errno", lambda: code)
    assert exchange_paths(site(tmp_path / "a", "a"), site(tmp_path / "b", "b")) is False


def test_exchange_paths_raises_any_other_refusal_as_the_kernel_gave_it(tmp_path, monkeypatch):
    monkeypatch.setattr(swap.ctypes, "CDLL", lambda *a, **k: FakeLibc())
    monkeypatch.setattr(swap.ctypes, "get_errno", lambda: errno.EPERM)
    with pytest.raises(PermissionError) as refused:
        exchange_paths(tmp_path / "a", tmp_path / "b")
    assert (refused.value.filename, refused.value.filename2) == (
        str(tmp_path / "a"),
        str(tmp_path / "b"),
    )


def test_exchange_paths_is_unsupported_without_renameat2_in_the_c_library(monkeypatch):
    monkeypatch.setattr(swap.ctypes, "CDLL", lambda *a, **k: object())
    assert exchange_paths(Path("a"), Path("b")) is False


class FakeLibc:
    """A C library whose renameat2 fails; the test sets what `errno` it leaves."""

    def __init__(self) -> None:
        def renameat2(*args: object) -> int:
            return -1

        self.renameat2 = renameat2


def test_swap_in_falls_back_to_two_renames_where_exchange_is_unsupported(tmp_path):
    output = site(tmp_path / "output", "old")
    staging = site(tmp_path / ".output-abcd1234", "new")
    previous = swap_in(staging, output, exchange=lambda a, b: False)
    assert previous == old_path(output) == tmp_path / ".output-old"
    assert read(output) == "new"
    assert read(previous) == "old"
    assert names(tmp_path) == [".output-old", "output"]


def test_swap_in_renames_staging_when_there_is_no_output_yet(tmp_path):
    staging = site(tmp_path / ".output-abcd1234", "new")
    assert swap_in(staging, tmp_path / "output") is None
    assert names(tmp_path) == ["output"]
    assert read(tmp_path / "output") == "new"


def test_swap_in_refused_leaves_both_folders_as_they_were(tmp_path):
    output = site(tmp_path / "output", "old")
    staging = site(tmp_path / ".output-abcd1234", "new")

    def refuse(first: Path, second: Path) -> bool:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(first))

    with pytest.raises(PermissionError):
        swap_in(staging, output, exchange=refuse)
    assert names(tmp_path) == [".output-abcd1234", "output"]
    assert (read(output), read(staging)) == ("old", "new")


@pytest.mark.parametrize("error", [OSError(errno.EIO, "I/O error"), KeyboardInterrupt()])
def test_swap_by_renames_puts_output_back_when_the_second_rename_fails(
    tmp_path, monkeypatch, error
):
    output = site(tmp_path / "output", "old")
    staging = site(tmp_path / ".output-abcd1234", "new")
    rename = Path.rename

    def second_fails(self: Path, target: Path) -> Path:
        if self == staging:
            raise error
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", second_fails)
    with pytest.raises(type(error)):
        swap_by_renames(staging, output)
    assert names(tmp_path) == [".output-abcd1234", "output"]
    assert read(output) == "old"


# -- a build killed at any point: the next build puts it right --------------------------------


def test_a_kill_between_the_two_renames_is_recovered_by_the_next_build(tmp_path):
    output = site(tmp_path / "output", "old")
    staging = site(tmp_path / ".output-abcd1234", "new")
    output.rename(old_path(output))  # the fallback's first rename; killed before the second
    assert names(tmp_path) == [".output-abcd1234", ".output-old"]

    assert recover_output(output) == old_path(output)  # the only copy is restored, not deleted
    assert read(output) == "old"
    assert find_leftovers(output) == [staging]  # staging may be half-built: removed
    for leftover in find_leftovers(output):
        remove_tree(leftover)
    assert names(tmp_path) == ["output"]
    assert read(output) == "old"

    fresh = make_staging(output)  # and the next swap goes through
    (fresh / "index.html").write_text("newer", encoding="utf-8")
    swap_in(fresh, output, exchange=lambda a, b: False)
    assert read(output) == "newer"


def test_a_kill_after_the_swap_leaves_only_the_previous_site_to_delete(tmp_path):
    output = site(tmp_path / "output", "old")
    staging = site(tmp_path / ".output-abcd1234", "new")
    swap_by_renames(staging, output)  # killed before .output-old was deleted
    assert recover_output(output) is None
    assert find_leftovers(output) == [old_path(output)]
    assert read(output) == "new"


def test_recover_output_does_nothing_when_nothing_is_missing(tmp_path):
    assert recover_output(tmp_path / "output") is None
    assert names(tmp_path) == []
    site(tmp_path / "output", "current")
    site(tmp_path / ".output-old", "older")
    assert recover_output(tmp_path / "output") is None
    assert read(tmp_path / "output") == "current"


def test_remove_tree_removes_a_link_without_following_it(tmp_path):
    target = site(tmp_path / "elsewhere", "kept")
    (tmp_path / ".output-old").symlink_to(target)
    remove_tree(tmp_path / ".output-old")
    assert names(tmp_path) == ["elsewhere"]
    assert read(target) == "kept"


# -- the lock ---------------------------------------------------------------------------------


def test_lock_refuses_a_second_holder_and_is_removed_when_released(tmp_path):
    output = tmp_path / "output"
    with lock_output(output) as lock:
        assert lock == lock_path(output) == tmp_path / ".output.lock"
        with pytest.raises(OutputBusy) as busy, lock_output(output):
            pass
        assert busy.value.lock == lock
    assert names(tmp_path) == []
    with lock_output(output):  # free again
        pass


HOLDER = """
import sys, time
from pathlib import Path
from planpress.swap import lock_output
with lock_output(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_lock_held_by_another_process_is_refused_and_freed_when_it_is_killed(tmp_path):
    output = tmp_path / "output"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(output)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(OutputBusy), lock_output(output):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert names(tmp_path) == [".output.lock"]  # a killed build cannot tidy up...
    with lock_output(output):  # ...but its lock died with it
        pass
    assert names(tmp_path) == []


def test_a_blocking_lock_waits_for_the_holder_and_locks_the_file_that_is_there(tmp_path):
    output = tmp_path / "output"
    got = threading.Event()
    release = threading.Event()
    seen: list[bool] = []

    def wait_for_lock() -> None:
        with lock_output(output, block=True) as lock:
            got.set()
            seen.append(lock.exists())
            release.wait(timeout=10)

    with lock_output(output):
        waiter = threading.Thread(target=wait_for_lock)
        waiter.start()
        assert not got.wait(timeout=0.2)
    # The holder unlinked the file it locked; the waiter locked that file, saw it was gone
    # and locked a new one in its place, which a third build now finds busy.
    assert got.wait(timeout=10)
    with pytest.raises(OutputBusy), lock_output(output):
        pass
    release.set()
    waiter.join(timeout=10)
    assert seen == [True]
    assert names(tmp_path) == []


# -- the cause of a file-system error, in Korean --------------------------------------------


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.EACCES, "Permission denied"), "권한이 없습니다"),
        (
            OSError(errno.EPERM, "Operation not permitted"),
            "권한이 없습니다(바꿀 수 없게 잠긴 폴더일 수 있습니다)",
        ),
        (OSError(errno.EROFS, "Read-only file system"), "읽기 전용 파일 시스템입니다"),
        (OSError(errno.ENOSPC, "No space left on device"), "디스크에 남은 공간이 없습니다"),
        (PermissionError("no errno given"), "권한이 없습니다"),
        (FileExistsError("no errno given"), "같은 이름의 파일이나 폴더가 이미 있습니다"),
        (
            OSError(errno.ENOTCONN, os.strerror(errno.ENOTCONN)),
            f"파일 시스템 오류입니다({os.strerror(errno.ENOTCONN)}, ENOTCONN)",
        ),
        (
            OSError("Cannot call rmtree on a symbolic link"),
            "파일 시스템 오류입니다(Cannot call rmtree on a symbolic link)",
        ),
    ],
)
def test_describe_os_error_says_the_cause_in_korean(error, reason):
    assert describe_os_error(error) == reason
