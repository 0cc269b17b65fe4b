"""Break the algorithms on purpose, one at a time, and check that a test notices (issue 9).

Each break below is one the issue lists. The script applies it to the source, runs the tests
that should catch it, puts the source back, and prints which test failed. Run from the checkout:
`.venv/bin/python scripts/break_check.py [index ...]`. Exit status 1 if a break went unnoticed.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BREAKS = [
    (
        "bridging intercept penalty (5x -> 1x)",
        "meedenken/sensemaking/opinion/bridging.py",
        "intercept_multiplier: float = 5.0,",
        "intercept_multiplier: float = 1.0,",
        ["tests/sensemaking/opinion/test_bridging.py"],
    ),
    (
        "calibration off (no Platt scaling)",
        "meedenken/sensemaking/text/classifier.py",
        "            self.calibration_[j], self.thresholds_[j] = self._calibrate(X, Y[:, j])",
        "            pass",
        ["tests/sensemaking/text/test_breaks.py", "tests/sensemaking/text/test_classifier.py"],
    ),
    (
        "class weights dropped",
        "meedenken/sensemaking/text/classifier.py",
        'class_weight="balanced"',
        "class_weight=None",
        ["tests/sensemaking/text/test_breaks.py", "tests/sensemaking/text/test_classifier.py"],
    ),
    (
        "LSH candidates not checked for similarity",
        "meedenken/sensemaking/text/campaigns.py",
        "close = similarity >= self.threshold",
        "close = similarity >= 0.0",
        ["tests/sensemaking/text/test_breaks.py", "tests/sensemaking/text/test_campaigns.py"],
    ),
    (
        "summary redundancy term removed",
        "meedenken/sensemaking/text/summary.py",
        "score = (1 - self.diversity) * relevance - self.diversity * redundancy",
        "score = (1 - self.diversity) * relevance",
        [
            "tests/sensemaking/text/test_breaks.py",
            "tests/sensemaking/text/test_discovery_summary.py",
        ],
    ),
    (
        "zero-shot relative threshold dropped",
        "meedenken/sensemaking/text/zeroshot.py",
        "passing = (similarity >= self.floor_) & (similarity >= self.relative * best)",
        "passing = similarity >= self.floor_",
        ["tests/sensemaking/text/test_breaks.py", "tests/sensemaking/text/test_zeroshot.py"],
    ),
    (
        "theme discovery fixed at 2 themes",
        "meedenken/sensemaking/text/discovery.py",
        "for k in range(2, most + 1):",
        "for k in range(2, 3):",
        [
            "tests/sensemaking/text/test_breaks.py",
            "tests/sensemaking/text/test_discovery_summary.py",
        ],
    ),
    (
        "rejected statements not zeroed in the analysis input",
        "meedenken/voting/analysis.py",
        "        moderated_out=data.moderated_out,\n",
        "        moderated_out=(),\n",
        ["tests/platform/test_deliberation_analysis.py"],
    ),
    # Issue 12, the email_confirmed level (magic links): each defence off, one at a time.
    (
        "confirmation link stored in the queued message",
        "meedenken/voting/services/confirm.py",
        '                "link": LINK_PLACEHOLDER,',
        '                "link": "http://testserver/consultaties/x/bevestig/" + signer().sign("t"),',
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "confirmation token stored in clear, not its hash",
        "meedenken/voting/services/confirm.py",
        "token_hash=hash_secret(token), expires_at",
        "token_hash=token, expires_at",
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "opening a confirmation link (GET) confirms at once",
        "meedenken/voting/confirm_views.py",
        "            check_token(consultation, token)\n",
        "            do_confirm_email(consultation, token)\n",
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "a used confirmation link works again",
        "meedenken/voting/services/confirm.py",
        "    if link.used_at is not None:\n        raise _used()\n    if link.expires_at",
        "    if link.expires_at",
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "confirmation link expiry in the database not checked",
        "meedenken/voting/services/confirm.py",
        "    if link.expires_at is None or link.expires_at <= timezone.now():",
        "    if link.expires_at is None:",
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "confirmation token signature age not checked",
        "meedenken/voting/services/confirm.py",
        "signer().unsign(token, max_age=timedelta(hours=LINK_HOURS))",
        "signer().unsign(token)",
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "no limit per recipient on confirmation links",
        "meedenken/settings/base.py",
        '"email_confirmation_recipient": "3/h",',
        '"email_confirmation_recipient": None,',
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "confirmation token not scrubbed from the access log",
        "meedenken/core/redaction.py",
        "(/(?:reactie|bevestig)/)",
        "(/(?:reactie)/)",
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "one address confirms several participants",
        "meedenken/voting/services/confirm.py",
        'message = f"meedenken.email:{consultation_id}:{address.strip().lower()}".encode()',
        'message = f"meedenken.email:{consultation_id}:{address}:{secrets.token_hex()}".encode()',
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "retention keeps the confirmed addresses' hashes",
        "meedenken/responses/retention.py",
        "                    confirmations.delete()\n",
        "                    pass\n",
        ["tests/platform/test_trust_email_confirmation.py"],
    ),
    (
        "open participants counted at the email_confirmed level",
        "meedenken/voting/selectors.py",
        "    if flag:\n        return ParticipationLevel.OPEN\n",
        "    if level == ParticipationLevel.OPEN:\n"
        "        return ParticipationLevel.EMAIL_CONFIRMED\n"
        "    if flag:\n        return ParticipationLevel.OPEN\n",
        ["tests/platform/test_trust_levels.py"],
    ),
]
only = sys.argv[1:]
unnoticed = []
for i, (name, path, old, new, tests) in enumerate(BREAKS):
    if only and str(i) not in only:
        continue
    p = ROOT / path
    src = p.read_text()
    assert src.count(old) == 1, (name, src.count(old))
    p.write_text(src.replace(old, new))
    try:
        t = time.time()
        r = subprocess.run(  # noqa: S603 - our own pytest, fixed arguments
            [str(ROOT / ".venv/bin/pytest"), "-q", "-p", "no:cacheprovider", "-x", *tests],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        failed = [line for line in r.stdout.splitlines() if line.startswith("FAILED")]
        last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr[-300:]
        print(f"[{i}] {name}: rc={r.returncode} {last} ({time.time() - t:.0f}s)")
        for line in failed:
            print("     ", line)
        sys.stdout.flush()
        if r.returncode == 0:
            unnoticed.append(name)
    finally:
        p.write_text(src)
sys.exit(1 if unnoticed else 0)
