"""A logging formatter writing one JSON object a line, without personal data or secrets.

Secret links (response links, invitation and unsubscribe tokens), e-mail addresses, IP addresses
and query strings are replaced before anything is written; request paths are logged as their URL
pattern (``consultaties/<slug:slug>/reactie/<str:secret>/``), never as typed.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

_SECRET_AFTER = re.compile(r"(/(?:reactie|uitnodiging|afmelden|antwoord|token)/)[^/\s?#\"']+", re.I)
_LONG_TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{20,}(?![\w-])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
_QUERY = re.compile(r"\?[^\s\"']*")

# Extra fields a log call may pass (``logger.info(..., extra={...})``) that are safe to keep.
SAFE_EXTRAS = ("route", "method", "status", "duration_ms", "run_id", "kind", "task_id")


def scrub(text: str) -> str:
    """Remove secrets and personal data from a log text."""
    text = _SECRET_AFTER.sub(r"\1[geheim]", text)
    text = _QUERY.sub("?[weggelaten]", text)
    text = _EMAIL.sub("[e-mail]", text)
    text = _IPV4.sub("[ip]", text)
    return _LONG_TOKEN.sub("[geheim]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for key in SAFE_EXTRAS:
            value = getattr(record, key, None)
            if isinstance(value, (str, int, float)):
                entry[key] = scrub(value) if isinstance(value, str) else value
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
            entry["traceback"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
