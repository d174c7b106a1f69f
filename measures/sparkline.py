"""A small line of a measure's recent values, as SVG coordinates. No Django imports."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

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


def sparkline(
    values: Iterable[float | Decimal], width: int = WIDTH, height: int = HEIGHT
) -> Sparkline | None:
    """The Sparkline of `values` (oldest first), or None with fewer than two."""
    floats = [float(value) for value in values]
    if len(floats) < 2:
        return None
    low, high = min(floats), max(floats)
    spread = (high - low) or 1.0
    step = (width - 2 * PADDING) / (len(floats) - 1)
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
        for index, value in enumerate(floats)
    ]
    last_x, last_y = coordinates[-1]
    return Sparkline(" ".join(f"{x},{y}" for x, y in coordinates), last_x, last_y, width, height)
