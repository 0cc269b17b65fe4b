"""The `meedenken` console script.

Pure analysis commands (`analyse-votes`, `analyse-text`, `code-text`) run the sensemaking core on
plain files without starting Django; everything else is a Django management command run with the
project's settings (`meedenken migrate`, `meedenken loaddemo`, ...).
"""

from __future__ import annotations

import importlib
import os
import sys

# command name -> "module:function" taking argv (without the command name) and returning an exit code
CORE_COMMANDS: dict[str, str] = {
    "analyse-votes": "meedenken.sensemaking.opinion.cli:main",
    "analyse-text": "meedenken.sensemaking.text.cli:analyse_main",
    "code-text": "meedenken.sensemaking.text.cli:code_main",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in CORE_COMMANDS:
        module_name, func_name = CORE_COMMANDS[argv[1]].split(":")
        func = getattr(importlib.import_module(module_name), func_name)
        return int(func(argv[2:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0
