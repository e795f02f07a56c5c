"""Turn a claim's period into a window of two sessions on its exchange.

A window runs from the close before the period (the base) to the last close
at or before the as-of session (the end): "this week" starts at the prior
week's last close, YTD at the previous year's last close, 1d at the previous
session. The period grammar is the one in ``records.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tapecheck.correlate.calendars import Calendar, day_of_week, previous_weekday

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Window:
    base: date        # session whose close is the starting point
    end: date         # session whose close is compared
    label: str        # "the week", "YTD 2026" ... for reasons


class NoWindow(ValueError):
    """The period cannot be placed on the calendar (undated event, future, no period)."""


def window(period: str, as_of: date, cal: Calendar, today: date | None = None) -> Window:
    """The (base, end) sessions of ``period`` for a claim made as of session ``as_of``.

    ``today`` is the calendar day the article was written (local to the
    exchange): "last week" and "last month" are the calendar week and month
    before it, so a Monday-morning article's "last week" is the week just
    ended even though Monday's session has not closed.
    """
    try:
        return _window(period, as_of, cal, today or as_of)
    except (ValueError, IndexError) as error:   # "since:2026-13-40", "month:xx"
        if isinstance(error, NoWindow):
            raise
        raise NoWindow(f"cannot read the period {period!r}") from None


def _window(period: str, as_of: date, cal: Calendar, today: date) -> Window:
    kind, _, arg = period.partition(":")
    if kind == "1d":
        return Window(_before(cal, as_of), as_of, f"on {as_of}")
    if kind == "day":
        return _day(arg, as_of, cal)
    if kind == "week":
        monday = as_of - timedelta(days=as_of.weekday())
        return Window(_before(cal, monday), as_of, "for the week")
    if kind == "last_week":
        monday = today - timedelta(days=today.weekday())
        return Window(_before(cal, monday - timedelta(days=7)), _before(cal, monday),
                      "for the previous week")
    if kind == "month" and not arg:
        first = as_of.replace(day=1)
        return Window(_before(cal, first), as_of, f"for {MONTHS[as_of.month - 1]} to date")
    if kind == "last_month":
        first = today.replace(day=1)
        prev = (first - timedelta(days=1)).replace(day=1)
        return Window(_before(cal, prev), _before(cal, first),
                      f"for {MONTHS[prev.month - 1]} {prev.year}")
    if kind == "month":
        return _month(arg, as_of, cal)
    if kind in ("quarter", "half"):
        return _part(kind, arg, as_of, cal)
    if len(kind) >= 2 and kind[-1] == "m" and kind[:-1].isdigit():     # 3m, 6m: trailing months
        return _trailing_months(int(kind[:-1]), as_of, cal)
    if kind == "ytd":
        year = int(arg) if arg else as_of.year
        if year > as_of.year:
            raise NoWindow(f"YTD {year} is after the as-of date {as_of}")
        if year < as_of.year:
            return _year(year, as_of, cal)
        return Window(_before(cal, date(year, 1, 1)), as_of, f"YTD {year}")
    if kind == "year":
        return _year(int(arg), as_of, cal)
    if kind == "1y" and arg:             # 1y:2025-06: the twelve months to the end of June 2025
        year, month = (int(p) for p in arg.split("-")[:2])
        following = date(year + (month == 12), month % 12 + 1, 1)
        if following - timedelta(days=1) > as_of:
            raise NoWindow(f"the twelve months to {MONTHS[month - 1]} {year} end after the as-of date {as_of}")
        return Window(_before(cal, date(year - 1 + (month == 12), month % 12 + 1, 1)), _before(cal, following),
                      f"over the twelve months to {MONTHS[month - 1]} {year}")
    if kind == "1y":
        start = _years_back(as_of, 1)
        base = cal.session_on_or_before(start)
        if base is None:
            raise NoWindow("the calendar does not reach back a year")
        return Window(base, as_of, "over the trailing year")
    if kind == "since":
        start = date.fromisoformat(arg)
        if start > as_of:
            raise NoWindow(f"since {start} is after the as-of date {as_of}")
        return Window(_before(cal, start), as_of, f"since {start}")
    if kind == "since_event":
        raise NoWindow("the period is an undated event")
    if kind == "none" or not kind:
        raise NoWindow("no period is stated")
    raise NoWindow(f"unknown period {period!r}")


def _before(cal: Calendar, day: date) -> date:
    base = cal.session_before(day)
    if base is None:
        raise NoWindow(f"the {cal.code} calendar starts after {day}")
    return base


def _day(arg: str, as_of: date, cal: Calendar) -> Window:
    if len(arg) == 10:  # day:2026-02-13
        day = date.fromisoformat(arg)
        if day > as_of:
            raise NoWindow(f"{day} is after the as-of date {as_of}")
        if not cal.is_session(day):
            raise NoWindow(f"{day} was not a trading day on {cal.code}")
        return Window(_before(cal, day), day, f"on {day}")
    weekday = day_of_week(arg)
    day = previous_weekday(as_of, weekday)
    for _ in range(4):  # a holiday on that weekday: the one a week earlier
        if cal.is_session(day):
            return Window(_before(cal, day), day, f"on {day:%A} {day}")
        day -= timedelta(days=7)
    raise NoWindow(f"no {arg} session found before {as_of}")


def _month(arg: str, as_of: date, cal: Calendar) -> Window:
    if "-" in arg:
        year, month = (int(p) for p in arg.split("-")[:2])
    else:
        month = int(arg)
        year = as_of.year if month <= as_of.month else as_of.year - 1
    first = date(year, month, 1)
    if first > as_of:
        raise NoWindow(f"{MONTHS[month - 1]} {year} is after the as-of date {as_of}")
    following = date(year + (month == 12), month % 12 + 1, 1)
    end = as_of if following > as_of else _before(cal, following)
    return Window(_before(cal, first), end, f"for {MONTHS[month - 1]} {year}")


def part_range(kind: str, arg: str) -> tuple[date, date]:
    """First day of a named quarter or half ('2025-Q2', '2025-H1') and the first day after it."""
    year, part = int(arg[:4]), int(arg[-1])
    months = 3 if kind == "quarter" else 6
    if arg[5:6].upper() != ("Q" if kind == "quarter" else "H") or not 1 <= part <= 12 // months:
        raise ValueError(arg)
    first = date(year, (part - 1) * months + 1, 1)
    month = first.month + months
    return first, date(year + (month > 12), (month - 1) % 12 + 1, 1)


def _part(kind: str, arg: str, as_of: date, cal: Calendar) -> Window:
    """A calendar quarter or half: from the last close before it to its last close
    (or to the as-of session while it is still running)."""
    first, following = part_range(kind, arg)
    label = f"in {arg[5:]} {arg[:4]}"
    if first > as_of:
        raise NoWindow(f"{arg[:4]} {arg[5:]} is after the as-of date {as_of}")
    end = as_of if following > as_of else _before(cal, following)
    return Window(_before(cal, first), end, label)


def _trailing_months(months: int, as_of: date, cal: Calendar) -> Window:
    """The trailing N months ('3M' column, 'over the past six months'): from the
    last close on or before the same day N months back, as 1y is twelve."""
    start = _months_back(as_of, months)
    base = cal.session_on_or_before(start)
    if base is None:
        raise NoWindow(f"the calendar does not reach back {months} months")
    return Window(base, as_of, f"over the trailing {months} months")


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = (date(year + (month == 11), (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


def _year(year: int, as_of: date, cal: Calendar) -> Window:
    if date(year, 1, 1) > as_of:
        raise NoWindow(f"{year} is after the as-of date {as_of}")
    following = date(year + 1, 1, 1)
    end = as_of if following > as_of else _before(cal, following)
    return Window(_before(cal, date(year, 1, 1)), end, f"in {year}")


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def earliest_base(period: str, as_of: date) -> date:
    """A calendar day safely before any base session of ``period``: what to fetch from."""
    kind, _, arg = period.partition(":")
    margin = timedelta(days=10)
    if kind in ("1d", "week"):
        return as_of - timedelta(days=7) - margin
    if kind == "day":
        if len(arg) == 10:
            return date.fromisoformat(arg) - margin
        return as_of - timedelta(days=35) - margin
    if kind in ("last_week",):
        return as_of - timedelta(days=14) - margin
    if kind in ("month", "last_month"):
        if arg:
            year = int(arg.split("-")[0]) if "-" in arg else as_of.year - 1
            return date(year, int(arg.split("-")[-1]), 1) - margin
        return as_of.replace(day=1) - timedelta(days=31) - margin
    if kind in ("ytd", "year"):
        year = int(arg) if arg else as_of.year
        return date(min(year, as_of.year), 1, 1) - margin
    if kind == "1y" and arg:
        return date(int(arg[:4]) - 1, int(arg[5:7]), 1) - margin
    if kind == "1y":
        return _years_back(as_of, 1) - margin
    if kind in ("quarter", "half"):
        return min(part_range(kind, arg)[0], as_of) - margin
    if len(kind) >= 2 and kind[-1] == "m" and kind[:-1].isdigit():
        return _months_back(as_of, int(kind[:-1])) - margin
    if kind == "since":
        return min(date.fromisoformat(arg), as_of) - margin
    return as_of - margin
