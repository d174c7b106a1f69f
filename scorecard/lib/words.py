"""Counts and figures in words, for the rules and pages that explain themselves in sentences."""

import unicodedata
from datetime import date


def count_of(number: int, noun: str) -> str:
    """ "1 objective", "3 objectives": the noun made plural with an s."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def figures_in_words(known_on: date | None, *, closed: bool = False) -> str:
    """What a page's figures are, as a sentence every page shows the same way.

    "as known on 8 December 2026 (not closed)": what was known by the end of
    that day; None: "latest, including revisions". (A closed month's "as
    reported on D (closed)" joins these when months can be closed.)
    """
    if known_on is None:
        return "latest, including revisions"
    when = f"as known on {known_on.day} {known_on:%B %Y}"
    return when if closed else f"{when} (not closed)"


def visible_text(text: str) -> str:
    """`text` without the whitespace and invisible characters at its ends.

    A reason made only of zero-width spaces or joiners (Unicode's format
    characters) reads as blank to everyone, so a rule that asks for a reason
    takes it as none.
    """
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def _invisible(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) == "Cf"
