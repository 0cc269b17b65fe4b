"""Copy the NL Design System CSS from frontend/node_modules into Django's static files.

Run by `make install` after `npm ci`: the CSS comes from the npm registry at build time and is
served by the platform itself, never from a CDN.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "frontend" / "node_modules"
TARGET = ROOT / "meedenken" / "core" / "static" / "vendor"

# (package file, vendored name): the themes switch by loading another token file.
ASSETS = [
    ("@rijkshuisstijl-community/components-css/dist/index.css", "rhc/components.css"),
    ("@rijkshuisstijl-community/design-tokens/dist/index.css", "rhc/tokens.css"),
    ("@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css", "voorbeeld/tokens.css"),
    ("axe-core/axe.min.js", "axe/axe.min.js"),
]


def main() -> int:
    missing = [src for src, _ in ASSETS if not (NODE_MODULES / src).is_file()]
    if missing:
        print(f"vendor_assets: missing in {NODE_MODULES}: {', '.join(missing)}", file=sys.stderr)
        print("vendor_assets: run `npm ci` in frontend/ first", file=sys.stderr)
        return 1
    for src, dest in ASSETS:
        target = TARGET / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE_MODULES / src, target)
    print(f"vendor_assets: {len(ASSETS)} files into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
