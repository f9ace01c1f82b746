"""Shared pieces for the tier-3 tests that look at the built site from outside.

The one build of the session is conftest.py's `built_site`; here: a tiny threaded HTTP server that serves it
under a subpath the way a project page would be hosted, and Playwright driving Debian's
Chromium. Nothing here skips: a missing browser, Java or axe-core is a test failure with
the command that fixes it (`make test` runs tests/setup_browser.sh first).
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "datapackage"
SUBPATH = "/plans/"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_VERSION = "4.14.1"
AXE_JS = PROJECT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = PROJECT / "test-artifacts"
SETUP_HINT = "run `bash tests/setup_browser.sh` (as root it installs what is missing)"


def city_slugs() -> list[str]:
    return sorted(p.name for p in DATA.iterdir() if (p / "datapackage.json").is_file())


def html_pages(root: Path) -> list[str]:
    """Every HTML file in a built site, as a path relative to its root."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


# --- serving under a subpath -------------------------------------------------------------


class SubpathHandler(SimpleHTTPRequestHandler):
    """Serves `directory` at SUBPATH and answers 404 everywhere else (like a project page)."""

    def __init__(self, *args, directory: str, **kwargs):
        super().__init__(*args, directory=directory, **kwargs)

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(SUBPATH):
            return str(Path(self.directory) / ".no-such-file-outside-the-subpath")
        return super().translate_path("/" + route[len(SUBPATH) :])

    def end_headers(self) -> None:
        # linkchecker throttles every host to ~3 requests/s unless the server opts out
        # with this header (documented under `maxrequestspersecond`).
        self.send_header("LinkChecker", "unthrottled")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:
        """Keep the test output quiet; failures are reported by the browser."""


@dataclass
class SiteServer:
    """A running server: `url` is the site root, e.g. http://127.0.0.1:40123/plans/."""

    root: Path
    origin: str
    url: str


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser dropping a socket
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_site(root: Path) -> Iterator[SiteServer]:
    handler = functools.partial(SubpathHandler, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield SiteServer(root=root, origin=origin, url=origin + SUBPATH)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def site_server(built_site: Path) -> Iterator[SiteServer]:
    with serve_site(built_site) as server:
        yield server


# --- the browser -------------------------------------------------------------------------


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; {SETUP_HINT} or `apt-get install -y chromium`.")


def require_axe() -> Path:
    if not AXE_JS.is_file():
        pytest.fail(
            f"axe-core is missing at {AXE_JS}; {SETUP_HINT} or "
            f"`npm install --prefix .cache/node --save-exact axe-core@{AXE_VERSION}`."
        )
    return AXE_JS


def require_java() -> None:
    if shutil.which("java") is None:
        pytest.fail(
            f"java is missing (the Nu HTML checker runs on it); {SETUP_HINT} or "
            "`apt-get install -y default-jre-headless`."
        )


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Guard:
    """Records everything that must not happen while a page is open.

    Only URLs under `allowed` may be requested (everything else is aborted and recorded);
    no request may fail or answer >= 400; the console must stay free of errors.
    """

    allowed: str
    problems: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.route("**/*", self._route)
        context.on("page", self.watch)

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.problems.append(f"left the site: {route.request.method} {url}")
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.problems.append(f"console error: {message.text} ({where})")

    def _failed(self, request) -> None:
        if not request.url.startswith(self.allowed):
            return  # aborted by _route, already recorded
        if request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.svg"):
            return  # Chromium fetches the favicon after `load` and drops it on navigation
        self.problems.append(f"request failed: {request.url}: {request.failure}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def check(self, where: str = "") -> None:
        problems, self.problems = self.problems, []
        assert not problems, f"{where}\n" + "\n".join(problems)


@contextlib.contextmanager
def guarded_page(browser, allowed: str, **context_options) -> Iterator[tuple]:
    """A fresh context and page under a Guard; fails the test on anything recorded."""
    context = browser.new_context(**context_options)
    guard = Guard(allowed)
    guard.attach(context)
    try:
        page = context.new_page()
        yield page, guard
        guard.check("at the end of the test")
    finally:
        context.close()


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
