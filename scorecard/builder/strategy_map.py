"""The strategy map: objectives in perspective lanes, cause -> effect arrows.

Plain values in, geometry and warnings out; the template draws the SVG.
Lanes are given lowest first (learning and growth at the bottom for Kaplan
& Norton), so arrows normally run up the page.
"""

import textwrap
from dataclasses import dataclass

WIDTH = 960
LABEL_WIDTH = 150
LANE_HEIGHT = 130
BOX_HEIGHT = 74
BOX_GAP = 14
MAX_BOX_WIDTH = 200
MIN_BOX_WIDTH = 150
# About this many pixels a character at the map's 13px font; titles wrap to
# the width of their box.
CHAR_WIDTH = 7
MAX_LINES = 3
LANE_NAME_CHARS = 16


@dataclass(frozen=True)
class MapObjective:
    pk: int
    code: str
    title: str
    lane: int  # index into the lanes, 0 = lowest


@dataclass(frozen=True)
class Box:
    objective: MapObjective
    x: float
    y: float
    width: float
    lines: tuple

    @property
    def centre_x(self):
        return self.x + self.width / 2


@dataclass(frozen=True)
class Arrow:
    cause: str
    effect: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Lane:
    name: str
    y: float
    height: float = LANE_HEIGHT

    @property
    def name_lines(self):
        return tuple(textwrap.wrap(self.name, LANE_NAME_CHARS)) or ("",)


def title_lines(title, width=MAX_BOX_WIDTH, max_lines=MAX_LINES):
    chars = max(8, int((width - 12) / CHAR_WIDTH))
    lines = textwrap.wrap(title, chars) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
    return tuple(lines)


def layout(lane_names, objectives, links, max_lines=MAX_LINES):
    """Lanes, boxes and arrows of the map; `links` are (cause pk, effect pk) pairs.

    `max_lines` of each title are shown: the dashboard keeps a line of each box
    for the objective's status.
    """
    count = len(lane_names)
    height = count * LANE_HEIGHT
    # A crowded lane widens the map (the page scrolls it) rather than
    # squeezing its boxes below a readable width.
    busiest = max((sum(1 for o in objectives if o.lane == i) for i in range(count)), default=0)
    width = max(WIDTH, LABEL_WIDTH + BOX_GAP + busiest * (MIN_BOX_WIDTH + BOX_GAP))
    # The lowest lane is drawn at the bottom.
    lanes = [
        Lane(name, (count - 1 - index) * LANE_HEIGHT) for index, name in enumerate(lane_names)
    ]
    boxes = {}
    for index, lane in enumerate(lanes):
        members = [o for o in objectives if o.lane == index]
        if not members:
            continue
        room = (width - LABEL_WIDTH - BOX_GAP) / len(members)
        box_width = min(MAX_BOX_WIDTH, room - BOX_GAP)
        for position, objective in enumerate(members):
            x = LABEL_WIDTH + BOX_GAP + position * room + (room - BOX_GAP - box_width) / 2
            y = lane.y + (LANE_HEIGHT - BOX_HEIGHT) / 2
            boxes[objective.pk] = Box(
                objective, x, y, box_width, title_lines(objective.title, box_width, max_lines)
            )
    arrows = [
        arrow_between(boxes[cause], boxes[effect])
        for cause, effect in links
        if cause in boxes and effect in boxes
    ]
    return {
        "width": width,
        "height": height,
        "lanes": lanes,
        "boxes": list(boxes.values()),
        "arrows": arrows,
    }


def arrow_between(cause, effect):
    """From the edge of the cause's box to the edge of the effect's, whichever way it runs."""
    names = (cause.objective.code, effect.objective.code)
    if effect.y < cause.y:  # upwards: top of the cause to the bottom of the effect
        return Arrow(*names, cause.centre_x, cause.y, effect.centre_x, effect.y + BOX_HEIGHT)
    if effect.y > cause.y:  # downwards
        return Arrow(*names, cause.centre_x, cause.y + BOX_HEIGHT, effect.centre_x, effect.y)
    middle = cause.y + BOX_HEIGHT / 2
    if effect.x > cause.x:
        return Arrow(*names, cause.x + cause.width, middle, effect.x, middle)
    return Arrow(*names, cause.x, middle, effect.x + effect.width, middle)


def find_cycle(objectives, links):
    """One cycle of cause -> effect links as a list of codes (first repeated last), or None."""
    following = {o.pk: [] for o in objectives}
    for cause, effect in links:
        following.setdefault(cause, []).append(effect)
    code = {o.pk: o.code for o in objectives}
    state = {}  # pk -> "open" while on the path, "done" once explored

    for start in following:
        if start in state:
            continue
        path = [start]
        stack = [iter(following[start])]
        state[start] = "open"
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = "done"
                stack.pop()
            elif state.get(step) == "open":
                cycle = path[path.index(step) :] + [step]
                return [code.get(pk, str(pk)) for pk in cycle]
            elif step not in state:
                state[step] = "open"
                path.append(step)
                stack.append(iter(following.get(step, [])))
    return None


def warnings(objectives, links):
    """What looks wrong with the map, in words."""
    by_pk = {o.pk: o for o in objectives}
    linked = {pk for link in links for pk in link}
    found = [f"{o.code} has no cause-and-effect link" for o in objectives if o.pk not in linked]
    found += [
        f"{by_pk[cause].code} → {by_pk[effect].code} runs down the lanes: a cause usually sits "
        "in the same lane as its effect or below it"
        for cause, effect in links
        if cause in by_pk and effect in by_pk and by_pk[cause].lane > by_pk[effect].lane
    ]
    cycle = find_cycle(objectives, links)
    if cycle:
        found.append(f"The links go round in a circle: {' → '.join(cycle)}")
    return found
