"""Real-browser end-to-end tests: the app served by gunicorn with the background worker, driven by
Playwright in Debian's Chromium, with axe-core as an accessibility gate on every loaded page.

Locally the server uses a fresh SQLite file in a temporary folder; with DATABASE_URL set it uses a
dedicated PostgreSQL database that is created for the session and dropped afterwards.
Without /usr/bin/chromium the tests are skipped with a loud message, except in CI, where they fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

E2E_DIR = Path(__file__).resolve().parent
ROOT = E2E_DIR.parent.parent
CHROMIUM = Path(os.environ.get("MEEDENKEN_E2E_CHROMIUM", "/usr/bin/chromium"))
# The flags a closed network needs (see the machine notes): no background connections at all.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_CANDIDATES = [
    ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js",
    ROOT / "meedenken" / "core" / "static" / "vendor" / "axe" / "axe.min.js",
]
SCREENSHOTS = ROOT / "var" / "screenshots"
SCREENSHOT_MAX_HEIGHT = 6000  # CSS px
SCREENS_DOC = ROOT / "docs" / "screens.md"
AXE_REPORT = ROOT / "var" / "e2e" / "axe-report.json"
GATED_IMPACTS = ("serious", "critical")
TIMEOUT_MS = 30_000  # the machine is shared and loaded: generous, but never a fixed sleep
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

_skip_reason: list[str] = []
_axe_log: list[dict[str, Any]] = []


# --- collection, skipping and the banner -------------------------------------------------------


def _missing_requirement() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} not found: install Debian's Chromium with "
            "`apt-get update && apt-get install -y chromium` (.ci/run does this)"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Python package playwright is not installed: run `make install`"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if E2E_DIR in Path(str(item.path)).parents]
    for item in ours:
        item.add_marker(pytest.mark.e2e)
    missing = _missing_requirement() if ours else None
    if missing is None:
        return
    if IN_CI:
        return  # CI must run the browser tests: the `playwright_driver` fixture fails with why
    _skip_reason.append(missing)
    skip = pytest.mark.skip(reason=f"e2e: {missing}")
    for item in ours:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skip_reason:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(
            "!!! BROWSER TESTS (tests/e2e) SKIPPED: " + _skip_reason[0], red=True, bold=True
        )
        terminalreporter.write_line(
            "!!! The accessibility gate and the user journeys did NOT run.", red=True, bold=True
        )
        terminalreporter.write_line(bar, red=True, bold=True)
    if _axe_log:
        counts = Counter((v["impact"], v["id"]) for entry in _axe_log for v in entry["violations"])
        summary = (
            ", ".join(f"{n}x {impact} {rule}" for (impact, rule), n in sorted(counts.items()))
            or "none"
        )
        terminalreporter.write_line(
            f"e2e: axe-core checked {len(_axe_log)} page loads; "
            f"violations under the gate (neither serious nor critical): {summary}"
        )
        AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
        AXE_REPORT.write_text(json.dumps(_axe_log, indent=1), encoding="utf-8")
        terminalreporter.write_line(f"e2e: every axe-core result is in {AXE_REPORT}")


# --- the server ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """The running app: its base URL and the environment its processes share."""

    url: str
    env: dict[str, str]
    log_dir: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def manage(self, *args: str) -> None:
        """Run `python -m <args>` in the server's environment (for example tests.e2e.seed)."""
        result = subprocess.run(
            [sys.executable, "-m", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self, name: str, *args: str) -> None:
        log = (self.log_dir / f"{name}.log").open("wb")
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", *args],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # gunicorn's workers are stopped with their master
            )
        )

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.log_dir.glob("*.log"))
        )

    def wait_until_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"server process exited early:\n{self.logs()}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.url + "/", timeout=5) as reply,  # noqa: S310
            ):
                if reply.status == 200:
                    return
            time.sleep(0.25)  # polling a port that is not open yet
        raise RuntimeError(f"server did not answer within {timeout:.0f}s:\n{self.logs()}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@contextlib.contextmanager
def _postgres_database(url: str) -> Iterator[str]:
    """A dedicated database next to the one DATABASE_URL names; dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"meedenken_e2e_{os.getpid()}"
    parts = urlsplit(url)
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(drop)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("e2e-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "meedenken.settings",
        "MEEDENKEN_VAR_DIR": str(base / "var"),
        "SECRET_KEY": "e2e-only-secret-key-not-for-production-" + "x" * 20,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        "MEEDENKEN_MIN_FILL_SECONDS": "0",  # a browser robot fills forms faster than people
    }
    database_url = os.environ.get("DATABASE_URL", "")
    with contextlib.ExitStack() as stack:
        if database_url.startswith(("postgres://", "postgresql://")):
            env["DATABASE_URL"] = stack.enter_context(_postgres_database(database_url))
        else:
            env.pop("DATABASE_URL", None)  # SQLite under MEEDENKEN_VAR_DIR
        port = _free_port()
        # E-mail the worker sends goes to files the journeys read; its links lead to this server.
        env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
        env["EMAIL_FILE_PATH"] = str(base / "mail")
        env["MEEDENKEN_SITE_URL"] = f"http://127.0.0.1:{port}"
        server = Server(url=f"http://127.0.0.1:{port}", env=env, log_dir=base)
        server.manage("meedenken", "migrate", "--noinput", "-v", "0")
        server.manage("tests.e2e.seed", "load")
        server.start("worker", "meedenken", "db_worker", "--interval", "1")
        server.start(
            "gunicorn",
            *("gunicorn", "meedenken.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", "2", "--threads", "4", "--graceful-timeout", "5"),
        )
        stack.callback(server.stop)
        server.wait_until_ready()
        yield server


# --- the browser and the accessibility gate -----------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    for candidate in AXE_CANDIDATES:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    pytest.fail("axe-core not found: run `make install` (npm ci in frontend/)", pytrace=False)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    missing = _missing_requirement()
    if missing:  # only reached in CI: elsewhere these tests are skipped at collection
        pytest.fail(f"e2e tests cannot run in CI: {missing}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    # Debian's Chromium by path; Playwright gives it a fresh, empty --user-data-dir per launch.
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=120_000
    )
    yield browser
    browser.close()


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html']}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"        {detail}")
    return "\n".join(lines)


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '), html: n.html.slice(0, 240), summary: n.failureSummary || ''
    })),
  }));
}"""


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


@dataclass
class Browsing:
    """Opens pages and holds the gate: every document a page loads must pass check()."""

    browser: Browser
    server: Server
    axe_source: str
    contexts: list[BrowserContext] = field(default_factory=list)
    contexts_without_js: list[BrowserContext] = field(default_factory=list)
    loaded: Counter[str] = field(default_factory=Counter)
    checked: Counter[str] = field(default_factory=Counter)
    screenshots: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)  # uncaught errors in the app's scripts

    def new_page(self, *, language: str = "nl", **context_args: Any) -> Page:
        context = self.browser.new_context(
            base_url=self.server.url,
            locale={"nl": "nl-NL", "en": "en-GB"}[language],
            timezone_id="Europe/Amsterdam",  # the server's zone: the admin warns about others
            viewport=context_args.pop("viewport", {"width": 1280, "height": 900}),
            **context_args,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        if not context_args.get("java_script_enabled", True):
            self.contexts_without_js.append(context)
        page = context.new_page()
        if context_args.get("java_script_enabled", True):
            page.on("load", lambda loaded: self.loaded.update([_without_fragment(loaded.url)]))
            page.on("pageerror", lambda error: self.script_errors.append(f"{page.url}: {error}"))
        # Without JavaScript axe-core cannot run: such journeys check behaviour and take
        # screenshots; the same templates pass the gate in the journeys with JavaScript.
        return page

    def check(self, page: Page, screenshot: str | None = None) -> list[dict[str, Any]]:
        """Run axe-core on the current document; fail on serious or critical violations.

        With `screenshot`, also save a full-page PNG as var/screenshots/<screenshot>.png."""
        page.wait_for_load_state("load")
        if page.context in self.contexts_without_js:
            if screenshot:
                self._screenshot(page, screenshot)
            return []
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source)  # evaluated by the driver: the page's CSP stays as is
        violations: list[dict[str, Any]] = page.evaluate(AXE_RUN)
        url = _without_fragment(page.url)
        self.checked.update([url])
        _axe_log.append({"url": url, "violations": violations})
        if screenshot:
            self._screenshot(page, screenshot)
        gated = [v for v in violations if v["impact"] in GATED_IMPACTS]
        assert not gated, (
            f"axe-core: serious or critical violations on {page.url}:\n{format_violations(gated)}"
        )
        return violations

    def _screenshot(self, page: Page, name: str) -> None:
        assert name in SCREENS_DOC.read_text(encoding="utf-8"), (
            f"docs/screens.md does not list {name}.png"
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # A very long page (the demo's report) is cut at its top: past some 30,000 px a full-page
        # capture takes Chromium longer than the timeout, and the top shows what the page is.
        width, height = page.evaluate(
            "() => [document.documentElement.clientWidth, document.documentElement.scrollHeight]"
        )
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, SCREENSHOT_MAX_HEIGHT)}
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True, clip=clip)
        self.screenshots.append(name)

    def unchecked(self) -> list[str]:
        return sorted(url for url, n in self.loaded.items() if self.checked[url] < n)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(
    browser: Browser, server: Server, axe_source: str, request: pytest.FixtureRequest
) -> Iterator[Browsing]:
    state = Browsing(browser=browser, server=server, axe_source=axe_source)
    yield state
    state.close()
    failed = getattr(request.node, "rep_call", None)
    if failed is None or not failed.failed:
        assert not state.script_errors, "errors in the page's scripts:\n" + "\n".join(
            state.script_errors
        )
        assert not state.unchecked(), "pages loaded without an axe-core check: " + json.dumps(
            state.unchecked(), indent=2
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


def focused(page: Page) -> dict[str, str]:
    """What has the keyboard focus: tag, id, name, type and visible text."""
    return page.evaluate(
        """() => { const el = document.activeElement;
        return {tag: el.tagName.toLowerCase(), id: el.id || '', name: el.getAttribute('name') || '',
                type: el.getAttribute('type') || '', text: (el.innerText || el.value || '').trim().slice(0, 80)}; }"""
    )


def press_until(
    page: Page, key: str, is_target: Callable[[dict[str, str]], bool], limit: int = 120
) -> dict[str, str]:
    """Press one key (Tab or Shift+Tab) until the focused element is the target."""
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if is_target(now):
            return now
    raise AssertionError(f"{key} x{limit} never reached the target; focus is on {focused(page)}")
