"""Every write of the coding app (see the modules for the details)."""

from meedenken.coding.services.assign import (
    campaign_answer_ids,
    check_active_codes,
    check_codable_answers,
    do_accept_proposal,
    do_bulk_code,
    do_decide_campaign,
    do_reject_proposal,
    do_set_answer_codes,
)
from meedenken.coding.services.codebook import (
    check_codebook_json,
    check_codebook_version,
    do_add_code,
    do_delete_code,
    do_import_codebook,
    do_merge_codes,
    do_rename_code,
    do_split_code,
    get_or_create_codebook,
)
from meedenken.coding.services.privacy import (
    SPAN_KINDS,
    do_add_span,
    do_mark_privacy_reviewed,
    do_review_span,
)
from meedenken.coding.services.themes import do_code_from_theme

__all__ = [
    "SPAN_KINDS",
    "campaign_answer_ids",
    "check_active_codes",
    "check_codable_answers",
    "check_codebook_json",
    "check_codebook_version",
    "do_accept_proposal",
    "do_add_code",
    "do_add_span",
    "do_bulk_code",
    "do_code_from_theme",
    "do_decide_campaign",
    "do_delete_code",
    "do_import_codebook",
    "do_mark_privacy_reviewed",
    "do_merge_codes",
    "do_reject_proposal",
    "do_rename_code",
    "do_review_span",
    "do_set_answer_codes",
    "do_split_code",
    "get_or_create_codebook",
]
