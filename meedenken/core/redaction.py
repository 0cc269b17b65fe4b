"""Secret links out of logs: the route is logged, never the secret (no Django imports, so the
gunicorn master can load it)."""

from __future__ import annotations

import logging
import re
from typing import Any

# The secret of a response link (/reactie/<secret>/) and the token of an e-mail confirmation
# link (/bevestig/<token>/).
SECRET_IN_PATH = re.compile(r"(/(?:reactie|bevestig)/)[^/?#\s\"]+")
SECRET_SEGMENTS = ("/reactie/", "/bevestig/")


def scrub_secrets(text: str) -> str:
    """A path or log line with the secret of any response or confirmation link replaced."""
    return SECRET_IN_PATH.sub(r"\1[geheim]", text)


class SecretLinkFilter(logging.Filter):
    """For Django's log handlers: "Not Found: /consultaties/x/reactie/<secret>/" loses the secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(segment in message for segment in SECRET_SEGMENTS):
            record.msg, record.args = scrub_secrets(message), ()
        return True


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover - gunicorn is a dependency; this keeps imports cheap
    _GunicornLogger = object  # type: ignore[assignment,misc]


class RedactingGunicornLogger(_GunicornLogger):  # type: ignore[misc,valid-type]
    """gunicorn --logger-class: the access log shows /reactie/[geheim]/, never a working link."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: scrub_secrets(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }
