"""A real OpenID Connect provider for the tests (npm's `oidc-provider`, tests/platform/
oidc_provider.mjs) in its own process, and a user agent that logs in on its own pages."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_SECRET = "test-secret-of-the-meedenken-client-0123456789"
PROVIDERS = ("staff", "eherkenning", "digid")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_provider(site: str = "http://testserver") -> Iterator[str]:
    """Start the provider with one client per Meedenken provider; yields its issuer URL."""
    clients = [
        {
            "client_id": f"meedenken-{name}",
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{site}/inloggen/{name}/terug/"],
        }
        for name in PROVIDERS
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(clients, handle)
    process = subprocess.Popen(
        ["node", str(SCRIPT), str(free_port()), handle.name],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("ready "), f"the OIDC provider did not start: {line!r}"
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)
        Path(handle.name).unlink(missing_ok=True)


def oidc_settings(issuer: str, **extra: dict) -> dict[str, dict]:
    scopes = {"staff": "openid email profile", "eherkenning": "openid eherkenning"}
    return {
        name: {
            "issuer": issuer,
            "client_id": f"meedenken-{name}",
            "client_secret": CLIENT_SECRET,
            "scope": scopes.get(name, "openid"),
            **extra.get(name, {}),
        }
        for name in PROVIDERS
    }


def form_of(html: str, base: str) -> tuple[str, dict[str, str]]:
    """The first form of a provider page: its action and hidden fields."""
    action = unescape(re.search(r'<form[^>]*action="([^"]+)"', html).group(1))
    fields = {
        unescape(name): unescape(value)
        for name, value in re.findall(
            r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html
        )
    }
    return urljoin(base, action), fields


def log_in_at_provider(authorize_url: str, login: str) -> str:
    """Go through the provider's login and consent pages as a person would; returns the URL it
    sends the browser back to (the relying party's callback)."""
    agent = requests.Session()
    provider_host = urlsplit(authorize_url).netloc
    url, method, data = authorize_url, "GET", None
    for _step in range(12):
        answer = agent.request(method, url, data=data, allow_redirects=False, timeout=10)
        if answer.is_redirect:
            url = urljoin(url, answer.headers["Location"])
            method, data = "GET", None
            if urlsplit(url).netloc != provider_host:
                return url
            continue
        answer.raise_for_status()
        action, fields = form_of(answer.text, url)
        if 'name="login"' in answer.text:
            fields.update(login=login, password="any")
        url, method, data = action, "POST", fields
    raise AssertionError("the provider never sent the browser back")
