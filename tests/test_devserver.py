"""`make devserver`: one build per change of the watched files, served from the output path."""

from __future__ import annotations

import os
import shutil
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from planpress.cli import main, run_build, watched_paths
from planpress.devserver import (
    Watch,
    fingerprint,
    plan_step,
    run_devserver,
    start_server,
    watch_and_build,
)

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"
BROKEN_CELL = '"1,066억"'

A = (("a.csv", 1, 1, 1),)
B = (("a.csv", 2, 2, 1),)
C = (("a.csv", 3, 3, 1),)


# -- tier 1: one step of the loop ---------------------------------------------------------


@pytest.mark.parametrize(
    ("watch", "now", "after", "build"),
    [
        (Watch(tried=None, seen=A), A, Watch(tried=A, seen=A), True),  # first poll builds
        (Watch(tried=A, seen=A), A, Watch(tried=A, seen=A), False),  # nothing changed
        (Watch(tried=A, seen=A), B, Watch(tried=A, seen=B), False),  # changed: let it settle
        (Watch(tried=A, seen=B), B, Watch(tried=B, seen=B), True),  # held still: build
        (Watch(tried=A, seen=B), C, Watch(tried=A, seen=C), False),  # still being saved
        (Watch(tried=A, seen=B), A, Watch(tried=A, seen=A), False),  # changed back: built already
    ],
)
def test_plan_step_builds_each_settled_change_once(watch, now, after, build):
    assert plan_step(watch, now) == (after, build)


def test_plan_step_never_retries_a_state_on_its_own():
    """Whether the build of B failed or not, polling B again and again builds nothing."""
    watch, built = plan_step(Watch(tried=A, seen=B), B)
    assert built
    for _ in range(1000):
        watch, built = plan_step(watch, B)
        assert not built


def test_fingerprint_sees_edits_new_and_removed_files_but_not_editor_litter(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("X = 1\n", encoding="utf-8")
    roots = [data, settings, tmp_path / "not-there-yet"]
    before = fingerprint(roots)
    assert len(before) == len(list(MINIMAL.iterdir())) + 1

    for litter in (".programmes.csv.swp", "programmes.csv~", "#plans.csv#", ".git/HEAD"):
        (data / "minimal" / litter).parent.mkdir(exist_ok=True)
        (data / "minimal" / litter).write_text("x", encoding="utf-8")
    (data / "minimal" / "__pycache__").mkdir()
    (data / "minimal" / "__pycache__" / "x.pyc").write_bytes(b"x")
    assert fingerprint(roots) == before

    csv = data / "minimal" / "plans.csv"
    stat = csv.stat()
    os.utime(csv, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # same size, touched
    assert fingerprint(roots) != before

    changes = [
        (lambda: settings.write_text("X = 2\n", encoding="utf-8"), True),
        (lambda: (data / "other").mkdir(), False),  # an empty folder holds no file
        (lambda: (data / "other" / "plans.csv").write_text("x", encoding="utf-8"), True),
        (lambda: (data / "other" / "plans.csv").unlink(), True),
        (lambda: (tmp_path / "not-there-yet").mkdir(), False),
        (lambda: (tmp_path / "not-there-yet" / "a.html").write_text("x", encoding="utf-8"), True),
    ]
    seen = []
    for change, _ in changes:
        previous = fingerprint(roots)
        change()
        seen.append(fingerprint(roots) != previous)
    assert seen == [expected for _, expected in changes]


# -- tier 1: the loop with a stand-in build --------------------------------------------------


def scripted(actions: dict[int, Callable[[], object]]) -> Callable[[float], None]:
    """A `sleep` for the loop that runs the action planned after poll n (counting from 1)."""
    polls = 0

    def sleep(_seconds: float) -> None:
        nonlocal polls
        polls += 1
        if polls in actions:
            actions[polls]()

    return sleep


def test_loop_builds_once_per_change_however_often_it_polls(tmp_path, capsys):
    watched = tmp_path / "data.csv"
    watched.write_text("1\n", encoding="utf-8")
    builds: list[str] = []

    def build() -> int:
        builds.append(watched.read_text(encoding="utf-8"))
        return 1 if "bad" in builds[-1] else 0

    sleep = scripted(
        {
            1: lambda: watched.write_text("2\n", encoding="utf-8"),
            5: lambda: watched.write_text("bad\n", encoding="utf-8"),
            50: lambda: watched.write_text("3\n", encoding="utf-8"),
        }
    )
    watch_and_build([watched], build, interval=0, polls=100, sleep=sleep)
    assert builds == ["1\n", "2\n", "bad\n", "3\n"]
    assert capsys.readouterr().err == (
        "planpress devserver: 마지막으로 성공한 사이트를 계속 보여 줍니다. "
        "고쳐서 저장하면 다시 빌드합니다.\n"
    )


# -- tier 2: the server ----------------------------------------------------------------------


def fetch(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
        return response.read()


def test_server_serves_the_output_folder_swapped_in_last(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("first", encoding="utf-8")
    server = start_server(output, 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        port = server.server_port
        assert fetch(port, "index.html") == b"first"
        fresh = tmp_path / ".output-new"
        fresh.mkdir()
        (fresh / "index.html").write_text("second", encoding="utf-8")
        output.rename(tmp_path / ".output-old")
        fresh.rename(output)
        assert fetch(port, "index.html") == b"second"
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(port, "nowhere.html")
        assert missing.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_devserver_says_when_the_port_is_taken_without_a_traceback(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = main(["devserver", "--output", str(tmp_path / "out"), "--port", str(port)])
    assert status == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"planpress: 127.0.0.1:{port} 포트를 열 수 없습니다(")
    assert err.endswith(f"다른 포트를 주세요: make devserver PORT={port + 1}\n")
    assert not (tmp_path / "out").exists()


def test_devserver_watches_data_schemas_content_theme_and_settings():
    settings = ROOT / "pelicanconf.py"
    assert watched_paths(ROOT / "datapackage", settings) == [
        ROOT / "datapackage",
        ROOT / "plugins" / "planpress" / "schemas",
        ROOT / "content",
        ROOT / "theme",
        settings,
    ]


# -- tier 3: real builds, driven by edits between polls --------------------------------------


@pytest.mark.slow
def test_devserver_rebuilds_on_edit_reports_bad_data_once_and_rebuilds_when_fixed(tmp_path, capfd):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    programmes = data / "minimal" / "programmes.csv"
    source = programmes.read_text(encoding="utf-8")
    assert source.count("200000000,,120000000") == source.count("신호와 주차 정보를 잇는다.") == 1
    output = tmp_path / "output"
    download = output / "data" / "minimal" / "programmes.csv"
    served: dict[str, bytes] = {}
    server = start_server(output, 0)

    def edit(text: str) -> Callable[[], None]:
        return lambda: programmes.write_text(text, encoding="utf-8", newline="")

    def look(name: str) -> Callable[[], None]:
        def record() -> None:
            served[name] = fetch(server.server_port, "data/minimal/programmes.csv")

        return record

    edited = source.replace("신호와 주차 정보를 잇는다.", "신호와 주차와 버스 정보를 잇는다.")
    broken = source.replace("200000000,,120000000", f"{BROKEN_CELL},,120000000")
    actions = {  # run after poll n; a change is seen by the next poll and built by the one after
        1: look("first"),  # poll 1 built the copy as it is
        2: edit(edited),  # poll 4 rebuilds
        4: look("edited"),
        5: edit(broken),  # poll 7 builds, fails and reports; 20 more polls do nothing
        27: look("broken"),
        28: edit(source),  # fixed: poll 30 rebuilds
        30: look("fixed"),
    }
    try:
        watch_and_build(
            watched_paths(data, ROOT / "pelicanconf.py"),
            lambda: run_build(data, output, ROOT / "pelicanconf.py", "ko", ""),
            interval=0,
            polls=30,
            sleep=scripted(actions),
        )
    finally:
        server.shutdown()
        server.server_close()
    out, err = capfd.readouterr()
    versions = {source.encode(): "source", edited.encode(): "edited", broken.encode(): "broken"}
    assert {look: versions.get(body, body) for look, body in served.items()} == {
        "first": "source",
        "edited": "edited",
        "broken": "edited",  # the last good site stays up
        "fixed": "source",
    }
    assert download.read_bytes() == source.encode()
    assert err.count("minimal/programmes.csv:2:budget_krw:") == 1
    assert err.count("마지막으로 성공한 사이트를 계속 보여 줍니다") == 1
    assert out.count("에 사이트를 만들었습니다") == 3
    assert "Traceback" not in out + err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "output"]


def test_run_devserver_serves_builds_and_closes_the_port(tmp_path, capsys):
    output = tmp_path / "output"
    builds: list[int] = []

    def build() -> int:
        output.mkdir(exist_ok=True)
        (output / "index.html").write_text("built", encoding="utf-8")
        builds.append(1)
        return 0

    assert run_devserver([tmp_path / "src"], output, build, port=0, interval=0, polls=3) == 0
    assert builds == [1]
    [line] = capsys.readouterr().out.splitlines()
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    assert line.endswith("멈추려면 Ctrl-C를 누르세요.")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # free again: the server was closed


def test_ctrl_c_stops_the_devserver_quietly_and_frees_the_port(tmp_path, capsys):
    def interrupt(_seconds: float) -> None:
        raise KeyboardInterrupt

    status = run_devserver([tmp_path], tmp_path / "output", lambda: 0, port=0, sleep=interrupt)
    assert status == 0
    out, err = capsys.readouterr()
    assert out.endswith("\nplanpress: 개발 서버를 멈췄습니다.\n")
    assert err == ""
    port = int(out.split("http://127.0.0.1:")[1].split("/")[0])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))
