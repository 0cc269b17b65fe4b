"""The IMVO demo consultation comes with its codebook; reloading keeps the analysts' changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_rename_code
from meedenken.demo.services import do_load_demo
from meedenken.sensemaking.text.codebook import load_codebook

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_dirs(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path


def test_demo_has_the_imvo_codebook(demo_dirs: Path) -> None:
    consultation = do_load_demo().consultation
    codes = get_codes_by_key(consultation)
    assert set(codes) == {code.code_id for code in load_codebook("imvo").codes}
    do_rename_code(consultation, codes["sme_burden"], None, label_nl="Regeldruk mkb")
    do_load_demo()
    assert get_codes_by_key(consultation)["sme_burden"].label_nl == "Regeldruk mkb"
