"""A small line of a measure's recent values, as SVG coordinates. No Django imports."""

from dataclasses import dataclass

WIDTH = 120
HEIGHT = 28
PADDING = 3


@dataclass(frozen=True)
class Sparkline:
    points: str  # the polyline's "x,y x,y ..."
    last_x: float
    last_y: float
    width: int = WIDTH
    height: int = HEIGHT


def sparkline(values, width=WIDTH, height=HEIGHT):
    """The Sparkline of `values` (oldest first), or None with fewer than two."""
    values = [float(value) for value in values]
    if len(values) < 2:
        return None
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    step = (width - 2 * PADDING) / (len(values) - 1)
    coordinates = [
        (
            round(PADDING + index * step, 1),
            # A flat series sits in the middle; higher values are drawn higher.
            round(
                height / 2
                if high == low
                else PADDING + (high - value) / spread * (height - 2 * PADDING),
                1,
            ),
        )
        for index, value in enumerate(values)
    ]
    last_x, last_y = coordinates[-1]
    return Sparkline(" ".join(f"{x},{y}" for x, y in coordinates), last_x, last_y, width, height)
