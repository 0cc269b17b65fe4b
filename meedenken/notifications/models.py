"""Every e-mail the platform sends, recorded: to whom, why, which template, and what happened."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")
    BOUNCED = "bounced", _("onbestelbaar")
    SUPPRESSED = "suppressed", _("niet verstuurd (afgemeld)")


class OutgoingEmail(models.Model):
    """One message. Its rendered body is kept only until it is sent: the record that stays holds
    no personal link, only the address, purpose, status and times."""

    to = models.EmailField(_("aan"))
    purpose = models.CharField(_("doel"), max_length=40)
    template = models.CharField(_("sjabloon"), max_length=80)
    language = models.CharField(_("taal"), max_length=5, default="nl")
    subject = models.CharField(_("onderwerp"), max_length=200)
    body_text = models.TextField(_("tekst"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    # Where the recipient unsubscribes in one click (RFC 8058 List-Unsubscribe); it holds a
    # personal token, so it is erased with the body once sent.
    unsubscribe_url = models.URLField(_("afmeldlink"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    error = models.TextField(_("foutmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    related_type = models.CharField(_("hoort bij (soort)"), max_length=100, blank=True)
    related_id = models.CharField(_("hoort bij (id)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    failed_at = models.DateTimeField(_("mislukt op"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("onbestelbaar gemeld op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("e-mailbericht")
        verbose_name_plural = _("e-mailberichten")
        indexes = [
            models.Index(fields=["related_type", "related_id"]),
            models.Index(fields=["to", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} → {self.to}"


class EmailOptOut(models.Model):
    """An address that asked for no more invitations, reminders or notices. Messages the person
    asked for themselves (a receipt, their link) are still sent."""

    address = models.EmailField(_("e-mailadres"), unique=True)
    created_at = models.DateTimeField(_("afgemeld op"), auto_now_add=True)
    source = models.CharField(_("bron"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("afmelding")
        verbose_name_plural = _("afmeldingen")

    def __str__(self) -> str:
        return self.address


class NoticeSubscription(models.Model):
    """Someone asked to hear when results about something (a consultation) are published. Kept
    only until that notice is sent."""

    related_type = models.CharField(_("hoort bij (soort)"), max_length=100)
    related_id = models.CharField(_("hoort bij (id)"), max_length=64)
    address = models.EmailField(_("e-mailadres"))
    language = models.CharField(_("taal"), max_length=5, default="nl")
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanmelding voor bericht")
        verbose_name_plural = _("aanmeldingen voor berichten")
        constraints = [
            models.UniqueConstraint(
                fields=["related_type", "related_id", "address"], name="one_notice_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.related_type}:{self.related_id}"
