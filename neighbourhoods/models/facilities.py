"""Facilities (plekken), their opening hours and their rooms."""

from datetime import datetime, timedelta

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned
from core.search_keys import search_keys_index

from .. import opening_hours


class FacilityKind(models.TextChoices):
    COMMUNITY_CENTRE = "wijkcentrum", _("Wijkcentrum")
    NEIGHBOURHOOD_HOUSE = "buurthuis", _("Buurthuis")
    NEIGHBOURHOOD_ROOM = "buurtkamer", _("Buurtkamer")
    YOUTH_CENTRE = "jongerencentrum", _("Jongerencentrum")
    SENIOR_CENTRE = "ouderensteunpunt", _("Ouderensteunpunt")
    COMMUNITY_SCHOOL = "brede_school", _("Brede school")
    SPORTS = "sportaccommodatie", _("Sportaccommodatie")
    PLAYGROUND = "speeltuin", _("Speeltuin")
    MULTI_PURPOSE = "mfa", _("Multifunctionele accommodatie")
    CHURCH = "kerk", _("Kerk")
    MOSQUE = "moskee", _("Moskee")
    LIBRARY = "bibliotheek", _("Bibliotheek")
    CULTURE = "cultuur", _("Cultuurcentrum")
    OTHER = "overig", _("Overig")


def _covers(clock, *, next_morning: bool) -> Q:
    """Rows of OpeningHours/OpeningException whose period covers `clock`."""
    past_midnight = Q(closes__lte=F("opens"))
    if next_morning:
        return past_midnight & Q(closes__gt=clock)
    return Q(opens__lte=clock) & (Q(closes__gt=clock) | past_midnight)


class FacilityQuerySet(models.QuerySet):
    def open_at(self, moment: datetime) -> "FacilityQuerySet":
        """Places open at an aware `moment`, in Amsterdam wall-clock time.

        Mirrors opening_hours.is_open in SQL: an exception on a date replaces the
        weekly hours, a public holiday closes places that close on holidays, and a
        period past midnight also covers the next morning.
        """
        day, clock = opening_hours.local_moment(moment)
        condition = Q(pk__in=[])
        for date, next_morning in ((day, False), (day - timedelta(days=1), True)):
            covers = _covers(clock, next_morning=next_morning)
            exception_open = Exists(
                OpeningException.objects.filter(
                    covers, facility=OuterRef("pk"), date=date, is_closed=False
                )
            )
            has_exception = Exists(
                OpeningException.objects.filter(facility=OuterRef("pk"), date=date)
            )
            weekly_open = Exists(
                OpeningHours.objects.filter(
                    covers, facility=OuterRef("pk"), weekday=date.weekday()
                )
            )
            weekly_applies = ~Q(has_exception)
            if opening_hours.is_public_holiday(date):
                weekly_applies &= Q(closed_on_public_holidays=False)
            condition |= Q(exception_open) | (weekly_applies & Q(weekly_open))
        return self.filter(condition)


class Facility(ChoiceLabelsMixin, Versioned):
    """A place (plek, voorziening, accommodatie) where people meet or are helped."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = ("municipality", "neighbourhood__municipality")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=FacilityKind.choices)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
    )
    description = models.TextField(_("omschrijving"), blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    owner = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("eigenaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_facilities",
    )
    operator = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("beheerder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="operated_facilities",
    )
    is_subsidised = models.BooleanField(_("gesubsidieerd"), default=False)
    is_heart = models.BooleanField(
        _("kloppend hart"),
        default=False,
        help_text=_("De centrale ontmoetingsplek van de wijk."),
    )
    functions = models.ManyToManyField(
        "neighbourhoods.FacilityFunction",
        verbose_name=_("functies"),
        blank=True,
        related_name="facilities",
    )
    target_groups = models.ManyToManyField(
        "neighbourhoods.TargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name="facilities",
    )
    themes = models.ManyToManyField(
        "neighbourhoods.Theme",
        verbose_name=_("thema's"),
        blank=True,
        related_name="facilities",
    )
    wheelchair_accessible = models.BooleanField(
        _("rolstoeltoegankelijk"), default=False
    )
    closed_on_public_holidays = models.BooleanField(
        _("gesloten op feestdagen"),
        default=True,
        help_text=_("Afwijkende openingstijden op een feestdag gaan hier altijd voor."),
    )
    accessibility_notes = models.TextField(_("toegankelijkheid"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    commercial_reserve_percent = models.DecimalField(
        _("reserve voor niet-commercieel gebruik (%)"),
        max_digits=5,
        decimal_places=2,
        default=15,
        help_text=_(
            "Deel van de beschikbare uren dat commerciële boekingen niet mogen nemen."
        ),
    )

    # Dutch full-text search (/zoeken/, ?q=): kept by PostgreSQL, never written.
    search_vector = models.GeneratedField(
        expression=SearchVector("name", weight="A", config="dutch")
        + SearchVector("description", weight="B", config="dutch")
        + SearchVector("street", "city", weight="C", config="dutch"),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("zoekindex"),
    )

    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="facility_coordinates_valid",
                violation_error_message=_("Geef beide coördinaten, binnen hun bereik."),
            ),
            models.CheckConstraint(
                condition=Q(
                    commercial_reserve_percent__gte=0,
                    commercial_reserve_percent__lte=100,
                ),
                name="facility_commercial_reserve_percentage",
                violation_error_message=_("Een percentage ligt tussen 0 en 100."),
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "kind"]),
            models.Index(fields=["neighbourhood", "kind"]),
            GinIndex(fields=["search_vector"], name="facility_search_vector"),
            # A search of one word ranks only the best rows (search_keys.py).
            search_keys_index("facility_search_keys"),
            # /plekken/ orders by (name, id): the first page walks this index.
            models.Index(fields=["name", "id"], name="facility_name_id"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("neighbourhoods:facility-detail", kwargs={"slug": self.slug})

    def is_open_at(self, moment: datetime) -> bool:
        """Whether the place is open at `moment`; prefetch the hours for lists."""
        weekly: dict[int, list[opening_hours.Period]] = {}
        for hours in self.opening_hours.all():
            period = opening_hours.Period(hours.opens, hours.closes)
            weekly.setdefault(hours.weekday, []).append(period)
        exceptions = {
            exception.date: None
            if exception.is_closed
            else [opening_hours.Period(exception.opens, exception.closes)]
            for exception in self.opening_exceptions.all()
        }
        return opening_hours.is_open(
            moment,
            weekly=weekly,
            exceptions=exceptions,
            closed_on_public_holidays=self.closed_on_public_holidays,
        )

    @property
    def address(self) -> str:
        street = " ".join(part for part in (self.street, self.house_number) if part)
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, place) if part)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class OpeningHours(ChoiceLabelsMixin, models.Model):
    """A weekly opening period; closing before opening means open past midnight."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "facility__municipality",
        "facility__neighbourhood__municipality",
    )

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("plek"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("open vanaf"))
    closes = models.TimeField(_("open tot"))

    class Meta:
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        ordering = ["facility", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(opens=F("closes")),
                name="opening_hours_not_empty",
                violation_error_message=_(
                    "Openen en sluiten mogen niet op hetzelfde tijdstip."
                ),
            ),
            models.UniqueConstraint(
                fields=["facility", "weekday", "opens"],
                name="opening_hours_unique_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(ChoiceLabelsMixin, models.Model):
    """A day the usual hours do not apply: a holiday, a closure or special hours."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "facility__municipality",
        "facility__neighbourhood__municipality",
    )

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("plek"),
        on_delete=models.CASCADE,
        related_name="opening_exceptions",
    )
    date = models.DateField(_("datum"))
    is_closed = models.BooleanField(_("gesloten"), default=True)
    opens = models.TimeField(_("open vanaf"), null=True, blank=True)
    closes = models.TimeField(_("open tot"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("afwijkende openingstijd")
        verbose_name_plural = _("afwijkende openingstijden")
        ordering = ["facility", "date"]
        indexes = [
            # "Nu open" asks which places have an exception today (and yesterday,
            # for hours past midnight): without it, a scan of every exception.
            models.Index(fields=["date"], name="opening_exception_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "date"], name="opening_exception_unique_day"
            ),
            models.CheckConstraint(
                condition=Q(is_closed=True, opens__isnull=True, closes__isnull=True)
                | Q(is_closed=False, opens__isnull=False, closes__isnull=False),
                name="opening_exception_hours_when_open",
                violation_error_message=_(
                    "Geef openings- en sluitingstijd als de plek open is, en geen als hij dicht is."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility}: {self.date}"


class Room(ChoiceLabelsMixin, Versioned):
    """A bookable space (ruimte) in a facility."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "facility__municipality",
        "facility__neighbourhood__municipality",
    )

    facility = models.ForeignKey(
        Facility, verbose_name=_("plek"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("naam"), max_length=100)
    capacity = models.PositiveIntegerField(
        _("capaciteit (personen)"), null=True, blank=True
    )
    area_m2 = models.DecimalField(
        _("oppervlakte (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    is_bookable = models.BooleanField(_("te reserveren"), default=True)

    class Meta:
        verbose_name = _("ruimte")
        verbose_name_plural = _("ruimtes")
        ordering = ["facility", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "name"], name="room_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(area_m2__isnull=True) | Q(area_m2__gt=0),
                name="room_area_positive",
                violation_error_message=_("De oppervlakte moet groter zijn dan nul."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} – {self.name}"
