"""Write deploy/nginx.conf with other ports and paths, for a site or for a test run of it:

    python deploy/nginx.py --listen 8080 --upstream 127.0.0.1:8001 --upstream 127.0.0.1:8002 \\
        --var /srv/meedenken/var --run /tmp/nginx-run > /etc/nginx/nginx.conf

Only the lines marked "site:" change; everything else is the file as it stands."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")


def render(
    *,
    listen: int,
    upstreams: list[str],
    static_root: str,
    media_root: str,
    private_root: str,
    run_dir: str,
    user: str | None = None,
) -> str:
    text = TEMPLATE.read_text(encoding="utf-8")
    servers = "\n".join(
        f"        server {address} max_fails=1 fail_timeout=10s;" for address in upstreams
    )
    text = re.sub(r"( {8}server 127\.0\.0\.1:800\d .*\n)+", servers + "\n", text)
    replacements = {
        "listen 8080;": f"listen 127.0.0.1:{listen};",
        "alias /srv/meedenken/var/static/;": f"alias {static_root.rstrip('/')}/;",
        "alias /srv/meedenken/var/media/;": f"alias {media_root.rstrip('/')}/;",
        "alias /srv/meedenken/var/private/;": f"alias {private_root.rstrip('/')}/;",
        "pid /run/nginx.pid;": f"pid {run_dir}/nginx.pid;",
        "error_log /var/log/nginx/error.log warn;": f"error_log {run_dir}/error.log warn;",
        "client_body_temp_path /var/lib/nginx/body;": f"client_body_temp_path {run_dir}/body;",
        "proxy_temp_path /var/lib/nginx/proxy;": f"proxy_temp_path {run_dir}/proxy;",
    }
    for old, new in replacements.items():
        if old not in text:
            raise ValueError(f"deploy/nginx.conf no longer has {old!r}")
        text = text.replace(old, new)
    # As root the workers take `user`; otherwise nginx runs as whoever starts it.
    text = text.replace(
        "user www-data;", f"user {user};" if user else "# user: the one who started nginx"
    )
    # Each of these nginx writes to its own place in run_dir (also with -p for the test runs).
    text = text.replace(
        "    proxy_temp_path",
        f"    fastcgi_temp_path {run_dir}/fastcgi;\n    uwsgi_temp_path {run_dir}/uwsgi;\n"
        f"    scgi_temp_path {run_dir}/scgi;\n    proxy_temp_path",
    )
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", type=int, default=8080)
    parser.add_argument("--upstream", action="append", required=True)
    parser.add_argument("--var", default="/srv/meedenken/var", help="the site's var directory")
    parser.add_argument("--run", default="/run/meedenken-nginx", help="pid, logs, temp files")
    parser.add_argument("--user", default="www-data" if os.geteuid() == 0 else None)
    args = parser.parse_args()
    print(
        render(
            listen=args.listen,
            upstreams=args.upstream,
            static_root=f"{args.var}/static",
            media_root=f"{args.var}/media",
            private_root=f"{args.var}/private",
            run_dir=args.run,
            user=args.user,
        ),
        end="",
    )


if __name__ == "__main__":
    main()
