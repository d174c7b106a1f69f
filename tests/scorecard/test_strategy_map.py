from scorecard.builder.strategy_map import (
    BOX_HEIGHT,
    LANE_HEIGHT,
    MapObjective,
    find_cycle,
    layout,
    title_lines,
    warnings,
)

LANES = ["Learning and growth", "Internal business processes", "Customer", "Financial"]


def objective(pk, lane, code=None):
    return MapObjective(pk, code or f"O{pk}", f"Objective {pk}", lane)


def test_every_objective_gets_a_box_in_its_lane_lowest_lane_at_the_bottom():
    objectives = [objective(1, 0), objective(2, 3), objective(3, 3)]

    drawn = layout(LANES, objectives, [])

    assert drawn["height"] == 4 * LANE_HEIGHT
    assert [lane.name for lane in drawn["lanes"]] == LANES
    assert drawn["lanes"][0].y == 3 * LANE_HEIGHT  # learning and growth at the bottom
    boxes = {box.objective.pk: box for box in drawn["boxes"]}
    assert set(boxes) == {1, 2, 3}
    assert boxes[1].y > boxes[2].y
    assert boxes[2].y == boxes[3].y
    assert boxes[2].x + boxes[2].width < boxes[3].x


def test_every_link_gets_an_arrow_from_cause_to_effect():
    objectives = [objective(1, 0), objective(2, 2), objective(3, 2)]

    drawn = layout(LANES, objectives, [(1, 2), (2, 3)])

    up, across = drawn["arrows"]
    boxes = {box.objective.pk: box for box in drawn["boxes"]}
    assert (up.cause, up.effect) == ("O1", "O2")
    assert up.y1 == boxes[1].y  # leaves the top of the cause
    assert up.y2 == boxes[2].y + BOX_HEIGHT  # reaches the bottom of the effect
    assert across.y1 == across.y2  # same lane: side to side
    assert across.x1 == boxes[2].x + boxes[2].width
    assert across.x2 == boxes[3].x


def test_long_titles_wrap_to_three_lines_at_most():
    lines = title_lines("Reduce " * 20)

    assert len(lines) == 3
    assert lines[-1].endswith("…")


def test_warnings_name_unlinked_objectives_downward_links_and_cycles():
    objectives = [
        objective(1, 0, "L1"),
        objective(2, 2, "C1"),
        objective(3, 1, "P1"),
        objective(4, 3, "F1"),
    ]
    links = [(1, 3), (3, 2), (2, 3)]

    found = warnings(objectives, links)

    assert "F1 has no cause-and-effect link" in found
    assert any(w.startswith("C1 → P1 runs down the lanes") for w in found)
    assert any(w.startswith("The links go round in a circle: ") for w in found)
    assert len(found) == 3


def test_find_cycle_returns_the_loop_in_order():
    objectives = [objective(1, 0, "A"), objective(2, 0, "B"), objective(3, 0, "C")]

    assert find_cycle(objectives, [(1, 2), (2, 3), (3, 1)]) == ["A", "B", "C", "A"]
    assert find_cycle(objectives, [(1, 2), (2, 3), (1, 3)]) is None


def test_a_well_formed_map_has_no_warnings():
    objectives = [objective(1, 0), objective(2, 1), objective(3, 2), objective(4, 3)]

    assert warnings(objectives, [(1, 2), (2, 3), (3, 4)]) == []


def test_a_crowded_lane_widens_the_map_instead_of_squeezing_its_boxes():
    objectives = [objective(pk, 2) for pk in range(1, 9)]

    drawn = layout(LANES, objectives, [])

    assert drawn["width"] > 960
    assert min(box.width for box in drawn["boxes"]) >= 150
    boxes = sorted(drawn["boxes"], key=lambda box: box.x)
    assert all(a.x + a.width < b.x for a, b in zip(boxes, boxes[1:], strict=False))


def test_titles_wrap_to_the_width_of_their_box():
    narrow = title_lines("Treat planned-care patients within 18 weeks", width=150)

    assert all(len(line) <= 19 for line in narrow)
