"""`{% public_outputs consultation as outputs %}`: the published pages of a consultation."""

from __future__ import annotations

from django import template

from meedenken.consultations.models import Consultation
from meedenken.consultations.outputs import PublicOutput, get_public_outputs, phase_link

register = template.Library()


@register.simple_tag
def public_outputs(consultation: Consultation) -> list[PublicOutput]:
    return get_public_outputs(consultation)


@register.simple_tag
def phase_output(outputs: list[PublicOutput]) -> PublicOutput | None:
    return phase_link(outputs)
