"""A withdrawn response takes its voter with it: votes, vote history, ratings, proposals and the
participant row are deleted (not anonymised), so no later analysis counts them. Registered with
`responses.privacy` in VotingConfig.ready()."""

from __future__ import annotations

from typing import Any

from meedenken.responses.models import Response
from meedenken.statements.models import Statement
from meedenken.statements.services import forget_voting_set
from meedenken.voting.models import (
    EmailConfirmation,
    EmailConfirmationLink,
    Participant,
    Rating,
    Vote,
    VoteHistory,
)


def erase_votes(response: Response) -> dict[str, int]:
    participant = Participant.objects.filter(response=response).first()
    if participant is None:
        return {}
    removed = {
        "votes": Vote.objects.filter(participant=participant).delete()[0],
        "vote_history": VoteHistory.objects.filter(participant=participant).delete()[0],
        "ratings": Rating.objects.filter(participant=participant).delete()[0],
        "proposals": Statement.objects.filter(author=participant).delete()[0],
        "email_confirmations": EmailConfirmation.objects.filter(participant=participant).delete()[
            0
        ],
        "email_confirmation_links": EmailConfirmationLink.objects.filter(
            participant=participant
        ).delete()[0],
    }
    participant.delete()
    forget_voting_set(response.consultation_id)
    return removed


def export_votes(response: Response) -> dict[str, Any]:
    participant = Participant.objects.filter(response=response).first()
    if participant is None:
        return {}
    confirmation = EmailConfirmation.objects.filter(participant=participant).first()
    return {
        "stakeholder_type": participant.stakeholder_type,
        "level": participant.level,
        # The address itself is not stored: only a keyed hash, to make one address one voter.
        "email_confirmed_at": confirmation.confirmed_at.isoformat() if confirmation else None,
        "votes": [
            {"statement": vote.statement_id, "value": vote.value}
            for vote in Vote.objects.filter(participant=participant).order_by("statement_id")
        ],
        "ratings": list(
            Rating.objects.filter(participant=participant)
            .order_by("statement_id")
            .values("statement_id", "impact", "feasibility")
        ),
        "proposals": [
            {"id": s.pk, "text": s.text_nl, "status": s.status}
            for s in Statement.objects.filter(author=participant).order_by("id")
        ],
    }


def proposal_texts(response: Response) -> list[str]:
    """The voter's proposals, whose text a stored opinion run may hold."""
    return list(
        Statement.objects.filter(author__response=response).values_list("text_nl", flat=True)
    )
