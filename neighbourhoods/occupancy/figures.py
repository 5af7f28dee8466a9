"""The figures of an occupancy report: the policy's targets, a room's usage and the
report's rows."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import BookingKind

# The policy's targets, in percent of the available hours.
ORGANISATION_TARGET = Decimal(85)
AD_HOC_RESERVE = Decimal(15)
# Kinds that count towards the 85 % target.
ORGANISATION_KINDS = (BookingKind.SUBSIDISED, BookingKind.NON_SUBSIDISED)

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def hours(seconds: int | Decimal) -> Decimal:
    """Seconds as hours with two decimals."""
    return (Decimal(seconds) / 3600).quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """`part` as a percentage of `whole`, one decimal; 0 when there is no whole."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(
        TENTH, rounding=ROUND_HALF_UP
    )


# FIGURES
# ------------------------------------------------------------------------------


@dataclass
class Usage:
    """Available and booked seconds of one or more rooms over one period."""

    available: int = 0
    booked_by_kind: dict[str, int] = field(default_factory=dict)
    # Seconds kept from commercial use (the facility's reserve of the available).
    commercial_reserve: Decimal = Decimal(0)

    def add(self, other: "Usage") -> None:
        self.available += other.available
        self.commercial_reserve += other.commercial_reserve
        for kind, seconds in other.booked_by_kind.items():
            self.booked_by_kind[kind] = self.booked_by_kind.get(kind, 0) + seconds

    @property
    def booked(self) -> int:
        return sum(self.booked_by_kind.values())

    @property
    def free(self) -> int:
        return max(self.available - self.booked, 0)

    @property
    def available_hours(self) -> Decimal:
        return hours(self.available)

    @property
    def booked_hours(self) -> Decimal:
        return hours(self.booked)

    @property
    def free_hours(self) -> Decimal:
        return hours(self.free)

    @property
    def occupancy_percent(self) -> Decimal:
        """All booked hours over the available hours."""
        return share(self.booked, self.available)

    @property
    def organisation_seconds(self) -> int:
        return sum(self.booked_by_kind.get(kind, 0) for kind in ORGANISATION_KINDS)

    @property
    def organisation_percent(self) -> Decimal:
        """Hours used by (non-)subsidised organisations: the figure the 85 % is about."""
        return share(self.organisation_seconds, self.available)

    @property
    def ad_hoc_room_percent(self) -> Decimal:
        """Hours open to ad hoc use: used ad hoc or still free (kept: 15 %)."""
        ad_hoc = self.booked_by_kind.get(BookingKind.AD_HOC, 0)
        return share(ad_hoc + self.free, self.available)

    @property
    def commercial_reserve_percent(self) -> Decimal:
        return share(self.commercial_reserve, self.available)

    @property
    def meets_target(self) -> bool:
        return self.available > 0 and self.organisation_percent >= ORGANISATION_TARGET

    @property
    def keeps_ad_hoc_reserve(self) -> bool:
        return self.available > 0 and self.ad_hoc_room_percent >= AD_HOC_RESERVE

    @property
    def free_percent(self) -> Decimal:
        return share(self.free, self.available)

    def kinds(self) -> list["KindFigure"]:
        """Hours and share of every kind of use, in the order of BookingKind.

        `offset` is the share of the kinds before it, to stack them in a bar.
        """
        figures = []
        offset = Decimal(0)
        for kind, label in BookingKind.choices:
            percent = share(self.booked_by_kind.get(kind, 0), self.available)
            figures.append(
                KindFigure(
                    kind=kind,
                    label=label,
                    hours=hours(self.booked_by_kind.get(kind, 0)),
                    percent=percent,
                    offset=min(offset, HUNDRED),
                    colour=KIND_COLOURS[kind],
                )
            )
            offset += percent
        return figures

    def seconds(self, kind: str) -> int:
        return self.booked_by_kind.get(kind, 0)


# Bar colours, each at least 3:1 against white (WCAG 1.4.11); the table beside the
# bar carries the same numbers, so colour is never the only carrier.
KIND_COLOURS = {
    BookingKind.SUBSIDISED: "#1b5e20",
    BookingKind.NON_SUBSIDISED: "#1f5fa8",
    BookingKind.COMMERCIAL: "#8a4b00",
    BookingKind.AD_HOC: "#6a1b9a",
}


@dataclass(frozen=True)
class KindFigure:
    kind: str
    label: str | Promise
    hours: Decimal
    percent: Decimal
    offset: Decimal = Decimal(0)
    colour: str = "#000000"


@dataclass
class Row:
    """One line of a report: a room, facility, neighbourhood or the total."""

    key: int | None
    name: str
    usage: Usage = field(default_factory=Usage)
    rooms: int = 0


@dataclass
class OccupancyReport:
    start: date
    end: date
    rooms: list[Row] = field(default_factory=list)
    facilities: list[Row] = field(default_factory=list)
    neighbourhoods: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(key=None, name=str(_("Totaal"))))

    target = ORGANISATION_TARGET
    ad_hoc_reserve = AD_HOC_RESERVE

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1
