"""Debian's nginx with deploy/nginx.conf (rendered by deploy/nginx.py), for tests and benches."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def load_renderer():  # deploy/ is no package: load its module by path
    spec = importlib.util.spec_from_file_location("deploy_nginx", ROOT / "deploy" / "nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_nginx(
    run_dir: Path, upstreams: list[str], *, static: Path, media: Path, private: Path
) -> Iterator[int]:
    """nginx in the foreground on a free loopback port; yields the port."""
    run_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = run_dir / "nginx.conf"
    conf.write_text(
        load_renderer().render(
            listen=port,
            upstreams=upstreams,
            static_root=str(static),
            media_root=str(media),
            private_root=str(private),
            run_dir=str(run_dir),
            user="root" if os.geteuid() == 0 else None,
        )
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(run_dir), "-c", str(conf), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 10
        while time.time() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
