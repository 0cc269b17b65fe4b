"""What a consultation has published (responses, report, account, ...), for its public page.

Higher apps register a provider in their AppConfig.ready(), so this app links to them without
importing them: `register_public_output(fn)` with `fn(consultation) -> PublicOutput | None`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from meedenken.consultations.models import Consultation


@dataclass(frozen=True)
class PublicOutput:
    kind: str  # "responses", "report", "account", ...: stable, the phase badge looks for them
    label: str
    url: str
    order: int = 50


Provider = Callable[[Consultation], PublicOutput | None]
_PROVIDERS: list[Provider] = []


def register_public_output(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def get_public_outputs(consultation: Consultation) -> list[PublicOutput]:
    found = [output for provider in _PROVIDERS if (output := provider(consultation)) is not None]
    return sorted(found, key=lambda output: (output.order, output.kind))


def phase_link(outputs: list[PublicOutput]) -> PublicOutput | None:
    """Where the "report published" badge leads: the report, else the account."""
    by_kind = {output.kind: output for output in outputs}
    return by_kind.get("report") or by_kind.get("account")
