from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "meedenken.voting"
    label = "voting"
    verbose_name = _("Stemmen")

    def ready(self) -> None:
        from meedenken.runs.registry import register_kind
        from meedenken.voting.opinion_json import public_opinion
        from meedenken.voting.opinion_run import OPINION, on_opinion_done, run_opinion

        register_kind(OPINION, run_opinion, on_done=on_opinion_done, public_result=public_opinion)

        from meedenken.responses.copies import register_linked_texts
        from meedenken.responses.privacy import register_response_data
        from meedenken.voting.erasure import erase_votes, export_votes, proposal_texts

        register_response_data("voting", erase=erase_votes, export=export_votes)
        register_linked_texts("voting", proposal_texts)

        from meedenken.notifications.services import register_link_maker
        from meedenken.voting.services.confirm import PURPOSE, make_link

        register_link_maker(PURPOSE, make_link)
