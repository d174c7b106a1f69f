"""Counts in words, for the rules that explain themselves in sentences."""


def count_of(number: int, noun: str) -> str:
    """ "1 objective", "3 objectives": the noun made plural with an s."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
