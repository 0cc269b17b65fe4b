"""WSGI entry point (gunicorn meedenken.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
application = get_wsgi_application()

# Refuse to start (a clear message in the server log) rather than answer every page with a 500.
from meedenken.core.startup import check_start_up  # noqa: E402

check_start_up()
