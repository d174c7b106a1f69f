from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.urls import reverse

from measures.models import Observation
from measures.recording import Change, record
from measures.values import MeasuredValue
from scorecard.lib import periods
from tests.factories import make_measure, make_observation
from tests.measures.entry_setup import build_surgical


@pytest.fixture
def surgical(units):
    return build_surgical(units)


def entry_url(unit, month):
    return reverse("measures:entry", args=[unit.slug, month])


def page(client, user, unit, month):
    client.force_login(user)
    return client.get(entry_url(unit, month))


def field(measure, name):
    return f"m{measure.pk}-{name}"


def form_data(response):
    """What the browser would post back: every input of the page's forms as rendered."""
    data = {"action": "save"}
    for form in response.context["forms"]:
        for bound in form:
            data[bound.html_name] = bound.value() if bound.value() is not None else ""
            if bound.field.show_hidden_initial:
                data[bound.html_initial_name] = bound.initial or ""
    return data


def as_posted(data):
    return {name: "" if value is None else str(value) for name, value in data.items()}


def post(client, unit, month, data):
    return client.post(entry_url(unit, month), as_posted(data))


# --- what the page shows ------------------------------------------------------------


def test_the_page_lists_the_measures_due_with_recent_values_and_target(
    client, surgical, units, department_manager
):
    month = surgical.month
    for back, value in enumerate(["4.1", "4.7", "6.5", "3.0"], start=1):
        make_observation(surgical.los, periods.add_periods(month, "monthly", -back), value)
    response = page(client, department_manager, units["NHT-SURG-GS"], month)
    assert response.status_code == 200
    rows = {
        row.measure.code: row for _, entries in response.context["sections"] for row, _ in entries
    }
    assert set(rows) >= {"RTT18", "NEVER", "LOS"}
    assert [o.value for o in rows["LOS"].recent] == [D("4.1"), D("4.7"), D("6.5")]
    body = response.content.decode()
    assert "4.0 days or less" in body
    assert "act past 6.0 days" in body
    assert "Waiting under 18 weeks" in body  # a ratio asks for its parts


def test_a_quarterly_measure_is_due_only_in_the_last_month_of_its_quarter(
    client, surgical, units, department_manager
):
    unit = units["NHT-SURG-GS"]
    quarter = periods.latest_complete_period(date.today(), "quarterly")
    last = periods.last_month_of(quarter, "quarterly")
    first = quarter
    on_last = page(client, department_manager, unit, last)
    assert "SURVEY" in on_last.content.decode()
    assert periods.period_label(quarter, "quarterly") in on_last.content.decode()
    assert "SURVEY" not in page(client, department_manager, unit, first).content.decode()


def test_a_computed_measure_is_shown_but_has_no_input(
    client, surgical, units, directorate_manager
):
    make_observation(
        surgical.surgery_rtt,
        surgical.month,
        "80",
        numerator=D(8),
        denominator=D(10),
        comment="Computed from 2 of 2 units below.",
    )
    response = page(client, directorate_manager, units["NHT-SURG"], surgical.month)
    body = response.content.decode()
    assert "Computed from the units below, so not typed in here." in body
    assert "80.0%" in body
    assert field(surgical.surgery_rtt, "numerator") not in body
    assert response.context["forms"] == []


def test_a_future_month_opens_this_month_and_says_why(client, surgical, units, department_manager):
    unit = units["NHT-SURG-GS"]
    this_month = periods.add_periods(surgical.month, "monthly", 1)
    future = periods.add_periods(surgical.month, "monthly", 2)
    client.force_login(department_manager)
    response = client.get(entry_url(unit, future), follow=True)
    assert response.redirect_chain == [(entry_url(unit, this_month), 302)]
    assert f"{future:%B %Y} is in the future" in response.content.decode()


@pytest.mark.parametrize("month", ["2026-13", "1999-12", "0001-01"])
def test_an_impossible_or_too_early_month_is_not_found(client, units, department_manager, month):
    client.force_login(department_manager)
    response = client.get(f"/units/{units['NHT-SURG-GS'].slug}/values/{month}/")
    assert response.status_code == 404


def test_the_earliest_month_offers_no_month_before_it(client, units, department_manager):
    client.force_login(department_manager)
    response = client.get(f"/units/{units['NHT-SURG-GS'].slug}/values/2000-01/")
    assert response.status_code == 200
    assert "Previous month" not in response.content.decode()


def test_the_latest_link_opens_the_last_complete_month(
    client, surgical, units, department_manager
):
    client.force_login(department_manager)
    unit = units["NHT-SURG-GS"]
    response = client.get(reverse("measures:entry_latest", args=[unit.slug]))
    assert response.url == entry_url(unit, surgical.month)
    picked = client.get(reverse("measures:entry_latest", args=[unit.slug]), {"month": "2025-01"})
    assert picked.url == entry_url(unit, date(2025, 1, 1))
    bad = client.get(
        reverse("measures:entry_latest", args=[unit.slug]), {"month": "2099-01"}, follow=True
    )
    assert bad.redirect_chain == [(entry_url(unit, surgical.month), 302)]
    assert "“2099-01” is not a month you can enter values for." in bad.content.decode()


# --- saving ---------------------------------------------------------------------------


def test_typed_values_are_saved_together(client, surgical, units, department_manager):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    data |= {
        field(surgical.rtt, "numerator"): "1,893",
        field(surgical.rtt, "denominator"): "2,000",
        field(surgical.los, "value"): "4.5",
        field(surgical.los, "comment"): "Two long stays after complications",
        field(surgical.never, "value"): "0",
    }
    response = post(client, unit, surgical.month, data)
    assert response.status_code == 302
    saved = {
        o.measure.code: o
        for o in Observation.objects.filter(
            period=surgical.month, measure__objective__scorecard__unit=unit
        )
    }
    assert saved["RTT18"].value == D("94.65")
    assert (saved["RTT18"].numerator, saved["RTT18"].denominator) == (1893, 2000)
    assert saved["LOS"].comment == "Two long stays after complications"
    assert saved["NEVER"].entered_by == department_manager
    # Surgery's computed total came with it.
    assert Observation.objects.get(measure=surgical.surgery_rtt).numerator == 1893
    followed = client.get(response.url)
    assert "Saved 3 values" in followed.content.decode()


def test_nothing_changed_saves_nothing(client, surgical, units, department_manager):
    unit = units["NHT-SURG-GS"]
    make_observation(surgical.los, surgical.month, "4.5")
    data = form_data(page(client, department_manager, unit, surgical.month))
    response = post(client, unit, surgical.month, data)
    assert response.status_code == 302
    assert Observation.history.filter(history_type="~").count() == 0
    assert "Nothing was changed" in client.get(response.url).content.decode()


def test_check_shows_the_status_without_saving(client, surgical, units, department_manager):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    data |= {field(surgical.los, "value"): "4.3", "action": "check"}
    response = post(client, unit, surgical.month, data)
    assert response.status_code == 200
    assert "Every value is valid. Nothing has been saved yet" in response.content.decode()
    (los_form,) = [f for f in response.context["forms"] if f.row.measure == surgical.los]
    assert los_form.status.label == "Within tolerance"
    assert not Observation.objects.exists()
    assert 'value="4.3"' in response.content.decode()


@pytest.mark.parametrize(
    ("measure_name", "name", "typed", "message"),
    [
        ("los", "value", "abc", "“abc” is not a number."),
        ("los", "value", "4,5", "is ambiguous"),
        ("los", "value", "95%", "not a percentage"),
        ("never", "value", "-1", "A count cannot be negative."),
        ("never", "value", "0.5", "A count is a whole number."),
        ("rtt", "numerator", "120", "cannot be greater than the denominator"),
        ("rtt", "denominator", "0", "The denominator cannot be zero."),
        ("rtt", "denominator", "", "Enter the denominator."),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    client, surgical, units, department_manager, measure_name, name, typed, message
):
    unit = units["NHT-SURG-GS"]
    measure = getattr(surgical, measure_name)
    data = form_data(page(client, department_manager, unit, surgical.month))
    data |= {
        field(surgical.rtt, "numerator"): "90",
        field(surgical.rtt, "denominator"): "100",
        field(surgical.los, "value"): "4.25",
        field(surgical.never, "value"): "0",
        field(measure, name): typed,
    }
    response = post(client, unit, surgical.month, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field(measure, name)}_error"' in body
    assert "Nothing has been saved" in body
    assert not Observation.objects.exists()
    # What was typed is kept.
    assert f'value="{typed}"' in body or not typed
    assert 'value="4.25"' in body or measure_name == "los"


def test_a_percentage_above_100_is_refused(client, units, department_manager):
    from tests.factories import make_objective, make_scorecard

    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]))
    occupancy = make_measure(objective, "OCC", unit="%")
    unit = units["NHT-SURG-GS"]
    month = periods.latest_complete_period(date.today(), "monthly")
    data = form_data(page(client, department_manager, unit, month))
    data[field(occupancy, "value")] = "101"
    response = post(client, unit, month, data)
    assert "A percentage is between 0 and 100; 101 is not." in response.content.decode()


def test_a_value_past_the_trigger_needs_a_comment_and_shows_what_to_do(
    client, surgical, units, department_manager
):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    data |= {field(surgical.rtt, "numerator"): "80", field(surgical.rtt, "denominator"): "100"}
    response = post(client, unit, surgical.month, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "This value is past the action trigger: say what is being done about it." in body
    assert "Bring a recovery plan to the monthly performance review." in body
    data[field(surgical.rtt, "comment")] = "Extra Saturday lists from next month"
    assert post(client, unit, surgical.month, data).status_code == 302
    assert Observation.objects.get(measure=surgical.rtt).value == 80


def test_a_saved_value_cannot_be_blanked_out(client, surgical, units, department_manager):
    unit = units["NHT-SURG-GS"]
    make_observation(surgical.los, surgical.month, "4.5")
    data = form_data(page(client, department_manager, unit, surgical.month))
    data[field(surgical.los, "value")] = ""
    response = post(client, unit, surgical.month, data)
    assert "cannot be cleared here" in response.content.decode()
    assert Observation.objects.get(measure=surgical.los).value == D("4.5")


def test_a_comment_without_a_value_is_refused(client, surgical, units, department_manager):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    data[field(surgical.los, "comment")] = "Figures late from the ward"
    response = post(client, unit, surgical.month, data)
    assert "Enter a value to go with the comment." in response.content.decode()


def test_a_posted_value_for_a_computed_measure_is_ignored(
    client, surgical, units, directorate_manager
):
    unit = units["NHT-SURG"]
    data = form_data(page(client, directorate_manager, unit, surgical.month))
    data |= {
        field(surgical.surgery_rtt, "numerator"): "1",
        field(surgical.surgery_rtt, "denominator"): "2",
        field(surgical.surgery_rtt, "version"): "0",
    }
    post(client, unit, surgical.month, data)
    assert not Observation.objects.filter(measure=surgical.surgery_rtt).exists()


def test_a_save_over_a_value_changed_since_is_refused_for_that_field(
    client, surgical, units, department_manager, directorate_manager
):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    # Bob saves a value while Charlie has the page open.
    record([Change(surgical.los, surgical.month, MeasuredValue(D("5.5")))], directorate_manager)
    data |= {field(surgical.los, "value"): "4.5", field(surgical.never, "value"): "0"}
    response = post(client, unit, surgical.month, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Since you opened this page, bob changed this value to 5.5 days" in body
    assert 'value="4.5"' in body  # what Charlie typed is kept
    assert not Observation.objects.filter(measure=surgical.never).exists()
    assert Observation.objects.get(measure=surgical.los).value == D("5.5")
    # Saving again, knowingly, replaces Bob's value.
    again = form_data(response)
    assert post(client, unit, surgical.month, again).status_code == 302
    assert Observation.objects.get(measure=surgical.los).value == D("4.5")
    assert Observation.objects.get(measure=surgical.never).value == 0


def test_a_row_left_alone_is_not_stale_when_someone_else_changed_it(
    client, surgical, units, department_manager, directorate_manager
):
    unit = units["NHT-SURG-GS"]
    make_observation(surgical.los, surgical.month, "4.5")
    data = form_data(page(client, department_manager, unit, surgical.month))
    record(
        [Change(surgical.los, surgical.month, MeasuredValue(D(6)), "Recount")], directorate_manager
    )
    data[field(surgical.never, "value")] = "0"
    assert post(client, unit, surgical.month, data).status_code == 302
    assert Observation.objects.get(measure=surgical.los).value == 6


# --- who may enter --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "unit_code", "expected"),
    [
        ("department_manager", "NHT-SURG-GS", 200),
        ("directorate_manager", "NHT-SURG-GS", 200),
        ("trust_admin", "NHT-SURG-GS", 200),
        ("analyst", "NHT-SURG-GS", 403),
        ("outsider", "NHT-SURG-GS", 404),
        ("department_manager", "NHT-SURG-TH", 404),
        ("department_manager", "NHT-SURG", 404),
        ("analyst", "NHT-SURG", 403),
    ],
)
def test_who_may_open_and_save_the_entry_page(
    client, surgical, units, request, persona, unit_code, expected
):
    user = request.getfixturevalue(persona)
    unit = units[unit_code]
    client.force_login(user)
    assert client.get(entry_url(unit, surgical.month)).status_code == expected
    posted = client.post(entry_url(unit, surgical.month), {field(surgical.los, "value"): "1"})
    assert posted.status_code == expected
    assert client.get(reverse("measures:entry_latest", args=[unit.slug])).status_code == (
        302 if expected == 200 else expected
    )
    assert not Observation.objects.exists()


def test_anonymous_people_are_sent_to_log_in(client, surgical, units):
    response = client.get(entry_url(units["NHT-SURG-GS"], surgical.month))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- queries ----------------------------------------------------------------------------


def many_measures(units, month, count):
    from tests.factories import make_objective, make_scorecard, make_target

    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]))
    measures = []
    for number in range(count):
        measure = make_measure(objective, f"M{number}")
        make_target(measure)
        for back in range(1, 5):
            make_observation(measure, periods.add_periods(month, "monthly", -back), "90")
        measures.append(measure)
    return measures


@pytest.mark.parametrize("measure_count", [3, 30])
def test_the_page_reads_the_same_number_of_queries_whatever_the_measures(
    client, units, department_manager, django_assert_num_queries, measure_count
):
    month = periods.latest_complete_period(date.today(), "monthly")
    many_measures(units, month, measure_count)
    client.force_login(department_manager)
    # Nine, and whether the month is closed.
    with django_assert_num_queries(10):
        response = client.get(entry_url(units["NHT-SURG-GS"], month))
    assert len(response.context["forms"]) == measure_count


@pytest.mark.parametrize("measure_count", [3, 30])
def test_saving_a_whole_period_takes_the_same_queries_whatever_the_measures(
    client, units, department_manager, django_assert_num_queries, measure_count
):
    month = periods.latest_complete_period(date.today(), "monthly")
    measures = many_measures(units, month, measure_count)
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, month))
    data |= {field(measure, "value"): "91" for measure in measures}
    # The page's reads (whether the month is closed among them), then whether it is
    # closed now, under a lock of the unit-month on PostgreSQL, one lock of the rows,
    # one insert and one history insert for them all.
    with django_assert_num_queries(17 + (connection.vendor == "postgresql")):
        response = post(client, unit, month, data)
    assert response.status_code == 302
    assert Observation.objects.filter(period=month).count() == measure_count


def test_a_unit_without_a_scorecard_says_so(client, units, department_manager):
    month = periods.latest_complete_period(date.today(), "monthly")
    response = page(client, department_manager, units["NHT-SURG-GS"], month)
    assert response.status_code == 200
    assert "General Surgery has no scorecard yet." in response.content.decode()


def test_a_stale_ratio_says_the_parts_someone_else_saved(
    client, surgical, units, department_manager, directorate_manager
):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    bobs = MeasuredValue(D("37.5"), D(150), D(400))
    record([Change(surgical.rtt, surgical.month, bobs, "Bob's count")], directorate_manager)
    data |= {field(surgical.rtt, "numerator"): "390", field(surgical.rtt, "denominator"): "400"}
    body = post(client, unit, surgical.month, data).content.decode()
    assert "bob changed this value to 37.5% (150 of 400)" in body


def test_a_stale_value_saved_by_the_same_person_elsewhere_says_so(
    client, surgical, units, department_manager
):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    record([Change(surgical.los, surgical.month, MeasuredValue(D(5)))], department_manager)
    data[field(surgical.los, "value")] = "4"
    body = post(client, unit, surgical.month, data).content.decode()
    assert "you (in another window or tab) changed this value to 5 days" in body


def test_saving_again_after_a_stale_refusal_keeps_the_other_persons_comment(
    client, surgical, units, department_manager, directorate_manager
):
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, surgical.month))
    record(
        [Change(surgical.los, surgical.month, MeasuredValue(D(5)), "Recounted by Bob")],
        directorate_manager,
    )
    data[field(surgical.los, "value")] = "4"
    refused = post(client, unit, surgical.month, data)
    assert "with the comment “Recounted by Bob”" in refused.content.decode()

    assert post(client, unit, surgical.month, form_data(refused)).status_code == 302
    saved = Observation.objects.get(measure=surgical.los)
    assert (saved.value, saved.comment) == (4, "Recounted by Bob")


def test_the_comment_box_is_described_by_the_action_trigger_hint(
    client, surgical, units, department_manager
):
    make_observation(surgical.los, surgical.month, "7")  # past the trigger of 6 days
    body = page(client, department_manager, units["NHT-SURG-GS"], surgical.month).content.decode()
    comment_id = f"id_{field(surgical.los, 'comment')}"
    assert f'id="{comment_id}_action"' in body
    assert f'aria-describedby="{comment_id}_action"' in body


# --- nothing reported saved that was not, and no number past what can be stored --------


def test_a_denominator_that_rounds_to_zero_is_refused_and_the_value_kept(
    client, surgical, units, department_manager
):
    unit = units["NHT-SURG-GS"]
    record([Change(surgical.rtt, surgical.month, MeasuredValue(D(90), D(90), D(100)))], None)
    data = form_data(page(client, department_manager, unit, surgical.month))
    data |= {
        field(surgical.rtt, "numerator"): "0",
        field(surgical.rtt, "denominator"): "0.0000001",
    }

    response = post(client, unit, surgical.month, data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "0.0000001 is 0 to the 6 decimal places a value is kept to" in body
    assert f'id="id_{field(surgical.rtt, "denominator")}_error"' in body
    assert "Saved 0 values" not in body
    assert "Nothing has been saved" in body
    observation = Observation.objects.get(measure=surgical.rtt)
    assert (observation.denominator, observation.version) == (100, 1)


def test_a_ratio_too_large_to_store_is_refused_beside_its_denominator(
    client, units, department_manager
):
    from tests.factories import make_objective, make_scorecard

    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]))
    rate = make_measure(objective, "RATE", rollup="ratio", ratio_multiplier=1000)
    unit = units["NHT-SURG-GS"]
    month = periods.latest_complete_period(date.today(), "monthly")
    data = form_data(page(client, department_manager, unit, month))
    data |= {field(rate, "numerator"): "999999999999", field(rate, "denominator"): "0.000001"}

    response = post(client, unit, month, data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "too large to store (more than 999,999,999,999)" in body
    assert f'id="id_{field(rate, "denominator")}_error"' in body
    assert not Observation.objects.exists()


def test_a_total_above_too_large_to_store_is_named_after_the_save(
    client, units, department_manager, analyst
):
    from tests.factories import make_objective, make_scorecard

    def beds(code, **extra):
        objective = make_objective(make_scorecard(units[code]), "C1")
        return make_measure(objective, "BEDS", unit="count", rollup="sum", **extra)

    general, theatres = beds("NHT-SURG-GS"), beds("NHT-SURG-TH")
    beds("NHT-SURG", is_computed=True)
    month = periods.latest_complete_period(date.today(), "monthly")
    record([Change(theatres, month, MeasuredValue(D("999999999999")))], None)
    unit = units["NHT-SURG-GS"]
    data = form_data(page(client, department_manager, unit, month))
    data[field(general, "value")] = "999999999999"

    response = client.post(entry_url(unit, month), as_posted(data), follow=True)

    body = response.content.decode()
    assert "Saved 1 value" in body
    assert "Surgery&#x27;s BEDS for" in body
    assert "is not computed" in body
    # Every page that shows the values still opens.
    client.force_login(analyst)
    for url in (
        reverse("dashboards:unit", args=[units["NHT-SURG"].slug]),
        reverse("measures:measure", args=[units["NHT-SURG"].slug, "BEDS"]),
        reverse("measures:measure", args=[unit.slug, "BEDS"]),
    ):
        assert client.get(url).status_code == 200, url
