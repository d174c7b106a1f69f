"""Compare one measure across units: ranking, the page, permissions and queries."""

import json
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.models import Direction
from measures.ranking import RankedValue, rank
from organisations.models import OrganisationUnit
from scorecard.models import Scorecard
from tests.factories import make_measure, make_objective, make_scorecard, make_target, make_unit
from tests.scorecard.dashboard_data import fill

# The ranking, as a pure function.


def keys(entries):
    return [entry.key for entry in entries]


def test_higher_is_better_ranks_the_highest_first_and_sets_aside_missing_values():
    ranked, without = rank(
        [
            RankedValue("a", D(80)),
            RankedValue("b", None),
            RankedValue("c", D(95)),
            RankedValue("d", D(90)),
        ],
        "higher",
    )
    assert keys(ranked) == ["c", "d", "a"]
    assert keys(without) == ["b"]


def test_lower_is_better_ranks_the_lowest_first():
    ranked, _ = rank(
        [RankedValue("a", D(5)), RankedValue("b", D(3.5)), RankedValue("c", D(4))], "lower"
    )
    assert keys(ranked) == ["b", "c", "a"]


def test_a_range_ranks_by_distance_outside_it_and_keeps_order_inside():
    entries = [
        RankedValue("far above", D(30), D(10), D(20)),
        RankedValue("inside", D(15), D(10), D(20)),
        RankedValue("just below", D(9), D(10), D(20)),
        RankedValue("on the edge", D(20), D(10), D(20)),
        RankedValue("no target", D(15)),
        RankedValue("below", D(4), D(10), D(20)),
    ]
    ranked, _ = rank(entries, "range")
    assert keys(ranked) == [
        "inside",
        "on the edge",
        "just below",
        "below",
        "far above",
        "no target",
    ]


def test_a_range_with_no_upper_bound_is_a_single_value():
    ranked, _ = rank([RankedValue("a", D(12), D(10)), RankedValue("b", D(9), D(10))], "range")
    assert keys(ranked) == ["b", "a"]


# The page.

AS_AT = "2026-09"


def report(org_unit, values, code="RTT18", target="92", **extra):
    """Give `org_unit` a measure `code` with monthly values ending September 2026."""
    scorecard = Scorecard.objects.filter(unit=org_unit).first() or make_scorecard(org_unit)
    objective = scorecard.objectives.first() or make_objective(scorecard)
    fields = {"unit": "%", "direction": Direction.HIGHER_IS_BETTER, **extra}
    measure = make_measure(objective, code, **fields)
    if target is not None:
        make_target(measure, value=target, tolerance=D(2))
    if values:
        fill(measure, values)
    return measure


def siblings_url(slug, code="RTT18"):
    return reverse("measures:compare_siblings", args=[slug, code]) + f"?as_at={AS_AT}"


def all_url(code="RTT18"):
    return reverse("measures:compare_all", args=[code]) + f"?as_at={AS_AT}"


def ranked_names(response):
    return [row.unit.name for row in response.context["comparison"].ranked]


@pytest.fixture
def rtt(units):
    """RTT18 in September: General Surgery 93, Surgery 92, Theatres 91, Cardiology 80."""
    return {
        "GS": report(units["NHT-SURG-GS"], [90, 93]),
        "TH": report(units["NHT-SURG-TH"], [92, 91]),
        "CARD": report(units["NHT-MED-CARD"], [85, 80]),
        "SURG": report(units["NHT-SURG"], [91, 92]),
    }


def test_the_siblings_page_ranks_the_units_beside_it_best_first(client, rtt, analyst):
    client.force_login(analyst)
    response = client.get(siblings_url("general-surgery"))
    assert response.status_code == 200
    assert ranked_names(response) == ["General Surgery", "Theatres"]
    assert reverse("measures:compare_all", args=["RTT18"]) in response.content.decode()


def test_the_all_units_page_ranks_every_visible_unit(client, rtt, analyst):
    client.force_login(analyst)
    response = client.get(all_url())
    assert ranked_names(response) == ["General Surgery", "Surgery", "Theatres", "Cardiology"]


def test_lower_is_better_ranks_the_lowest_first_on_the_page(client, units, analyst):
    for code, value in (("NHT-SURG-GS", 5), ("NHT-SURG-TH", 3), ("NHT-MED-CARD", 4)):
        report(units[code], [value], code="LOS", target="4", unit="days", direction="lower")
    client.force_login(analyst)
    response = client.get(all_url("LOS"))
    assert ranked_names(response) == ["Theatres", "Cardiology", "General Surgery"]


def test_bars_carry_the_status_in_words_with_the_value_and_the_target_line(client, rtt, analyst):
    client.force_login(analyst)
    response = client.get(all_url())
    bars, target = response.context["bar_figure"]["data"]
    assert bars["text"] == [
        "93.0% · On target",
        "92.0% · On target",
        "91.0% · Within tolerance",
        "80.0% · Off target",
    ]
    assert bars["marker"]["color"] == ["#007f3b", "#007f3b", "#ffb81c", "#d5281b"]
    assert target["name"] == "Target"
    assert target["x"] == [92.0] * 4
    body = response.content.decode()
    assert "Within tolerance</strong>" in body
    assert "Off target</strong>" in body


def test_units_with_no_value_for_the_period_are_listed_below_the_chart(
    client, rtt, units, analyst
):
    report(units["NHT-MED"], [], code="RTT18")
    client.force_login(analyst)
    response = client.get(all_url())
    assert [row.unit.name for row in response.context["comparison"].missing] == ["Medicine"]
    assert "Medicine</a>: no value for Sep 2026" in response.content.decode()
    assert "Medicine" not in response.context["bar_figure"]["data"][0]["y"]


def test_the_as_at_month_chooses_the_period(client, rtt, analyst):
    client.force_login(analyst)
    response = client.get(reverse("measures:compare_all", args=["RTT18"]) + "?as_at=2026-08")
    # In August: GS 90, Theatres 92, Surgery 91, Cardiology 85.
    assert ranked_names(response) == ["Theatres", "Surgery", "General Surgery", "Cardiology"]
    assert "as at August 2026" in response.content.decode()


def test_the_code_matches_in_any_case(client, rtt, analyst):
    client.force_login(analyst)
    response = client.get(reverse("measures:compare_all", args=["rtt18"]))
    assert response.status_code == 200
    assert len(response.context["comparison"].rows) == 4


def test_small_multiples_follow_the_ranking_with_the_spc_in_words(client, units, analyst):
    report(units["NHT-SURG-GS"], [90, 92, 91, 93, 90, 92, 91, 93, 90, 92, 91, 93, 90, 92, 94])
    report(units["NHT-SURG-TH"], [80, 81])
    client.force_login(analyst)
    response = client.get(all_url())
    multiples = response.context["small_multiples"]
    assert [row.unit.name for row, _, _ in multiples] == ["General Surgery", "Theatres"]
    gs_title = multiples[0][2]["layout"]["title"]["text"]
    assert gs_title == (
        "<b>General Surgery</b><br>Common cause: no significant change; "
        "Hit and miss: will pass or fail by chance"
    )
    assert multiples[1][2]["layout"]["title"]["text"] == "<b>Theatres</b><br>Too few points"
    assert multiples[0][2]["layout"]["height"] == 220
    assert multiples[0][2]["layout"]["showlegend"] is False


def test_mixed_units_and_directions_are_said_and_ranked_the_majority_way(client, units, analyst):
    report(units["NHT-SURG-GS"], [93])
    report(units["NHT-SURG-TH"], [95])
    report(units["NHT-MED-CARD"], [99], unit="days", direction="lower")
    client.force_login(analyst)
    response = client.get(all_url())
    assert ranked_names(response) == ["Cardiology", "Theatres", "General Surgery"]
    body = response.content.decode()
    assert "different units of measure (%, days)" in body
    assert "higher is better: 2 units; lower is better: 1 unit" in body
    assert "All are ranked as higher is better" in body


def test_ratio_measures_show_numerator_and_denominator(client, units, analyst):
    measure = report(units["NHT-SURG-GS"], [], rollup="ratio", numerator_label="Seen")
    measure.observations.create(
        period="2026-09-01", value=D("75"), numerator=D(3), denominator=D(4)
    )
    client.force_login(analyst)
    body = client.get(all_url()).content.decode()
    assert ">Seen</th>" in body
    assert ">Denominator</th>" in body


# Bad input and permissions.


def test_a_code_no_visible_unit_has_says_so(client, rtt, analyst):
    client.force_login(analyst)
    response = client.get(reverse("measures:compare_all", args=["NOPE"]))
    assert response.status_code == 404
    assert "No unit you can see reports a measure NOPE" in response.content.decode()


def test_an_outsider_gets_404_on_the_unit_and_sees_no_unit_on_all(client, rtt, outsider):
    client.force_login(outsider)
    assert client.get(siblings_url("general-surgery")).status_code == 404
    response = client.get(all_url())
    assert response.status_code == 404
    assert "General Surgery" not in response.content.decode()


def test_a_department_manager_sees_only_their_own_unit(client, rtt, department_manager):
    client.force_login(department_manager)
    assert ranked_names(client.get(siblings_url("general-surgery"))) == ["General Surgery"]
    assert ranked_names(client.get(all_url())) == ["General Surgery"]
    assert client.get(siblings_url("theatres")).status_code == 404


def test_a_directorate_manager_never_sees_other_directorates(client, rtt, directorate_manager):
    client.force_login(directorate_manager)
    response = client.get(all_url())
    assert ranked_names(response) == ["General Surgery", "Surgery", "Theatres"]
    assert "Cardiology" not in response.content.decode()
    # Surgery's siblings (Medicine) are out of sight: Surgery stands alone.
    assert ranked_names(client.get(siblings_url("surgery"))) == ["Surgery"]


def test_compare_is_read_only(client, rtt, analyst):
    client.force_login(analyst)
    assert client.post(all_url()).status_code == 405
    assert client.post(siblings_url("general-surgery")).status_code == 405


def test_compare_needs_a_login(client, rtt):
    assert client.get(all_url()).status_code == 302


def test_the_measure_page_links_to_compare(client, rtt, analyst):
    client.force_login(analyst)
    response = client.get(reverse("measures:measure", args=["general-surgery", "RTT18"]))
    assert reverse("measures:compare_siblings", args=["general-surgery", "RTT18"]) in (
        response.content.decode()
    )


# The figures on the page.


def test_figures_are_json_with_no_inline_script_and_names_escaped(client, units, analyst):
    evil = make_unit('<img src=x onerror="alert(1)"> & Co', parent=units["NHT-SURG"], code="EVIL")
    report(evil, [90, 91])
    report(units["NHT-SURG-GS"], [93, 94])
    client.force_login(analyst)
    response = client.get(all_url())
    body = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", body)
    assert all("src=" in tag or 'type="application/json"' in tag for tag in scripts)
    assert "<img src=x" not in body
    bars = response.context["bar_figure"]["data"][0]
    # Plotly decodes &lt; &gt; &amp; but not &quot;: quotes stay as they are.
    assert '&lt;img src=x onerror="alert(1)"&gt; &amp; Co' in bars["y"]
    figures = [figure for _, _, figure in response.context["small_multiples"]]
    titles = json.dumps([figure["layout"]["title"]["text"] for figure in figures])
    assert "<img" not in titles
    assert "&lt;img" in titles


# Queries.


@pytest.mark.parametrize("unit_count", [3, 30])
def test_queries_do_not_grow_with_the_units(
    client, units, analyst, django_assert_num_queries, unit_count
):
    surgery = OrganisationUnit.objects.get(code="NHT-SURG")
    for number in range(unit_count):
        unit = make_unit(f"Ward {number:02}", parent=surgery, code=f"W{number:02}")
        report(unit, [90 + number % 5] * 14)
    client.force_login(analyst)
    # Session, user, the measures, targets, values, restarts, the memberships
    # the page's header reads, (a past month) the values changed since, and
    # whether the month is closed for any of the units.
    with django_assert_num_queries(9):
        response = client.get(all_url())
    assert len(response.context["comparison"].ranked) == unit_count
    # Four more: the unit, the role on it, its working days, and whether the month
    # is closed for it.
    with django_assert_num_queries(12):
        response = client.get(siblings_url("ward-00"))
    assert len(response.context["comparison"].ranked) == unit_count
