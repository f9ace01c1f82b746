"""`make devserver`: serve output/ and rebuild it when the files it is built from change.

Pelican's own autoreloader (`pelican -lr`) watches only content/ and the theme, and
retries a build that failed on every poll, so bad data printed its report ~40 times a
second. Here each state of the watched files is built once, with the same atomic
`run_build` as `make html`: a bad state is reported once, the last good output/ stays
served, and the first change after the fix rebuilds. A rebuild takes the output folder's
lock like `make html`; while a `make html` holds it, the rebuild waits rather than fails.

The watcher polls file metadata (size, mtime, inode) rather than subscribing to
filesystem events: it watches a single settings file as well as folders, keeps working
when an editor saves by renaming a new file over the old one, and needs nothing beyond
the standard library. A few dozen `stat` calls per poll cost nothing.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"

Fingerprint = tuple[tuple[str, int, int, int], ...]
"""(path, size, mtime in ns, inode) of every watched file, sorted."""


def is_ignored(name: str) -> bool:
    """Hidden files and folders (.git, editor swap files) and editor backups are not sources."""
    return (
        name.startswith(".")
        or name.endswith("~")
        or (name.startswith("#") and name.endswith("#"))
        or name == "__pycache__"
    )


def fingerprint(roots: Iterable[Path]) -> Fingerprint:
    """The watched files as they are now. A root that is missing simply adds nothing."""
    entries: list[tuple[str, int, int, int]] = []

    def add(path: str) -> None:
        try:
            stat = os.stat(path)
        except OSError:  # removed while we looked, or a broken symlink
            return
        entries.append((path, stat.st_size, stat.st_mtime_ns, stat.st_ino))

    for root in roots:
        if root.is_file():
            add(str(root))
            continue
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if not is_ignored(f))
            for name in sorted(files):
                if not is_ignored(name):
                    add(os.path.join(folder, name))
    return tuple(sorted(entries))


@dataclass(frozen=True)
class Watch:
    """What the loop remembers between polls."""

    tried: Fingerprint | None = None
    """The files as they were when a build was last attempted, whether it passed or not."""
    seen: Fingerprint | None = None
    """The files as they were at the previous poll."""


def plan_step(watch: Watch, now: Fingerprint) -> tuple[Watch, bool]:
    """One poll of the loop: the new state, and whether to build now.

    Build when the files differ from the last attempt and have held still since the
    previous poll (so a save that touches several files is built once, complete). A
    failed build is never retried on its own: only a change starts the next attempt, so
    each bad state is reported exactly once.
    """
    if now == watch.tried or now != watch.seen:
        return Watch(tried=watch.tried, seen=now), False
    return Watch(tried=now, seen=now), True


def watch_and_build(
    roots: list[Path],
    build: Callable[[], int],
    *,
    interval: float,
    polls: int | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> Watch:
    """Poll the roots every `interval` seconds (forever, or `polls` times) and build on change.

    The first poll builds whatever is there. `build` returns an exit status, like `run_build`.
    """
    watch = Watch(seen=fingerprint(roots))
    done = 0
    while polls is None or done < polls:
        watch, build_now = plan_step(watch, fingerprint(roots))
        if build_now and build() != 0:
            sys.stderr.write(
                "planpress devserver: 마지막으로 성공한 사이트를 계속 보여 줍니다. "
                "고쳐서 저장하면 다시 빌드합니다.\n"
            )
            sys.stderr.flush()
        done += 1
        sleep(interval)
    return watch


class OutputHandler(SimpleHTTPRequestHandler):
    """Serves the output folder by its path, so each request sees the folder swapped in last."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Quiet for pages served; errors (404 and the like) are still logged by log_error."""


def start_server(output: Path, port: int) -> ThreadingHTTPServer:
    """Serve `output` on the loopback address in a background thread; port 0 picks a free one."""
    handler = partial(OutputHandler, directory=str(output))
    server = ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, name="planpress-http", daemon=True).start()
    return server


def run_devserver(
    roots: list[Path],
    output: Path,
    build: Callable[[], int],
    *,
    port: int,
    interval: float = 0.5,
    polls: int | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> int:
    """Serve `output` and rebuild it on change until Ctrl-C (or `polls` polls, for tests)."""
    try:
        server = start_server(output, port)
    except (OSError, OverflowError) as error:  # in use, not allowed, or not a port number
        reason = getattr(error, "strerror", None) or error
        sys.stderr.write(
            f"planpress: {HOST}:{port} 포트를 열 수 없습니다({reason}). "
            f"다른 포트를 주세요: make devserver PORT={port + 1 if 0 < port < 65535 else 8000}\n"
        )
        return 2
    print(
        f"planpress: http://{HOST}:{server.server_port}/ 에서 사이트를 보여 줍니다. "
        "데이터, 스키마, content, theme, 설정 파일을 고쳐 저장하면 다시 빌드합니다. "
        "멈추려면 Ctrl-C를 누르세요.",
        flush=True,
    )
    try:
        watch_and_build(roots, build, interval=interval, polls=polls, sleep=sleep)
    except KeyboardInterrupt:
        print("\nplanpress: 개발 서버를 멈췄습니다.")
    finally:
        server.shutdown()
        server.server_close()
    return 0
