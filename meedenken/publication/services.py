"""Publishing and unpublishing a consultation's responses: permission checked and audited."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from meedenken.accounts.access import check_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from meedenken.publication.models import ResponsesPublication

PUBLISH_PERMISSION = "publication.publish_responsespublication"


@transaction.atomic
def do_set_responses_published(
    actor: AbstractBaseUser, consultation: Consultation, published: bool
) -> ResponsesPublication:
    check_consultation_perm(actor, PUBLISH_PERMISSION, consultation)
    publication, _created = ResponsesPublication.objects.select_for_update().get_or_create(
        consultation=consultation
    )
    publication.published = published
    publication.published_at = timezone.now() if published else None
    publication.published_by = actor if published else None  # type: ignore[assignment]
    publication.save()
    do_record_audit(
        actor,
        "publication.responses_published" if published else "publication.responses_unpublished",
        consultation,
    )
    return publication
