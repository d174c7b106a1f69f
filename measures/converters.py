from datetime import date

from scorecard.lib import periods


class MonthConverter:
    """A month in an address as YYYY-MM (/values/2026-04/), given to views as its first day."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value):
        year, month = (int(part) for part in value.split("-"))
        # A ValueError here makes the address not match, so "2026-13" and
        # months before any kept period are a 404.
        month = date(year, month, 1)
        if month < periods.EARLIEST:
            raise ValueError(f"{value} is before the earliest period kept.")
        return month

    def to_url(self, value):
        return f"{value:%Y-%m}"
