"""Exit 0 when the PostgreSQL server in the given URL accepts a connection, else 1."""

from __future__ import annotations

import sys

import psycopg


def main(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=3):
            return 0
    except psycopg.Error:
        return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
