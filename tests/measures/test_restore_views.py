"""Restoring an earlier value from a measure's history: measures/views.py value_restore."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.history import value_changes
from measures.models import Observation
from measures.recording import Change, record
from measures.values import MeasuredValue
from tests.factories import make_user
from tests.measures.entry_setup import build_surgical

SLUG = "general-surgery"
SEPTEMBER = date(2026, 9, 1)


@pytest.fixture
def surgical(units):
    return build_surgical(units, month=date(2026, 10, 1))


@pytest.fixture
def recounted(surgical, department_manager, directorate_manager):
    """Charlie's length of stay for September, then Bob's recount over it."""
    record(
        [Change(surgical.los, SEPTEMBER, MeasuredValue(D("4.5")), "First count")],
        department_manager,
    )
    record(
        [Change(surgical.los, SEPTEMBER, MeasuredValue(D("5.5")), "Recount", opened_version=1)],
        directorate_manager,
    )
    return surgical


def version_of(measure, value, period=SEPTEMBER):
    """The history row in which `measure`'s value for `period` became `value`."""
    return Observation.history.get(measure_id=measure.pk, period=period, value=value)


def restore_url(measure, version, slug=SLUG):
    return reverse("measures:value_restore", args=[slug, measure.code, version.history_id])


def stored(measure, period=SEPTEMBER):
    return Observation.objects.get(measure=measure, period=period)


def confirm(client, measure, version, *, opened_version, why="Bob's recount was of October"):
    # A comment box, where the page has one, starts with the earlier version's comment.
    data = {"version": opened_version, "why": why, "comment": version.comment}
    return client.post(restore_url(measure, version), data)


def allowed(response):
    return response.status_code not in (403, 404) and response.status_code < 500


# Who may restore.


def test_a_manager_restores_an_earlier_value_with_its_comment(
    client, recounted, department_manager
):
    first = version_of(recounted.los, D("4.5"))
    client.force_login(department_manager)

    response = confirm(client, recounted.los, first, opened_version=2)

    assert response.status_code == 302
    assert response.url == recounted.los.get_absolute_url() + "#history"
    now = stored(recounted.los)
    assert (now.value, now.comment, now.version) == (D("4.5"), "First count", 3)
    assert now.entered_by == department_manager
    when = timezone.localtime(first.history_date)
    latest = now.history.latest("history_date", "history_id")
    assert latest.history_user == department_manager
    assert latest.history_change_reason == (
        f"Restored the value of {when.day} {when:%b %Y %H:%M} (by charlie): "
        "Bob's recount was of October"
    )
    page = client.get(response.url).content.decode()
    assert "Restored the value of LOS for Sep 2026: 4.5 days." in page


def test_a_manager_above_the_unit_restores_too(client, recounted, directorate_manager):
    client.force_login(directorate_manager)

    response = confirm(
        client, recounted.los, version_of(recounted.los, D("4.5")), opened_version=2
    )

    assert response.status_code == 302
    assert stored(recounted.los).value == D("4.5")


# An analyst reads only (403); a user without a role is not told the unit exists (404).
@pytest.mark.parametrize(("persona", "status"), [("analyst", 403), ("outsider", 404)])
def test_others_may_not_restore(client, recounted, request, persona, status):
    first = version_of(recounted.los, D("4.5"))
    client.force_login(request.getfixturevalue(persona))

    assert client.get(restore_url(recounted.los, first)).status_code == status
    assert confirm(client, recounted.los, first, opened_version=2).status_code == status
    assert stored(recounted.los).value == D("5.5")


def test_anonymous_users_are_sent_to_log_in(client, recounted):
    response = client.get(restore_url(recounted.los, version_of(recounted.los, D("4.5"))))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_only_get_and_post_are_answered(client, recounted, department_manager):
    client.force_login(department_manager)

    response = client.put(restore_url(recounted.los, version_of(recounted.los, D("4.5"))))

    assert response.status_code == 405


def test_a_history_id_of_another_measure_or_unit_is_not_found(
    client, recounted, department_manager, directorate_manager
):
    record([Change(recounted.never, SEPTEMBER, MeasuredValue(D(0)))], department_manager)
    never = version_of(recounted.never, D(0))
    first = version_of(recounted.los, D("4.5"))
    client.force_login(directorate_manager)

    # NEVER's history under LOS's address.
    assert client.get(restore_url(recounted.los, never)).status_code == 404
    # General Surgery's LOS history under Theatres' RTT18, which Bob also manages.
    other_unit = reverse("measures:value_restore", args=["theatres", "RTT18", first.history_id])
    assert client.get(other_unit).status_code == 404
    assert confirm(client, recounted.los, never, opened_version=1).status_code == 404
    assert stored(recounted.never).value == 0


def test_a_computed_total_is_never_restored(
    client, surgical, department_manager, directorate_manager
):
    for numerator in (3, 2):
        record(
            [
                Change(
                    surgical.rtt, SEPTEMBER, MeasuredValue(D(numerator) * 25, D(numerator), D(4))
                )
            ],
            department_manager,
        )
    total = version_of(surgical.surgery_rtt, D(75))
    client.force_login(directorate_manager)

    url = restore_url(surgical.surgery_rtt, total, slug="surgery")
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 2, "why": "Try"}).status_code == 404
    assert stored(surgical.surgery_rtt).value == 50
    page = client.get(reverse("measures:measure", args=["surgery", "RTT18"])).content.decode()
    assert "Restore this value" not in page


# Asking first.


def test_the_history_link_only_asks_showing_both_values_and_who_set_them(
    client, recounted, department_manager
):
    first = version_of(recounted.los, D("4.5"))
    client.force_login(department_manager)

    response = client.get(restore_url(recounted.los, first))

    assert response.status_code == 200
    assert stored(recounted.los).version == 2
    page = response.content.decode()
    assert "Restore the value of Sep 2026?" in page
    for shown in [
        "5.5 days",
        "Recount",
        "Set by bob",
        "4.5 days",
        "First count",
        "Set by charlie",
    ]:
        assert shown in page
    assert response.context["form"]["version"].value() == 2


def test_a_reason_is_required(client, recounted, department_manager):
    client.force_login(department_manager)

    response = confirm(
        client, recounted.los, version_of(recounted.los, D("4.5")), opened_version=2, why="  "
    )

    assert allowed(response)
    assert response.context["form"].errors["why"] == ["Say why you are restoring this value"]
    assert stored(recounted.los).value == D("5.5")


def test_a_long_reason_is_kept_whole(client, recounted, department_manager):
    why = "The recount covered the wrong ward. " * 10
    client.force_login(department_manager)

    confirm(client, recounted.los, version_of(recounted.los, D("4.5")), opened_version=2, why=why)

    latest = stored(recounted.los).history.latest("history_date", "history_id")
    assert latest.history_change_reason.endswith(why.strip())


def test_a_restore_over_a_value_changed_since_is_refused_saying_who_changed_it_to_what(
    client, recounted, department_manager, directorate_manager
):
    first = version_of(recounted.los, D("4.5"))
    client.force_login(department_manager)
    opened = client.get(restore_url(recounted.los, first)).context["form"]["version"].value()
    record(
        [Change(recounted.los, SEPTEMBER, MeasuredValue(D(6)), "Third count", opened_version=2)],
        directorate_manager,
    )

    response = confirm(client, recounted.los, first, opened_version=opened)

    assert allowed(response)
    now = stored(recounted.los)
    assert (now.value, now.comment, now.version) == (6, "Third count", 3)
    page = response.content.decode()
    assert "Since you opened this page, bob changed this value to 6 days" in page
    assert "with the comment “Third count”" in page
    assert "Nothing was restored" in page
    # The page now carries the version it shows, so restoring again is a knowing choice.
    assert response.context["form"]["version"].value() == "3"
    assert confirm(client, recounted.los, first, opened_version=3).status_code == 302
    assert stored(recounted.los).value == D("4.5")


def test_the_value_now_is_not_offered_again(client, recounted, department_manager):
    latest = version_of(recounted.los, D("5.5"))
    client.force_login(department_manager)

    response = client.get(restore_url(recounted.los, latest))

    page = response.content.decode()
    assert "there is nothing to restore" in page
    assert "Restore this value</button>" not in page


def test_a_value_the_measure_no_longer_allows_is_not_restored(
    client, recounted, department_manager
):
    # LOS becomes a count: 4.5 is no longer a whole number.
    recounted.los.unit = "count"
    recounted.los.save()
    first = version_of(recounted.los, D("4.5"))
    client.force_login(department_manager)

    asked = client.get(restore_url(recounted.los, first)).content.decode()
    response = confirm(client, recounted.los, first, opened_version=2)

    assert "This value cannot be restored" in asked
    assert "A count is a whole number." in asked
    assert allowed(response)
    assert stored(recounted.los).value == D("5.5")


# Ratios and totals.


def ratio_versions(surgical, user):
    for numerator in (3, 2):
        record(
            [
                Change(
                    surgical.rtt,
                    SEPTEMBER,
                    MeasuredValue(D(numerator) * 25, D(numerator), D(4)),
                    f"{numerator} of 4 seen",
                )
            ],
            user,
        )


def test_a_ratio_gets_its_numerator_and_denominator_back(client, surgical, department_manager):
    ratio_versions(surgical, department_manager)
    client.force_login(department_manager)

    response = confirm(client, surgical.rtt, version_of(surgical.rtt, D(75)), opened_version=2)

    assert response.status_code == 302
    now = stored(surgical.rtt)
    assert (now.value, now.numerator, now.denominator, now.comment) == (75, 3, 4, "3 of 4 seen")


def test_the_totals_above_are_recomputed(client, surgical, department_manager):
    ratio_versions(surgical, department_manager)
    record([Change(surgical.theatres_rtt, SEPTEMBER, MeasuredValue(D(100), D(4), D(4)))], None)
    assert stored(surgical.surgery_rtt).value == 75  # (2 + 4) of (4 + 4)
    client.force_login(department_manager)

    response = confirm(client, surgical.rtt, version_of(surgical.rtt, D(75)), opened_version=2)

    total = stored(surgical.surgery_rtt)
    assert (total.numerator, total.denominator, total.value) == (7, 8, D("87.5"))
    page = client.get(response.url).content.decode()
    assert "1 computed total above was updated." in page


# The history shows the restore.


def test_the_history_shows_the_restore_and_offers_every_earlier_value(
    client, recounted, department_manager, analyst
):
    client.force_login(department_manager)
    confirm(client, recounted.los, version_of(recounted.los, D("4.5")), opened_version=2)

    response = client.get(reverse("measures:measure", args=[SLUG, "LOS"]))

    changes = response.context["changes"]
    assert [(c.kind, c.who, c.before, c.after, c.restorable) for c in changes] == [
        ("Restored", "charlie", "5.5 days", "4.5 days", False),
        ("Changed", "bob", "4.5 days", "5.5 days", True),
        # The same value and comment as now: nothing to restore.
        ("Entered", "charlie", "–", "4.5 days", False),
    ]
    page = response.content.decode()
    assert "Restored the value of" in page
    assert restore_url(recounted.los, version_of(recounted.los, D("5.5"))) in page
    client.force_login(analyst)
    assert (
        "Restore this value"
        not in client.get(reverse("measures:measure", args=[SLUG, "LOS"])).content.decode()
    )


def test_a_value_entered_by_an_import_says_so_when_restored(client, surgical, department_manager):
    record(
        [Change(surgical.los, SEPTEMBER, MeasuredValue(D(4)))], None, reason="Imported from a.csv"
    )
    record(
        [Change(surgical.los, SEPTEMBER, MeasuredValue(D(5)), opened_version=1)],
        department_manager,
    )
    first = version_of(surgical.los, D(4))
    client.force_login(department_manager)

    assert (
        "Set by An import or the system"
        in client.get(restore_url(surgical.los, first)).content.decode()
    )
    confirm(client, surgical.los, first, opened_version=2, why="The import was right")

    reason = stored(surgical.los).history.latest("history_date", "history_id")
    assert "(by an import or the system): The import was right" in reason.history_change_reason


def test_a_restore_by_a_user_without_a_full_name_or_with_one_reads_well(
    client, surgical, department_manager
):
    smith = make_user("bsmith", first_name="Bob", last_name="Smith")
    record([Change(surgical.los, SEPTEMBER, MeasuredValue(D(4)))], smith)
    record(
        [Change(surgical.los, SEPTEMBER, MeasuredValue(D(5)), opened_version=1)],
        department_manager,
    )
    client.force_login(department_manager)

    confirm(client, surgical.los, version_of(surgical.los, D(4)), opened_version=2, why="Right")

    reason = stored(surgical.los).history.latest("history_date", "history_id")
    assert "(by Bob Smith): Right" in reason.history_change_reason


def test_value_changes_reads_the_history_in_one_query(recounted, django_assert_num_queries):
    with django_assert_num_queries(1):
        changes = value_changes(recounted.los)
    assert len(changes) == 2


# Restoring obeys the rules of entering.


@pytest.fixture
def past_trigger(surgical, department_manager):
    """Length of stay 6.5 days (past the 6-day trigger) with no comment, then 5 over it.

    An import writes such a value (it only warns); the entry page would not.
    """
    record([Change(surgical.los, SEPTEMBER, MeasuredValue(D("6.5")), "")], None, reason="Imported")
    record(
        [Change(surgical.los, SEPTEMBER, MeasuredValue(D(5)), "Recount", opened_version=1)],
        department_manager,
    )
    return surgical


def test_a_value_past_its_trigger_is_restored_only_with_a_comment_beside_the_box(
    client, past_trigger, department_manager
):
    earlier = version_of(past_trigger.los, D("6.5"))
    client.force_login(department_manager)

    asked = client.get(restore_url(past_trigger.los, earlier))
    refused = client.post(
        restore_url(past_trigger.los, earlier),
        {"version": 2, "why": "The recount was wrong", "comment": "  "},
    )

    assert 'name="comment"' in asked.content.decode()
    assert refused.status_code == 200
    body = refused.content.decode()
    message = "This value is past the action trigger: say what is being done about it."
    assert refused.context["form"].errors["comment"] == [message]
    assert 'id="id_comment_error"' in body
    assert "The recount was wrong" in body
    assert (stored(past_trigger.los).value, stored(past_trigger.los).version) == (5, 2)

    restored = client.post(
        restore_url(past_trigger.los, earlier),
        {"version": 2, "why": "The recount was wrong", "comment": "Escalated to the COO"},
    )

    assert restored.status_code == 302
    now = stored(past_trigger.los)
    assert (now.value, now.comment, now.version) == (D("6.5"), "Escalated to the COO", 3)


def test_restore_refuses_a_value_past_its_trigger_without_a_comment(
    past_trigger, department_manager
):
    from measures import history
    from measures.values import EntryError

    earlier = version_of(past_trigger.los, D("6.5"))
    with pytest.raises(EntryError) as refused:
        history.restore(
            past_trigger.los, earlier, department_manager, opened_version=2, why="Recount"
        )
    assert refused.value.errors == {
        "comment": "This value is past the action trigger: say what is being done about it."
    }
    assert stored(past_trigger.los).value == 5
