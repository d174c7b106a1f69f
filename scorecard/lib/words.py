"""Counts and figures in words, for the rules and pages that explain themselves in sentences."""

from datetime import date


def count_of(number: int, noun: str) -> str:
    """ "1 objective", "3 objectives": the noun made plural with an s."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def figures_in_words(known_on: date | None) -> str:
    """What a page's figures are, as a sentence every page shows the same way.

    "as known on 8 December 2026 (not closed)": what was known by the end of
    that day; None: "latest, including revisions". (A closed month's "as
    reported on D (closed)" joins these when months can be closed.)
    """
    if known_on is None:
        return "latest, including revisions"
    return f"as known on {known_on.day} {known_on:%B %Y} (not closed)"
