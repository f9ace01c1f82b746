"""`planpress build` when the disk, the permissions or another build get in the way.

Every fault ends with one Korean line and exit 1 (exit 2 when another build runs), never a
traceback, with `output/` byte for byte as it was and nothing left beside it. Most faults
are injected into a real `planpress build` process by a few lines run before `main`; the
ones that need root (a full tmpfs, a read-only mount, an immutable folder) are real.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from planpress import cli
from planpress.cli import drop_pelican_traceback, main, pelican_cause
from planpress.swap import OutputBusy, lock_output, lock_path, old_path, remove_tree

pytestmark = pytest.mark.slow  # real builds in subprocesses, faults injected

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"
VALID = ROOT / "tests" / "fixtures" / "valid"
KEPT = "output 폴더는 그대로 두었습니다."
IMMUTABLE = "권한이 없습니다(바꿀 수 없게 잠긴 폴더일 수 있습니다)"


def old_site(output: Path) -> Path:
    output.mkdir(parents=True)
    (output / "index.html").write_text("지난 사이트", encoding="utf-8")
    (output / "data").mkdir()
    (output / "data" / "all.csv").write_text("id\n1\n", encoding="utf-8")
    return output


def tree_digest(folder: Path) -> str:
    """Every path, kind, mode and byte under `folder`, in one hash."""
    digest = hashlib.sha256()
    for path in sorted([folder, *folder.rglob("*")]):
        stat = path.lstat()
        digest.update(f"{path.relative_to(folder)}\0{stat.st_mode:o}\0".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def build_command(output: Path, settings: Path | None = None) -> list[str]:
    command = ["build", "--data", str(VALID), "--output", str(output), "--cache", ""]
    return [*command, "--settings", str(settings)] if settings else command


def pelican_writes_a_site(
    data: Path,
    staging: Path,
    settings: Path,
    cache: str,
    public_url: str | None,
    build_cache: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Stands in for Pelican where the fault comes after it: a one-page site, at once."""
    (staging / "index.html").write_text("새 사이트", encoding="utf-8")
    return subprocess.CompletedProcess([], 0, "")


DRIVER = """\
import errno, os, subprocess, sys
from pathlib import Path
from planpress import cli, swap

def refuse(code):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)
    return fail

def pelican_writes_a_site(data, staging, settings, cache, public_url, build_cache=True):
    (staging / "index.html").write_text("새 사이트", encoding="utf-8")
    return subprocess.CompletedProcess([], 0, "")
"""
FAKE_PELICAN = "cli.run_pelican = pelican_writes_a_site\n"


def run_planpress(command: list[str], preamble: str = "") -> subprocess.CompletedProcess[str]:
    """`planpress build` in its own process, after `preamble` has injected a fault."""
    program = DRIVER + textwrap.dedent(preamble) + "\nraise SystemExit(cli.main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", program, *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


FAULTS = {
    "lock file cannot be made (read-only folder)": (
        """
        from contextlib import contextmanager
        @contextmanager
        def read_only(output, block=False):
            raise OSError(errno.EROFS, "Read-only file system", str(swap.lock_path(output)))
            yield
        cli.lock_output = read_only
        """,
        "planpress: 잠금 파일({lock})을 만들 수 없습니다: 읽기 전용 파일 시스템입니다. " + KEPT,
    ),
    "staging folder cannot be made (read-only folder)": (
        "swap.tempfile.mkdtemp = refuse(errno.EROFS)\n",
        "planpress: 출력 폴더 {output} 옆에 임시 폴더를 만들 수 없습니다: "
        "읽기 전용 파일 시스템입니다. " + KEPT,
    ),
    "staging folder cannot be made (disk full)": (
        "swap.tempfile.mkdtemp = refuse(errno.ENOSPC)\n",
        "planpress: 출력 폴더 {output} 옆에 임시 폴더를 만들 수 없습니다: "
        "디스크에 남은 공간이 없습니다. " + KEPT,
    ),
    "pelican cannot be started": (
        "cli.subprocess.run = refuse(errno.ENOMEM)\n",
        f"planpress: Pelican({sys.executable} -m pelican)을 실행할 수 없습니다: "
        "메모리가 모자랍니다. " + KEPT,
    ),
    "chmod fails": (
        FAKE_PELICAN + "Path.chmod = refuse(errno.EPERM)\n",
        "planpress: 임시 폴더 {staging}의 권한을 바꿀 수 없습니다: " + IMMUTABLE + ". " + KEPT,
    ),
    "output cannot be exchanged (immutable)": (
        FAKE_PELICAN + "swap.exchange_paths = refuse(errno.EPERM)\n",
        "planpress: 출력 폴더({output})를 새 사이트로 바꿀 수 없습니다: " + IMMUTABLE + ". " + KEPT,
    ),
    "output cannot be renamed (no exchange, permission)": (
        FAKE_PELICAN
        + "swap.exchange_paths = lambda a, b: False\nPath.rename = refuse(errno.EACCES)\n",
        "planpress: 출력 폴더({output})를 새 사이트로 바꿀 수 없습니다: 권한이 없습니다. " + KEPT,
    ),
    "staging cannot be renamed in (no exchange; output is put back)": (
        FAKE_PELICAN
        + textwrap.dedent(
            """
            swap.exchange_paths = lambda a, b: False
            rename = Path.rename
            def second_fails(self, target):
                if self.name not in ("output", ".output-old"):  # staging → output
                    raise OSError(errno.EIO, "Input/output error", str(self))
                return rename(self, target)
            Path.rename = second_fails
            """
        ),
        "planpress: 출력 폴더({output})를 새 사이트로 바꿀 수 없습니다: "
        "디스크 입출력 오류가 났습니다. " + KEPT,
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_build_fault_ends_in_one_korean_line_with_output_untouched(tmp_path, fault):
    preamble, message = FAULTS[fault]
    output = old_site(tmp_path / "www" / "output")
    before = tree_digest(output)
    result = run_planpress(build_command(output), preamble)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.splitlines()
    staging = line.split("임시 폴더 ")[-1].split("의 권한")[0]  # named only by the chmod fault
    assert line == message.format(output=output, lock=lock_path(output), staging=staging)
    assert tree_digest(output) == before
    assert names(output.parent) == ["output"]  # no staging folder, no lock file


def test_an_output_folder_whose_parent_is_a_file_is_refused_in_korean(tmp_path):
    (tmp_path / "www").write_text("not a folder", encoding="utf-8")
    result = run_planpress(build_command(tmp_path / "www" / "output"))
    assert result.returncode == 1
    assert result.stderr == (
        f"planpress: 출력 폴더를 둘 폴더({tmp_path / 'www'})를 만들 수 없습니다: "
        f"같은 이름의 파일이나 폴더가 이미 있습니다. {KEPT}\n"
    )
    assert (tmp_path / "www").read_text(encoding="utf-8") == "not a folder"


# -- two builds into one folder ---------------------------------------------------------------


def test_a_second_build_into_the_same_folder_is_refused_at_once_and_touches_nothing(tmp_path):
    output = old_site(tmp_path / "www" / "output")
    before = tree_digest(output)
    with lock_output(output) as lock:  # the first build, still running
        result = run_planpress(build_command(output), FAKE_PELICAN)
        assert names(output.parent) == [".output.lock", "output"]
    assert result.returncode == 2
    assert result.stdout == ""  # not even validated
    assert result.stderr == (
        f"planpress: 다른 빌드가 진행 중입니다({output}, 잠금 파일 {lock}). "
        f"그 빌드가 끝나면 다시 실행하세요. {KEPT}\n"
    )
    assert tree_digest(output) == before
    assert names(output.parent) == ["output"]
    again = run_planpress(build_command(output), FAKE_PELICAN)  # once it is done: builds
    assert again.returncode == 0, again.stderr
    assert (output / "index.html").read_text(encoding="utf-8") == "새 사이트"
    assert names(output.parent) == ["output"]


def test_builds_into_different_folders_side_by_side_do_not_block_each_other(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(cli, "run_pelican", pelican_writes_a_site)
    output = old_site(tmp_path / "www" / "output")
    with lock_output(tmp_path / "www" / "output-2"):
        status = main(build_command(output))
    assert status == 0, capsys.readouterr().err


def test_the_devserver_waits_for_the_other_build_instead_of_giving_up(
    tmp_path, capsys, monkeypatch
):
    output = old_site(tmp_path / "www" / "output")
    asked: list[bool] = []

    def busy_until_waited_for(path: Path, *, block: bool = False) -> AbstractContextManager[Path]:
        asked.append(block)
        if not block:
            raise OutputBusy(lock_path(path))
        return lock_output(path, block=True)

    monkeypatch.setattr(cli, "lock_output", busy_until_waited_for)
    monkeypatch.setattr(cli, "run_pelican", pelican_writes_a_site)
    status = cli.run_build(VALID, output, ROOT / "pelicanconf.py", "ko", "", wait=True)
    out = capsys.readouterr().out
    assert status == 0
    assert asked == [False, True]
    assert out.startswith(
        f"planpress: 다른 빌드가 진행 중입니다({output}, 잠금 파일 {lock_path(output)}). "
        "끝나기를 기다렸다가 빌드합니다.\n"
    )
    assert (output / "index.html").read_text(encoding="utf-8") == "새 사이트"


# -- what a killed build left: put right by the next build ------------------------------------


@pytest.fixture
def fake_pelican(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "run_pelican", pelican_writes_a_site)


def killed_between_the_renames(output: Path) -> None:
    """What a build killed between the fallback's two renames leaves: no output/."""
    old_site(output)
    half_built = output.with_name(".output-k2j4h1ab")
    half_built.mkdir()
    (half_built / "index.html").write_text("반쯤", encoding="utf-8")
    output.rename(old_path(output))


def test_the_next_build_restores_the_site_a_kill_between_the_renames_left_aside(
    tmp_path, capsys, fake_pelican
):
    output = tmp_path / "www" / "output"
    killed_between_the_renames(output)
    assert main(build_command(output)) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"planpress: 지난 빌드가 사이트를 바꾸다 멈춰서, {old_path(output)}에 남은 지난 사이트를 "
        f"출력 폴더({output})로 되돌렸습니다."
    )
    assert (output / "index.html").read_text(encoding="utf-8") == "새 사이트"
    assert names(output.parent) == ["output"]


def test_a_failing_build_after_a_kill_still_restores_the_only_copy(tmp_path, capsys, fake_pelican):
    output = tmp_path / "www" / "output"
    killed_between_the_renames(output)
    kept = tree_digest(old_path(output))
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / "minimal" / "plans.csv").write_text("garbage\n", encoding="utf-8")
    assert main(["build", "--data", str(data), "--output", str(output), "--cache", ""]) == 1
    assert "되돌렸습니다" in capsys.readouterr().out
    assert tree_digest(output) == kept
    assert names(output.parent) == ["output"]


def test_a_build_removes_the_staging_folders_killed_builds_left_but_no_one_elses(
    tmp_path, capsys, fake_pelican
):
    output = old_site(tmp_path / "www" / "output")
    for leftover in (".output-k2j4h1ab", ".output-old", ".output-2-k2j4h1ab", ".output-notes"):
        (output.parent / leftover).mkdir()
        (output.parent / leftover / "index.html").write_text("x", encoding="utf-8")
    status = main(build_command(output))
    assert status == 0, capsys.readouterr().err
    assert names(output.parent) == [".output-2-k2j4h1ab", ".output-notes", "output"]


def refuse_to_remove(path: Path) -> None:
    raise PermissionError(13, "Permission denied", str(path))


def test_a_leftover_that_cannot_be_removed_stops_the_build_in_korean(
    tmp_path, capsys, monkeypatch, fake_pelican
):
    output = old_site(tmp_path / "www" / "output")
    (output.parent / ".output-k2j4h1ab").mkdir()
    before = tree_digest(output)
    monkeypatch.setattr(cli, "remove_tree", refuse_to_remove)
    assert main(build_command(output)) == 1
    assert capsys.readouterr().err == (
        f"planpress: 지난 빌드가 남긴 임시 폴더({output.parent / '.output-k2j4h1ab'})를 "
        f"지울 수 없습니다: 권한이 없습니다. {KEPT}\n"
    )
    assert tree_digest(output) == before
    assert names(output.parent) == [".output-k2j4h1ab", "output"]


def test_a_left_aside_site_that_cannot_be_put_back_is_kept_where_it_is(
    tmp_path, capsys, monkeypatch, fake_pelican
):
    output = tmp_path / "www" / "output"
    killed_between_the_renames(output)
    old = old_path(output)
    kept = tree_digest(old)

    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "rename", refuse)
    assert main(build_command(output)) == 1
    assert capsys.readouterr().err == (
        f"planpress: 지난 빌드가 남긴 폴더({old})를 출력 폴더({output})로 되돌릴 수 없습니다: "
        f"권한이 없습니다. 지난 사이트는 {old}에 그대로 두었습니다.\n"
    )
    assert tree_digest(old) == kept


def test_a_previous_site_that_cannot_be_deleted_after_the_swap_is_only_a_warning(
    tmp_path, capsys, monkeypatch, fake_pelican
):
    output = old_site(tmp_path / "www" / "output")
    monkeypatch.setattr(cli, "remove_tree", refuse_to_remove)
    assert main(build_command(output)) == 0
    out, err = capsys.readouterr()
    assert "에 사이트를 만들었습니다" in out
    [previous] = [p for p in output.parent.iterdir() if p.name != "output"]
    assert err == (
        f"planpress: 지난 사이트({previous})를 지울 수 없습니다: 권한이 없습니다. "
        "다음 빌드가 다시 지웁니다.\n"
    )
    assert (output / "index.html").read_text(encoding="utf-8") == "새 사이트"
    assert (previous / "index.html").read_text(encoding="utf-8") == "지난 사이트"
    monkeypatch.setattr(cli, "remove_tree", remove_tree)
    assert main(build_command(output)) == 0  # and the next build does
    assert names(output.parent) == ["output"]


def test_ctrl_c_during_the_build_stops_it_in_korean_and_keeps_output(tmp_path, capsys, monkeypatch):
    output = old_site(tmp_path / "www" / "output")
    before = tree_digest(output)

    def interrupted(*args: object) -> subprocess.CompletedProcess[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run_pelican", interrupted)
    assert main(build_command(output)) == 130
    assert capsys.readouterr().err == "\nplanpress: 빌드를 멈췄습니다.\n"
    assert tree_digest(output) == before
    assert names(output.parent) == ["output"]
    with pytest.raises(KeyboardInterrupt):  # the devserver's own handler stops the server
        cli.run_build(VALID, output, ROOT / "pelicanconf.py", "ko", "", wait=True)


# -- Pelican stopped by a file-system error: its one-line error and our cause, no frames -------

PELICAN_FATAL = (
    "[22:13:18] WARNING  Locale could not be set.                        settings.py:643\n"
    "[22:13:18] CRITICAL OSError: [Errno 28] No space left on device: __init__.py:683\n"
    "                    '/tmp/ff/.output-x/index.html'                              \n"
    "                    Traceback (most recent call last):                          \n"
    "                      File                                                      \n"
    '                    "/work/.venv/lib/python3.11/site-packages/pelican/__init__.py", \n'
    "                    line 679, in main                                           \n"
    "                        pelican.run()                                           \n"
    "                    OSError: [Errno 28] No space left on device:                \n"
    "                    '/tmp/ff/.output-x/index.html'                              \n"
)


def test_drop_pelican_traceback_keeps_the_error_line_and_drops_the_frames():
    assert drop_pelican_traceback(PELICAN_FATAL) == (
        "[22:13:18] WARNING  Locale could not be set.                        settings.py:643\n"
        "[22:13:18] CRITICAL OSError: [Errno 28] No space left on device: __init__.py:683\n"
        "                    '/tmp/ff/.output-x/index.html'                              \n"
    )


def test_drop_pelican_traceback_keeps_the_records_after_a_traceback():
    log = (
        "[22:13:18] ERROR    Plugin failed                                   __init__.py:9\n"
        "                    Traceback (most recent call last):\n"
        '                      File "x.py", line 1, in <module>\n'
        "                    ValueError: x\n"
        "           WARNING  Another record in the same second               __init__.py:9\n"
    )
    assert drop_pelican_traceback(log) == (
        "[22:13:18] ERROR    Plugin failed                                   __init__.py:9\n"
        "           WARNING  Another record in the same second               __init__.py:9\n"
    )


@pytest.mark.parametrize(
    ("log", "cause"),
    [
        (PELICAN_FATAL, "디스크에 남은 공간이 없습니다"),
        ("CRITICAL PermissionError: [Errno\n      13] Permission denied: 'x'", "권한이 없습니다"),
        ("ERROR    Could not find the theme /nonexistent-theme", None),
    ],
)
def test_pelican_cause_reads_the_errno_from_pelicans_log(log, cause):
    assert pelican_cause(log) == cause


DISK_FULL_SETTINGS = """\
import errno, os, sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403
import pelican.writers

def full(self, *args, **kwargs):  # every page Pelican writes hits a full disk
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "index.html")

pelican.writers.Writer.write_file = full
"""


@pytest.mark.slow
def test_a_disk_that_fills_up_while_pelican_writes_keeps_output_and_says_why(tmp_path):
    output = old_site(tmp_path / "www" / "output")
    before = tree_digest(output)
    settings = tmp_path / "settings.py"
    settings.write_text(DISK_FULL_SETTINGS.format(root=str(ROOT)), encoding="utf-8")
    result = run_planpress(build_command(output, settings))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "CRITICAL" in result.stdout  # Pelican's own line, with the file it was writing
    assert "No space left on device" in result.stdout
    assert result.stderr == (
        "planpress: 빌드에 실패해 output 폴더를 그대로 두었습니다. "
        "원인: 디스크에 남은 공간이 없습니다.\n"
    )
    assert tree_digest(output) == before
    assert names(output.parent) == ["output"]


# -- the real faults, where this machine lets a test make them (root) --------------------------


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A tiny tmpfs mounted for one test and unmounted after it; skipped where not allowed."""
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    mount = tmp_path / f"tmpfs-{uuid.uuid4().hex[:8]}"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.slow
def test_a_really_full_disk_keeps_output_and_says_why(tmpfs):
    output = old_site(tmpfs / "output")
    before = tree_digest(output)
    result = run_planpress(build_command(output))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.endswith("원인: 디스크에 남은 공간이 없습니다.\n"), result.stderr
    assert tree_digest(output) == before
    assert names(tmpfs) == ["output"]


def test_a_really_read_only_folder_keeps_output_and_says_why(tmpfs):
    output = old_site(tmpfs / "output")
    before = tree_digest(output)
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = run_planpress(build_command(output))
    assert result.returncode == 1
    assert result.stderr == (
        f"planpress: 잠금 파일({lock_path(output)})을 만들 수 없습니다: "
        f"읽기 전용 파일 시스템입니다. {KEPT}\n"
    )
    assert tree_digest(output) == before


@pytest.mark.slow
def test_a_really_immutable_output_keeps_output_and_says_why(tmp_path):
    if shutil.which("chattr") is None or os.geteuid() != 0:
        pytest.skip("chattr +i needs root and chattr(1)")
    output = old_site(tmp_path / "www" / "output")
    before = tree_digest(output)
    if subprocess.run(["chattr", "+i", str(output)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable flag")
    try:
        result = run_planpress(build_command(output))
    finally:
        subprocess.run(["chattr", "-i", str(output)], check=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == (
        f"planpress: 출력 폴더({output})를 새 사이트로 바꿀 수 없습니다: {IMMUTABLE}. {KEPT}\n"
    )
    assert tree_digest(output) == before
    assert names(output.parent) == ["output"]


@pytest.mark.parametrize("place", ["data", "parent", "inside", "file"])
def test_build_refuses_an_output_that_would_swallow_or_sit_in_the_data(tmp_path, capsys, place):
    """Found by the probe: `--output` equal to `--data` deleted every package."""
    from planpress.cli import run_build

    data = tmp_path / "repo" / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    output = {
        "data": data,
        "parent": tmp_path / "repo",
        "inside": data / "site",
        "file": tmp_path / "site.txt",
    }[place]
    if place == "file":
        output.write_text("keep me", "utf-8")
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert run_build(data, output, ROOT / "pelicanconf.py", "ko", "") == 2
    assert "output 폴더는 그대로 두었습니다" in capsys.readouterr().err
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
