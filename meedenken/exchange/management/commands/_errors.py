"""How the import commands print an ImportFailed: a heading, then one line per error."""

from __future__ import annotations

from django.utils.translation import gettext as _

from meedenken.exchange.services import ImportFailed

SHOWN_ERRORS = 200


def failure_message(failure: ImportFailed) -> str:
    lines = [str(e) if e.row else e.message for e in failure.errors[:SHOWN_ERRORS]]
    if len(failure.errors) > SHOWN_ERRORS:
        lines.append(_("... en nog %(n)s fouten.") % {"n": len(failure.errors) - SHOWN_ERRORS})
    heading = _("Niets geïmporteerd: %(n)s fout(en).") % {"n": len(failure.errors)}
    return "\n".join([heading, *lines])
