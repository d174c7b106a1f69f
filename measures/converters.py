from datetime import date


class MonthConverter:
    """A month in an address as YYYY-MM (/values/2026-04/), given to views as its first day."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value):
        year, month = (int(part) for part in value.split("-"))
        # A ValueError here makes the address not match, so "2026-13" is a 404.
        return date(year, month, 1)

    def to_url(self, value):
        return f"{value:%Y-%m}"
