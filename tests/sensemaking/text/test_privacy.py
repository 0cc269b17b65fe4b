from __future__ import annotations

import pytest

from meedenken.sensemaking.text.privacy import (
    find_personal_data,
    is_valid_bsn,
    is_valid_iban,
    redact,
)


@pytest.mark.parametrize("number", ["111222333", "123456782", "111.222.333", "1112 22 333"])
def test_bsn_eleven_test_accepts_valid_numbers(number: str) -> None:
    assert is_valid_bsn(number)


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "12345678a", "1234"])
def test_bsn_eleven_test_rejects_invalid_numbers(number: str) -> None:
    assert not is_valid_bsn(number)


def test_bsn_eight_digits_get_a_leading_zero() -> None:
    # 012345672: 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2 - 2 = 110, divisible by 11
    assert is_valid_bsn("12345672")


def test_iban_mod_97() -> None:
    assert is_valid_iban("NL91 ABNA 0417 1643 00")
    assert is_valid_iban("de89370400440532013000")
    assert not is_valid_iban("NL91 ABNA 0417 1643 01")  # checksum broken
    assert not is_valid_iban("NL91 ABNA 0417 1643 0")  # too short for NL


def test_only_numbers_passing_the_eleven_test_are_redacted_as_bsn() -> None:
    kinds = [kind for kind, _, _ in find_personal_data("nummers 111222333 en 123456789")]
    assert kinds == ["bsn"]


def test_redaction_offsets_point_at_the_original_and_the_redacted_text() -> None:
    text = (
        "Mijn naam is Jan de Vries, mail jan.devries@example.nl of bel 06-12345678. "
        "BSN 111222333, IBAN NL91 ABNA 0417 1643 00, adres Kerkstraat 12, 1234 AB Utrecht."
    )
    result = redact(text)
    assert [r.kind for r in result.redactions] == [
        "name",
        "email",
        "phone",
        "bsn",
        "iban",
        "address",
    ]
    assert [r.original for r in result.redactions] == [
        "Jan de Vries",
        "jan.devries@example.nl",
        "06-12345678",
        "111222333",
        "NL91 ABNA 0417 1643 00",
        "Kerkstraat 12, 1234 AB",
    ]
    for r in result.redactions:
        assert text[r.start : r.end] == r.original
        assert result.text[r.redacted_start : r.redacted_end] == r.replacement
    assert result.text.startswith("Mijn naam is [NAME], mail [EMAIL] of bel [PHONE].")
    assert "111222333" not in result.text and "@" not in result.text


def test_phone_formats() -> None:
    for phone in [
        "+31 6 1234 5678",
        "0031-20-1234567",
        "020 123 4567",
        "+49 228 1234567",
        "0228/123456",
    ]:
        assert [k for k, _, _ in find_personal_data(f"Bel {phone} graag")] == ["phone"], phone


def test_no_false_positives_on_ordinary_numbers_and_measures() -> None:
    text = (
        "In 2017 waren er 12345 klachten; de Radweg 2 m breit; 3,5 miljoen euro; 1.234.567 mensen."
    )
    assert redact(text).text == text


def test_signature_names_and_titles() -> None:
    result = redact("Dank voor de consultatie.\nMet vriendelijke groet,\nPiet van der Berg")
    assert result.redactions[0].original == "Piet van der Berg"
    assert redact("Gesprek met Mevr. Jansen over het convenant").text == (
        "Gesprek met Mevr. [NAME] over het convenant"
    )


def test_postcode_with_house_number_and_street_names() -> None:
    assert redact("Postcode 2511 CV 4 graag").text == "Postcode [ADDRESS] graag"
    assert redact("an der Godesberger Allee 5a ist").text == "an der [ADDRESS] ist"
