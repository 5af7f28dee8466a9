"""Advice (advies), its sections, recommendations, questions, attachments, comments."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned
from core.uploads import GeneratedName, UploadValidator, private_storage


class AdviceKind(models.TextChoices):
    REQUESTED = "gevraagd", _("Gevraagd")
    UNSOLICITED = "ongevraagd", _("Ongevraagd")


class Addressee(models.TextChoices):
    COLLEGE = "college", _("College van B en W")
    COUNCIL = "raad", _("Gemeenteraad")
    BOTH = "beide", _("College en raad")


class AdviceStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    SUBMITTED = "ingediend", _("Ter beoordeling")
    ADOPTED = "vastgesteld", _("Vastgesteld door de voorzitter")
    SENT = "verzonden", _("Verzonden")
    ANSWERED = "beantwoord", _("Beantwoord")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")


# Statuses in which an advice has left the council and is public.
SENT_STATUSES = [AdviceStatus.SENT, AdviceStatus.ANSWERED, AdviceStatus.PUBLISHED]


class AdviceQuerySet(models.QuerySet):
    def public(self) -> "AdviceQuerySet":
        """Advice that has left the council: the public archive."""
        return self.filter(status__in=SENT_STATUSES)

    def with_response_counts(self) -> "AdviceQuerySet":
        # A recommendation has at most one response, so both counts share a join.
        return self.annotate(
            recommendation_count=models.Count("recommendations", distinct=True),
            response_count=models.Count("recommendations__response", distinct=True),
        )

    def overdue(self, on=None) -> "AdviceQuerySet":
        """Sent advice past its response date with a recommendation unanswered."""
        on = on or timezone.localdate()
        return self.filter(
            status=AdviceStatus.SENT,
            response_due_on__lt=on,
            recommendations__response__isnull=True,
        ).distinct()


class Advice(ChoiceLabelsMixin, Versioned):
    council = models.ForeignKey(
        "advisories.AdvisoryCouncil",
        verbose_name=_("adviesraad"),
        on_delete=models.PROTECT,
        related_name="advices",
    )
    request = models.ForeignKey(
        "advisories.AdviceRequest",
        verbose_name=_("adviesaanvraag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advices",
    )
    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advices",
    )
    kind = models.CharField(_("soort"), max_length=10, choices=AdviceKind.choices)
    title = models.CharField(_("titel"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    addressee = models.CharField(
        _("gericht aan"),
        max_length=10,
        choices=Addressee.choices,
        default=Addressee.COLLEGE,
    )
    dated = models.DateField(_("datum"), null=True, blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=AdviceStatus.choices,
        default=AdviceStatus.DRAFT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_advices",
    )
    signed_by = models.CharField(
        _("ondertekend door"),
        max_length=200,
        blank=True,
        help_text=_("Naam en functie van de voorzitter die ondertekent."),
    )
    sent_on = models.DateField(_("verzonden op"), null=True, blank=True)
    response_due_on = models.DateField(
        _("reactie verwacht uiterlijk"), null=True, blank=True
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_on = models.DateField(_("gepubliceerd op"), null=True, blank=True)
    redacted_terms = models.TextField(
        _("weg te laken namen"),
        blank=True,
        help_text=_(
            "Eén naam per regel: namen van privépersonen die in het openbare archief "
            "onleesbaar worden gemaakt (Woo/AVG)."
        ),
    )
    # The token of the form that created the advice: posting it twice creates one.
    creation_key = models.UUIDField(
        _("aanmaaksleutel"), null=True, blank=True, unique=True, editable=False
    )
    # Dutch full-text index over title, summary, recommendations and sections,
    # rebuilt by services.advice_index() whenever an advice leaves the council.
    search_vector = SearchVectorField(_("zoekindex"), null=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = AdviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-dated", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="gevraagd", request__isnull=False)
                | Q(kind="ongevraagd", request__isnull=True),
                name="advice_kind_matches_request",
                violation_error_message=_(
                    "Een gevraagd advies hoort bij een aanvraag; een ongevraagd advies niet."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=SENT_STATUSES) | Q(sent_on__isnull=False),
                name="advice_sent_has_date",
                violation_error_message=_(
                    "Een verzonden advies heeft een verzenddatum."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-sent_on"]),
            # The admin lists advice newest first (the default ordering, then id).
            models.Index(
                fields=["dated", "created_at", "id"], name="advice_dated_created_id"
            ),
            GinIndex(fields=["search_vector"], name="advice_search_vector_gin"),
            # The archive's framework filter asks, per framework, whether any public
            # advice is about it: an index-only probe instead of reading the rows.
            models.Index(
                fields=["framework"],
                condition=Q(status__in=SENT_STATUSES),
                name="advice_public_framework",
            ),
            # The public archive newest first (the home page's latest advice): the
            # first rows of this index, without sorting every public advice.
            models.Index(
                F("sent_on").desc(),
                F("id").desc(),
                condition=Q(status__in=SENT_STATUSES),
                name="advice_public_newest",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("advisories:advice-detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        advice = super().from_db(db, field_names, values)
        # Whether it was public as read (unknown, so assumed, when not read).
        status = advice.__dict__.get("status")
        advice._was_public = status is None or status in SENT_STATUSES
        return advice

    def changes_public_pages(self) -> bool:
        """Whether a save or delete of this advice can change a public page
        (core.public_pages): only when it is public, or was when it was read.
        Council members save drafts often; none of that is shown."""
        return self.status in SENT_STATUSES or getattr(self, "_was_public", False)

    @property
    def is_sent(self) -> bool:
        return self.status in SENT_STATUSES

    def is_overdue(self, on=None) -> bool:
        """Past the response date while a recommendation is still unanswered.

        Uses the counts of ``with_response_counts()`` when the row has them.
        """
        if self.status != AdviceStatus.SENT or self.response_due_on is None:
            return False
        if self.response_due_on >= (on or timezone.localdate()):
            return False
        if hasattr(self, "response_count"):
            return self.response_count < self.recommendation_count
        return self.recommendations.filter(response__isnull=True).exists()


class PartOfAdvice:
    """A part of an advice, shown on public pages only while the advice is public."""

    def changes_public_pages(self) -> bool:
        # The parts of a draft are deleted and written anew on every save, each
        # with the advice it was read through: no query per part.
        if self._meta.get_field("advice").is_cached(self):
            return self.advice.changes_public_pages()
        return Advice.objects.public().filter(pk=self.advice_id).exists()


class AdviceSection(PartOfAdvice, ChoiceLabelsMixin, models.Model):
    """A part of an advice's body: a heading and its text."""

    advice = models.ForeignKey(
        Advice,
        verbose_name=_("advies"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    heading = models.CharField(_("kop"), max_length=250, blank=True)
    body = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["advice", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "position"], name="advice_section_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.heading or f"{self.position}"


class Recommendation(PartOfAdvice, ChoiceLabelsMixin, models.Model):
    """One discrete 'De ASD adviseert …'."""

    advice = models.ForeignKey(
        Advice,
        verbose_name=_("advies"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("aanbeveling"))

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["advice", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "number"],
                name="recommendation_unique_number",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    @property
    def response_or_none(self):
        """The municipality's response, or None while there is none."""
        try:
            return self.response
        except models.ObjectDoesNotExist:
            return None


class Question(PartOfAdvice, ChoiceLabelsMixin, models.Model):
    """A question the council asks the municipality to answer."""

    advice = models.ForeignKey(
        Advice,
        verbose_name=_("advies"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("vraag"))

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["advice", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "number"],
                name="question_unique_number",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class AdviceAttachment(PartOfAdvice, ChoiceLabelsMixin, models.Model):
    advice = models.ForeignKey(
        Advice,
        verbose_name=_("advies"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("titel"), max_length=250)
    file = models.FileField(
        _("bestand"),
        upload_to=GeneratedName("advice"),
        storage=private_storage,
        validators=[UploadValidator("attachment")],
        help_text=_("Een pdf van hoogstens 20 MB."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["advice", "uploaded_at"]

    def __str__(self) -> str:
        return self.title


class AdviceComment(ChoiceLabelsMixin, models.Model):
    """A member's comment on an advice submitted for review."""

    advice = models.ForeignKey(
        Advice,
        verbose_name=_("advies"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("opmerking"))
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")
        ordering = ["advice", "created_at"]

    def __str__(self) -> str:
        return self.body[:80]

    def changes_public_pages(self) -> bool:
        """Comments stay within the council (core.public_pages)."""
        return False


class AdviceCorrection(PartOfAdvice, ChoiceLabelsMixin, models.Model):
    """A visible correction of a sent advice, which itself stays as it was sent."""

    advice = models.ForeignKey(
        Advice,
        verbose_name=_("advies"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    body = models.TextField(_("correctie"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    made_on = models.DateField(_("datum"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")
        ordering = ["advice", "created_at"]

    def __str__(self) -> str:
        return self.body[:80]
