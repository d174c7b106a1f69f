"""The reminders' rules, with plain dates: which day is which occasion, and the keys."""

from datetime import date

from cycle.models import ReminderKind
from cycle.reminders import Occasion, occasion_on, occasions, summary_day, summary_key, unit_key
from scorecard.lib import reporting_calendar

# November 2026's values are due on the 5th working day after it ends: Monday 7 December.
DUE = date(2026, 12, 7)


def test_the_occasions_are_counted_in_working_days_around_the_due_date():
    found = occasions(DUE, [2], [1, 5])

    assert [(o.day, o.name) for o in found] == [
        (date(2026, 12, 3), "before-2"),  # Thursday: the weekend is not counted
        (date(2026, 12, 7), "due"),
        (date(2026, 12, 8), "after-1"),
        (date(2026, 12, 14), "after-5"),
    ]
    assert [o.in_words for o in found] == [
        "2 working days before the due date",
        "on the due date",
        "1 working day after the due date",
        "5 working days after the due date",
    ]


def test_bank_holidays_are_not_working_days_either_way():
    # 25 December 2026 is a Friday, Boxing Day's substitute Monday 28 December.
    assert reporting_calendar.working_days_before(date(2026, 12, 29), 1) == date(2026, 12, 24)
    assert reporting_calendar.working_days_after(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_only_an_occasion_is_a_day_to_remind():
    assert occasion_on(date(2026, 12, 3), DUE, [2], [1, 5]) == Occasion(
        date(2026, 12, 3), ReminderKind.BEFORE, 2
    )
    assert occasion_on(DUE, DUE, [2], [1, 5]).kind is ReminderKind.DUE
    for other_day in (date(2026, 12, 2), date(2026, 12, 4), date(2026, 12, 9), date(2026, 12, 15)):
        assert occasion_on(other_day, DUE, [2], [1, 5]) is None


def test_an_occasion_that_failed_is_tried_again_for_a_week_and_a_later_one_wins():
    def failed(occasion):
        return occasion.name == "after-1"

    assert occasion_on(date(2026, 12, 10), DUE, [2], [1, 5], failed).name == "after-1"
    assert occasion_on(date(2026, 12, 15), DUE, [2], [1, 5], failed).name == "after-1"
    assert occasion_on(date(2026, 12, 16), DUE, [2], [1, 5], failed) is None
    # On a day that is an occasion itself, that occasion is the one sent.
    assert occasion_on(date(2026, 12, 14), DUE, [2], [1, 5], failed).name == "after-5"


def test_no_days_before_or_after_leaves_the_due_date_alone():
    assert [o.name for o in occasions(DUE, [], [])] == ["due"]


def test_keys_name_the_unit_month_and_occasion_and_the_week_of_a_summary():
    assert (
        unit_key(12, date(2026, 11, 1), Occasion(DUE, ReminderKind.DUE)) == "unit:12:2026-11:due"
    )
    # The summary's day is the latest of its weekday: Monday 7 December for the whole week.
    assert summary_day(date(2026, 12, 7), 0) == date(2026, 12, 7)
    assert summary_day(date(2026, 12, 13), 0) == date(2026, 12, 7)
    assert summary_key(summary_day(date(2026, 12, 10), 0)) == "summary:2026-12-07"
