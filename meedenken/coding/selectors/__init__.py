"""Every read of the coding app."""

from meedenken.coding.selectors.codebook import (
    get_code_history,
    get_codebook,
    get_codes,
    get_codes_by_key,
    get_current_run_id,
    to_core_codebook,
)
from meedenken.coding.selectors.privacy import get_public_text, get_public_texts, redact_spans

__all__ = [
    "get_code_history",
    "get_codebook",
    "get_codes",
    "get_codes_by_key",
    "get_current_run_id",
    "get_public_text",
    "get_public_texts",
    "redact_spans",
    "to_core_codebook",
]
