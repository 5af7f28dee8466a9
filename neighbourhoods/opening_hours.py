"""Opening hours in Dutch local time: public holidays and whether a place is open.

Hours are wall-clock times in Europe/Amsterdam, so a place that opens at 09:00 opens
at 09:00 on both sides of a daylight-saving change. A period whose closing time lies
before its opening time runs past midnight into the next day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous algorithm of Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> dict[date, str]:
    """The Dutch public holidays (feestdagen) on which facilities usually close."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if (
        kings_day.weekday() == 6
    ):  # Koningsdag moves to Saturday when it falls on Sunday.
        kings_day = date(year, 4, 26)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter: "Eerste Paasdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        kings_day: "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=49): "Eerste Pinksterdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)


@dataclass(frozen=True)
class Period:
    """Opening and closing time on one day; closes <= opens runs past midnight."""

    opens: time
    closes: time

    @property
    def runs_past_midnight(self) -> bool:
        return self.closes <= self.opens

    def covers_same_day(self, moment: time) -> bool:
        if self.runs_past_midnight:
            return moment >= self.opens
        return self.opens <= moment < self.closes

    def covers_next_morning(self, moment: time) -> bool:
        return self.runs_past_midnight and moment < self.closes


def local_moment(moment: datetime) -> tuple[date, time]:
    """The date and wall-clock time in Amsterdam of an aware datetime."""
    local = moment.astimezone(AMSTERDAM)
    return local.date(), local.time().replace(tzinfo=None)


def open_periods(
    day: date,
    *,
    weekly: dict[int, list[Period]],
    exceptions: dict[date, list[Period] | None],
    closed_on_public_holidays: bool,
) -> list[Period]:
    """The periods a place opens on `day`: an exception wins, then holidays, then
    the weekly hours. An exception of None means closed all day."""
    if day in exceptions:
        return exceptions[day] or []
    if closed_on_public_holidays and is_public_holiday(day):
        return []
    return weekly.get(day.weekday(), [])


def is_open(
    moment: datetime,
    *,
    weekly: dict[int, list[Period]],
    exceptions: dict[date, list[Period] | None],
    closed_on_public_holidays: bool,
) -> bool:
    """Whether a place with these hours is open at an aware `moment`."""
    day, clock = local_moment(moment)
    rules = {
        "weekly": weekly,
        "exceptions": exceptions,
        "closed_on_public_holidays": closed_on_public_holidays,
    }
    if any(p.covers_same_day(clock) for p in open_periods(day, **rules)):
        return True
    yesterday = day - timedelta(days=1)
    return any(p.covers_next_morning(clock) for p in open_periods(yesterday, **rules))
