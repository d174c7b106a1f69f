"""The performance measure sheet: how complete a measure's definition is, and
what is missing or weak in it. Plain dicts of field values in, words out."""

from collections.abc import Mapping

# The sheet's fields as stored on a measure, with their names on the page.
# The thirteenth, the target, lives in its own rows (stage 6).
SHEET_FIELDS = {
    "title": "title",
    "purpose": "purpose",
    "relates_to": "relates to",
    "formula": "formula",
    "frequency": "frequency of measurement",
    "review_frequency": "frequency of review",
    "who_measures": "who measures",
    "data_source": "source of data",
    "owner": "who owns the measure",
    "who_acts": "who acts on the data",
    "action": "what they do",
    "notes": "notes and comments",
}
SHEET_SIZE = len(SHEET_FIELDS) + 1  # and the target

# What a gap in a field means for the people who will use the measure.
FINDINGS = {
    "formula": "No formula: nobody can tell how the figure is calculated",
    "data_source": "No source of data: figures may not compare from month to month",
    "owner": "No owner: nobody is accountable for the measure",
    "who_measures": "Nobody named to collect and report the data",
    "who_acts": "Nobody named to act on the data",
    "action": "No action: nothing says what happens when performance is unacceptable",
    "purpose": "No purpose: a measure nobody can explain should be questioned",
}
# Blank, these leave a measure that cannot be relied on; relates-to and notes
# are optional, and the frequencies always have a value.
REQUIRED_FIELDS = tuple(FINDINGS)
SHORT_PURPOSE = 20

# The ten tests of a good measure, in our words, for the manager to tick.
TESTS = {
    "truth": "Truth: it measures what it is meant to measure",
    "focus": "Focus: it measures only that",
    "relevance": "Relevance: it matters to the objective it serves",
    "consistency": "Consistency: anyone measuring it gets the same result",
    "access": "Access: the data can be had when needed",
    "clarity": "Clarity: everyone reads the figure the same way",
    "so_what": "So what: someone will act on it",
    "timeliness": "Timeliness: it arrives in time to act",
    "cost": "Cost: it is worth what it costs to collect",
    "gaming": "Gaming: it does not invite bad behaviour",
}


def filled(value: object) -> bool:
    return bool(str(value or "").strip())


def completeness(values: Mapping[str, object], has_target: bool) -> tuple[int, int]:
    """(filled, out of) for the thirteen fields of the sheet."""
    count = sum(1 for name in SHEET_FIELDS if filled(values.get(name))) + bool(has_target)
    return count, SHEET_SIZE


def findings(values: Mapping[str, object], has_target: bool) -> list[str]:
    """What is missing or weak in the sheet, most important first, in words."""
    found = [message for name, message in FINDINGS.items() if not filled(values.get(name))]
    purpose = str(values.get("purpose") or "").strip()
    if purpose and len(purpose) < SHORT_PURPOSE:
        found.append("The purpose is very short: say why the measure matters")
    if not has_target:
        found.append("No target yet (stage 6)")
    if suggests_run_chart(values) and values.get("chart_type") == "xmr":
        found.append(
            "It reads as a figure that accumulates (year to date, cumulative): chart it as a "
            "run chart, as an XmR chart would flag each year's climb or fall as special causes"
        )
    if values.get("zero_tolerance") and values.get("chart_type") in ("xmr", "baseline"):
        found.append(
            "Its events are rare (zero tolerance): chart the days between them (a t-chart) or "
            "the cases between them (a g-chart), as Making Data Count advises; a monthly count "
            "of nearly always 0 gives an XmR chart nothing to judge"
        )
    return found


# Words in a measure's title, formula or notes that say its figure accumulates.
ACCUMULATES = ("year to date", "year-to-date", "ytd", "cumulative", "running total")


def suggests_run_chart(values: Mapping[str, object]) -> bool:
    """Whether the sheet's words say the figure accumulates through the year."""
    text = " ".join(str(values.get(name) or "") for name in ("title", "formula", "notes"))
    return any(words in text.lower() for words in ACCUMULATES)


def percentage(filled_count: int, size: int) -> int:
    return round(100 * filled_count / size) if size else 0
