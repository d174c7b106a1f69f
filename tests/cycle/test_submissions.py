"""Sign-off: a unit's manager submitting a month's values as complete and checked."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cycle.completion import State, completion
from cycle.models import MissingValueReason, Submission
from cycle.submissions import (
    CannotSubmit,
    ChangedWhileOpen,
    ReasonsMissing,
    sign_off_of,
    submit,
    why_not_submittable,
)
from measures.recording import Change, record
from measures.values import MeasuredValue
from organisations.models import OrganisationUnit, Role
from scorecard.lib import periods
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_user,
)

# The latest month that has ended, whenever the tests run: one that may be submitted.
MONTH = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
THIS_MONTH = periods.period_start(timezone.localdate(), periods.MONTHLY)
LABEL = f"{MONTH:%B %Y}"


def submit_url(unit, month=MONTH):
    return reverse("cycle:submit", args=[unit.slug, month])


@pytest.fixture
def medicine_manager(units):
    """Grace manages Medicine, beside Surgery."""
    user = make_user("grace")
    grant(user, units["NHT-MED"], Role.MANAGER)
    return user


@pytest.fixture
def general_surgery_measures(units):
    """General Surgery's three monthly measures, due every month."""
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    return [
        make_measure(objective, "RTT18", title="Referral to treatment within 18 weeks"),
        make_measure(objective, "LOS", title="Length of stay"),
        make_measure(objective, "NEVER", title="Never events"),
    ]


def enter(measures, user=None, month=MONTH):
    for measure in measures:
        make_observation(measure, month, "5", entered_by=user)


def re_enter(measure, user, value="7", month=MONTH):
    outcome = record([Change(measure, month, MeasuredValue(Decimal(value)))], user)
    assert outcome.saved


def reason_field(measure):
    return f"reason_{measure.pk}"


# The rules.


def test_a_month_is_submittable_once_it_has_ended():
    today = date(2026, 12, 4)
    assert why_not_submittable(date(2026, 11, 1), today) is None
    assert "not over yet" in why_not_submittable(date(2026, 12, 1), today)
    assert "in the future" in why_not_submittable(date(2027, 1, 1), today)


def test_what_is_due_is_the_completion_pages_rule(units, general_surgery_measures):
    rtt, los, never = general_surgery_measures
    enter([rtt])
    sign_off = sign_off_of(units["NHT-SURG-GS"], MONTH)
    assert [value.measure.code for value in sign_off.values] == ["LOS", "NEVER", "RTT18"]
    assert [value.measure for value in sign_off.missing] == [los, never]
    (cell,) = completion([units["NHT-SURG-GS"]], [MONTH], timezone.localdate())[0].cells
    assert [measure for measure, _ in cell.missing] == [
        value.measure for value in sign_off.missing
    ]


def test_submitting_everything_entered_records_who_and_when(
    units, general_surgery_measures, department_manager
):
    enter(general_surgery_measures)
    submission = submit(units["NHT-SURG-GS"], MONTH, department_manager, {})
    assert submission.submitted_by == department_manager
    assert submission.month == MONTH
    assert not submission.missing_reasons.exists()
    assert sign_off_of(units["NHT-SURG-GS"], MONTH).changed_since == []


def test_a_missing_value_without_a_reason_refuses_the_whole_submission_and_names_it(
    units, general_surgery_measures, department_manager
):
    rtt, los, never = general_surgery_measures
    enter([rtt])
    with pytest.raises(ReasonsMissing) as refused:
        submit(units["NHT-SURG-GS"], MONTH, department_manager, {los.pk: "Not until 10th"})
    assert refused.value.values[0].measure == never
    assert "NEVER Never events" in str(refused.value)
    assert "LOS" not in str(refused.value)
    assert not Submission.objects.exists()
    assert not MissingValueReason.objects.exists()


def test_a_blank_reason_is_no_reason(units, general_surgery_measures, department_manager):
    rtt, los, never = general_surgery_measures
    enter([rtt, los])
    with pytest.raises(ReasonsMissing):
        submit(
            units["NHT-SURG-GS"], MONTH, department_manager, {general_surgery_measures[2].pk: " "}
        )


def test_months_not_over_and_months_with_nothing_due_are_refused(
    units, general_surgery_measures, department_manager
):
    with pytest.raises(CannotSubmit, match="not over yet"):
        submit(units["NHT-SURG-GS"], THIS_MONTH, department_manager, {})
    with pytest.raises(CannotSubmit, match="nothing to submit"):
        submit(units["NHT-SURG-TH"], MONTH, department_manager, {})
    assert not Submission.objects.exists()


def test_resubmitting_replaces_who_when_and_reasons_and_the_history_keeps_the_first(
    units, general_surgery_measures, department_manager, directorate_manager
):
    rtt, los, never = general_surgery_measures
    enter([rtt, los])
    unit = units["NHT-SURG-GS"]
    first = submit(unit, MONTH, department_manager, {never.pk: "Not reported until the 10th"})
    enter([never])
    second = submit(unit, MONTH, directorate_manager, {})
    assert second.pk == first.pk
    assert second.submitted_by == directorate_manager
    assert second.submitted_at >= first.submitted_at
    assert not second.missing_reasons.exists()
    assert [row.submitted_by_id for row in first.history.order_by("history_date")] == [
        department_manager.pk,
        directorate_manager.pk,
    ]


def test_a_value_entered_after_submission_is_changed_since_with_who_and_when(
    units, general_surgery_measures, department_manager, directorate_manager
):
    rtt, los, never = general_surgery_measures
    enter(general_surgery_measures, department_manager)
    submission = submit(units["NHT-SURG-GS"], MONTH, department_manager, {})
    re_enter(los, directorate_manager)
    (changed,) = sign_off_of(units["NHT-SURG-GS"], MONTH).changed_since
    assert changed.measure == los
    assert changed.entered_by == "bob"
    assert changed.observation.entered_at > submission.submitted_at


def test_a_value_entered_after_the_page_was_opened_is_not_signed_off_unseen(
    units, general_surgery_measures, department_manager
):
    opened_at = timezone.now()
    enter(general_surgery_measures, department_manager)
    with pytest.raises(ChangedWhileOpen, match="RTT18"):
        submit(units["NHT-SURG-GS"], MONTH, department_manager, {}, opened_at=opened_at)
    assert not Submission.objects.exists()


# The completion states.


def cell_of(unit, today=None):
    today = today or timezone.localdate()
    rows = completion(OrganisationUnit.objects.filter(pk=unit.pk), [MONTH], today)
    return rows[0].cells[0]


def test_completion_states_before_and_after_submission(
    units, general_surgery_measures, department_manager
):
    unit = units["NHT-SURG-GS"]
    rtt, los, never = general_surgery_measures
    enter([rtt, los])
    assert cell_of(unit).state in (State.INCOMPLETE, State.OVERDUE)
    submit(unit, MONTH, department_manager, {never.pk: "Not until the 10th"})
    cell = cell_of(unit)
    assert cell.state is State.SUBMITTED
    assert (cell.entered, cell.due, cell.changed_since) == (2, 3, False)
    assert cell.state_in_words == "Submitted"
    enter([never])
    assert cell_of(unit).state_in_words == "Submitted, changed since"


def test_complete_but_not_submitted_is_its_own_state(units, general_surgery_measures):
    enter(general_surgery_measures)
    cell = cell_of(units["NHT-SURG-GS"])
    assert cell.state is State.COMPLETE_NOT_SUBMITTED
    assert str(cell.state) == "complete, not submitted"
    assert cell.is_complete


def test_the_directorate_counts_its_units_submitted_and_changed_since(
    units, general_surgery_measures, department_manager, directorate_manager
):
    theatres = make_measure(make_objective(make_scorecard(units["NHT-SURG-TH"]), "C1"), "UTIL")
    enter(general_surgery_measures)
    submit(units["NHT-SURG-GS"], MONTH, department_manager, {})
    re_enter(general_surgery_measures[0], directorate_manager)
    assert theatres  # Theatres has a value due and nothing entered
    rows = completion(
        OrganisationUnit.objects.in_subtree(units["NHT-SURG"]).order_by("tree_id", "lft"),
        [MONTH],
        timezone.localdate(),
    )
    below = rows[0].cells[0].below
    assert (below.submitted, below.every, below.changed) == (1, 2, 1)
    assert rows[1].cells[0].changed[0].entered_by == "bob"


# The page.


def test_the_page_lists_the_values_due_entered_and_missing(
    client, units, general_surgery_measures, department_manager
):
    enter(general_surgery_measures[:1], department_manager)
    client.force_login(department_manager)
    response = client.get(submit_url(units["NHT-SURG-GS"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Submit values for {LABEL} as complete and checked" in page
    assert "Entered by charlie" in page
    assert page.count("<strong>Missing</strong>") == 2
    assert "Why is LOS Length of stay" in page
    assert "Not submitted yet" in page


def test_submitting_with_everything_entered(
    client, units, general_surgery_measures, department_manager
):
    enter(general_surgery_measures)
    client.force_login(department_manager)
    url = submit_url(units["NHT-SURG-GS"])
    opened = client.get(url)
    data = {"opened_at": opened.context["form"]["opened_at"].value()}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode()
    assert f"Values for {LABEL} submitted as complete and checked" in page
    assert f"Submitted</strong> by charlie on {timezone.localdate():%-d %B %Y}" in page
    assert "No value has changed since" in page
    assert Submission.objects.get().submitted_by == department_manager


def test_submitting_with_missing_values_and_their_reasons(
    client, units, general_surgery_measures, department_manager
):
    rtt, los, never = general_surgery_measures
    enter([rtt])
    client.force_login(department_manager)
    url = submit_url(units["NHT-SURG-GS"])
    response = client.post(
        url,
        {
            reason_field(los): "Not available until 10th",
            reason_field(never): "Awaiting validation",
        },
    )
    assert response.status_code == 302
    reasons = {r.measure.code: r.reason for r in MissingValueReason.objects.all()}
    assert reasons == {"LOS": "Not available until 10th", "NEVER": "Awaiting validation"}
    # Opened again, the boxes hold the reasons given.
    assert "Not available until 10th</textarea>" in client.get(url).content.decode()


def test_missing_reasons_are_refused_beside_each_box_and_the_typed_text_is_kept(
    client, units, general_surgery_measures, department_manager
):
    rtt, los, never = general_surgery_measures
    enter([rtt])
    client.force_login(department_manager)
    response = client.post(
        submit_url(units["NHT-SURG-GS"]), {reason_field(los): "Not available until 10th"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give a reason why NEVER" in page
    assert f'id="id_{reason_field(never)}_error"' in page
    assert "Not available until 10th</textarea>" in page
    assert "There is a problem" in page
    assert not Submission.objects.exists()


def test_a_value_entered_while_the_page_was_open_is_shown_before_submitting(
    client, units, general_surgery_measures, department_manager, directorate_manager
):
    enter(general_surgery_measures, department_manager)
    client.force_login(department_manager)
    url = submit_url(units["NHT-SURG-GS"])
    opened_at = client.get(url).context["form"]["opened_at"].value()
    re_enter(general_surgery_measures[1], directorate_manager)
    response = client.post(url, {"opened_at": opened_at})
    assert response.status_code == 200
    assert "Values were entered after you opened this page: LOS Length of stay" in (
        response.content.decode()
    )
    assert not Submission.objects.exists()
    # The page now shows them: submitting again goes through.
    fresh = response.context["form"]["opened_at"].value()
    assert client.post(url, {"opened_at": fresh}).status_code == 302


def test_after_a_correction_the_page_lists_what_changed_since(
    client, units, general_surgery_measures, department_manager, directorate_manager
):
    enter(general_surgery_measures, department_manager)
    submit(units["NHT-SURG-GS"], MONTH, department_manager, {})
    re_enter(general_surgery_measures[0], directorate_manager)
    client.force_login(department_manager)
    page = client.get(submit_url(units["NHT-SURG-GS"])).content.decode()
    assert "Changed since submitted</strong>: 1 value entered after it" in page
    assert "RTT18 Referral to treatment within 18 weeks" in page
    assert "entered by bob on" in page
    assert f"Submit values for {LABEL} again as complete and checked" in page


def test_this_month_a_future_month_and_a_month_with_nothing_due_are_refused_in_words(
    client, units, general_surgery_measures, department_manager
):
    client.force_login(department_manager)
    gs = units["NHT-SURG-GS"]
    this_month = client.get(submit_url(gs, THIS_MONTH)).content.decode()
    assert "is not over yet" in this_month
    future = periods.add_periods(THIS_MONTH, periods.MONTHLY, 2)
    assert "is in the future" in client.get(submit_url(gs, future)).content.decode()
    client.post(submit_url(gs, THIS_MONTH), {})
    assert not Submission.objects.exists()
    # General Surgery's manager does not manage Theatres: a manager of Surgery does.
    assert client.get(submit_url(units["NHT-SURG-TH"])).status_code == 404


def test_a_month_with_nothing_due_says_so(client, units, directorate_manager):
    client.force_login(directorate_manager)
    response = client.post(submit_url(units["NHT-SURG-TH"]), {})
    assert "No value of Theatres is due in" in response.content.decode()
    assert "nothing to submit" in response.content.decode()
    assert not Submission.objects.exists()


def test_an_analyst_and_another_units_manager_are_refused(
    client, units, general_surgery_measures, analyst, medicine_manager
):
    enter(general_surgery_measures)
    url = submit_url(units["NHT-SURG-GS"])
    client.force_login(analyst)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    client.force_login(medicine_manager)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert not Submission.objects.exists()


def test_anonymous_is_sent_to_log_in_and_other_methods_are_refused(
    client, units, department_manager
):
    url = submit_url(units["NHT-SURG-GS"])
    assert client.get(url).status_code == 302
    client.force_login(department_manager)
    assert client.put(url).status_code == 405


def test_the_entry_page_links_to_submitting_a_month_that_has_ended(
    client, units, general_surgery_measures, department_manager
):
    client.force_login(department_manager)
    gs = units["NHT-SURG-GS"]
    entry = client.get(reverse("measures:entry", args=[gs.slug, MONTH])).content.decode()
    assert f'href="{submit_url(gs)}"' in entry
    now = client.get(reverse("measures:entry", args=[gs.slug, THIS_MONTH])).content.decode()
    assert submit_url(gs, THIS_MONTH) not in now


def test_the_completion_page_shows_the_states_to_the_directorate_above(
    client, units, general_surgery_measures, department_manager, directorate_manager
):
    enter(general_surgery_measures, department_manager)
    submit(units["NHT-SURG-GS"], MONTH, department_manager, {})
    re_enter(general_surgery_measures[2], department_manager)
    client.force_login(directorate_manager)
    page = client.get(reverse("dashboards:completion")).content.decode()
    assert "Submitted, changed since</strong>" in page
    assert "Below: 1 of 1 submitted, 1 changed since" in page
    assert "NEVER Never events (" in page
    assert f'href="{submit_url(units["NHT-SURG-GS"])}"' in page


def test_the_completion_page_links_a_complete_month_to_its_submission_for_managers_only(
    client, units, general_surgery_measures, department_manager, analyst
):
    enter(general_surgery_measures)
    client.force_login(department_manager)
    page = client.get(reverse("dashboards:completion")).content.decode()
    assert "Complete, not submitted</strong>" in page
    assert f'href="{submit_url(units["NHT-SURG-GS"])}"' in page
    client.force_login(analyst)
    page = client.get(reverse("dashboards:completion")).content.decode()
    assert "Complete, not submitted</strong>" in page
    assert "/submit/" not in page


def test_submitting_twice_keeps_one_submission(
    units, general_surgery_measures, department_manager
):
    enter(general_surgery_measures)
    submit(units["NHT-SURG-GS"], MONTH, department_manager, {})
    submit(units["NHT-SURG-GS"], MONTH, department_manager, {})
    assert Submission.objects.count() == 1
