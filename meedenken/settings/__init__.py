"""Settings chosen by MEEDENKEN_ENV: `production` is strict, anything else is the local default."""

import os

if os.environ.get("MEEDENKEN_ENV", "").lower() == "production":
    from meedenken.settings.production import *  # noqa: F403
else:
    from meedenken.settings.local import *  # noqa: F403
