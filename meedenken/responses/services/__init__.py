"""Every write of the responses app: the respond flow, e-mail to respondents, and responses
received complete (imports, demo data). See the modules for the details."""

from meedenken.responses.profile import ProfileData
from meedenken.responses.services.bulk import (
    ReceivedAnswer,
    ReceivedResponse,
    check_known_choices,
    do_create_received_responses,
)
from meedenken.responses.services.emails import (
    do_email_link,
    do_email_receipt,
    do_send_publication_notices,
    do_subscribe_to_results,
)
from meedenken.responses.services.respond import (
    AnswerValue,
    Problem,
    ResponseError,
    StartedResponse,
    check_choice_values,
    check_consultation_open,
    check_response_complete,
    check_response_editable,
    do_prefill_profile,
    do_save_answers,
    do_save_profile,
    do_start_response,
    do_submit_response,
    do_withdraw_response,
)

__all__ = [
    "AnswerValue",
    "Problem",
    "ProfileData",
    "ReceivedAnswer",
    "ReceivedResponse",
    "ResponseError",
    "StartedResponse",
    "check_choice_values",
    "check_consultation_open",
    "check_known_choices",
    "check_response_complete",
    "check_response_editable",
    "do_create_received_responses",
    "do_email_link",
    "do_email_receipt",
    "do_prefill_profile",
    "do_save_answers",
    "do_save_profile",
    "do_send_publication_notices",
    "do_start_response",
    "do_submit_response",
    "do_subscribe_to_results",
    "do_withdraw_response",
]
