"""The advisory council (adviesraad) and its members' terms."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin


class AdvisoryCouncil(ChoiceLabelsMixin, models.Model):
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="advisory_councils",
    )
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("afkorting"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    postal_address = models.TextField(_("postadres"), blank=True)
    municipality_contact_email = models.EmailField(
        _("e-mailadres van de gemeente"),
        blank=True,
        help_text=_("Waar verzonden adviezen naartoe gaan."),
    )
    request_period_weeks = models.PositiveSmallIntegerField(
        _("adviestermijn in weken"),
        default=6,
        help_text=_("Uiterste adviesdatum van een nieuwe aanvraag, na ontvangst."),
    )
    response_period_weeks = models.PositiveSmallIntegerField(
        _("reactietermijn in weken"),
        default=6,
        help_text=_("Binnen hoeveel weken na verzending de gemeente reageert."),
    )

    class Meta:
        verbose_name = _("adviesraad")
        verbose_name_plural = _("adviesraden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "voorzitter", _("Voorzitter")
    MEMBER = "lid", _("Lid")
    SECRETARY = "secretaris", _("Secretaris")


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None) -> "MembershipQuerySet":
        """Terms that run on `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class Membership(ChoiceLabelsMixin, models.Model):
    """A person's term on the council, with their role."""

    council = models.ForeignKey(
        AdvisoryCouncil,
        verbose_name=_("adviesraad"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=12, choices=MemberRole.choices)
    starts_on = models.DateField(_("lid vanaf"))
    ends_on = models.DateField(_("lid tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["council", "role", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="membership_term_ordered",
                violation_error_message=_(
                    "Het einde van de termijn ligt na het begin."
                ),
            ),
        ]
        indexes = [models.Index(fields=["user", "council"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.council})"

    def changes_public_pages(self) -> bool:
        """No public page shows who sits on a council (core.public_pages)."""
        return False
