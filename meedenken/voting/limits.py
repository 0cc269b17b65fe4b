"""One voice per participant: the rate limits of voting, declaring and proposing, and the flood
flag on participants made in a burst from one network. Limits are counted per client address,
per network and per participant (core/ratelimits.py); each consultation may set its own
(`ParticipationPolicy`), otherwise `MEEDENKEN_RATE_LIMITS` applies.

A burst of new participants from one network (more than `burst` within ten minutes, refused
attempts included) flags every participant it made in that time, also those made before the
burst was seen: they are kept and counted, and staff see them, never silently dropped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.core.ratelimits import (
    address_hash,
    check_limits,
    client_address,
    client_network,
    count,
)
from meedenken.statements.cache import local_cache
from meedenken.voting.models import FloodFlag, Participant, ParticipationPolicy

POLICY_SECONDS = 30  # a changed policy holds in every process within this time
BURST_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Client:
    """Who sent a request, as far as the limits need it: hashes only."""

    address: str  # hash of the address
    network: str  # hash of the network
    burst: bool = False  # a burst of new participants from this network is going on


def get_limits(consultation: Consultation) -> dict[str, str | None]:
    """The consultation's rates ("40/m"), its policy over the site's defaults."""
    key = f"participation-policy:{consultation.pk}"
    limits: dict[str, str | None] | None = local_cache.get(key)
    if limits is not None:
        return limits
    limits = dict(settings.MEEDENKEN_RATE_LIMITS)
    policy = ParticipationPolicy.objects.filter(consultation_id=consultation.pk).first()
    if policy is not None:
        per = {
            "new_participant_address": (policy.new_participants_per_minute, "m"),
            "new_participant_address_hour": (policy.new_participants_per_hour, "h"),
            "vote_participant": (policy.votes_per_minute, "m"),
            "proposal_address": (policy.proposals_per_hour, "h"),
        }
        for name, (value, unit) in per.items():
            if value is not None:
                limits[name] = f"{value}/{unit}"
        if policy.new_participants_per_minute is not None:  # the network follows the address
            limits["new_participant_network"] = f"{2 * policy.new_participants_per_minute}/m"
    local_cache.set(key, limits, POLICY_SECONDS)
    return limits


def identify(request: HttpRequest) -> Client:
    address = client_address(request)
    return Client(address_hash(address), address_hash(client_network(address)))


def check_new_participant(request: HttpRequest, consultation: Consultation) -> Client:
    """A request that would make a new participant (no cookie): within the address's and the
    network's limits, or RateLimited. Returns the client, with `burst` set during a burst."""
    client = identify(request)
    limits = get_limits(consultation)
    scope = f"{consultation.pk}:"
    burst_usage = count("burst", scope + client.network, limits.get("burst"))
    burst = burst_usage is not None and burst_usage.exceeded
    if burst:
        client = Client(client.address, client.network, burst=True)
        do_flag_burst(consultation, client)
    check_limits(
        [
            ("new-address", scope + client.address, limits.get("new_participant_address")),
            ("new-address-h", scope + client.address, limits.get("new_participant_address_hour")),
            ("new-network", scope + client.network, limits.get("new_participant_network")),
            ("new-network-h", scope + client.network, limits.get("new_participant_network_hour")),
        ]
    )
    return client


def check_vote(request: HttpRequest, consultation: Consultation, participant_id: int) -> None:
    """A known participant's vote: within the participant's and the address's limits."""
    limits = get_limits(consultation)
    client = identify(request)
    check_limits(
        [
            ("vote-participant", f"{participant_id}", limits.get("vote_participant")),
            ("vote-address", f"{consultation.pk}:{client.address}", limits.get("vote_address")),
        ]
    )


def check_declaration(
    request: HttpRequest, consultation: Consultation, participant_id: int
) -> None:
    limits = get_limits(consultation)
    check_limits([("declare", f"{participant_id}", limits.get("declaration_participant"))])


def check_proposal(request: HttpRequest, consultation: Consultation) -> None:
    limits = get_limits(consultation)
    client = identify(request)
    check_limits(
        [("propose", f"{consultation.pk}:{client.address}", limits.get("proposal_address"))]
    )


def check_email_confirmation(
    request: HttpRequest, consultation: Consultation, address_hash: str
) -> None:
    """A confirmation link asked for: within the client's, the network's and the recipient's
    limits. The same whether or not the address confirms anyone (no enumeration)."""
    limits = get_limits(consultation)
    client = identify(request)
    scope = f"{consultation.pk}:"
    check_limits(
        [
            ("confirm-address", scope + client.address, limits.get("email_confirmation_address")),
            ("confirm-network", scope + client.network, limits.get("email_confirmation_network")),
            (
                "confirm-recipient",
                scope + address_hash[:32],
                limits.get("email_confirmation_recipient"),
            ),
        ]
    )


def do_flag_burst(consultation: Consultation, client: Client) -> int:
    """Flag the participants this network made in the burst window (one indexed update; during
    a burst it runs on every attempt, so none made before the burst was seen stays unflagged)."""
    now = timezone.now()
    return Participant.objects.filter(
        consultation=consultation,
        client_hash=client.network,
        created_at__gte=now - BURST_WINDOW,
        flag="",
    ).update(flag=FloodFlag.BURST, flagged_at=now)
