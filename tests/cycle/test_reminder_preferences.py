"""The page where a person turns their weekly summary off and on: their own, nobody else's."""

import pytest
from django.test import Client
from django.urls import reverse

from cycle.models import ReminderPreference
from cycle.reminders import set_weekly_summary, wants_weekly_summary
from tests.factories import make_user

PAGE = reverse("cycle:reminder_preferences")


@pytest.fixture
def pat(db):
    return make_user("pat", email="pat@example.nhs.uk")


@pytest.fixture
def client_of(pat):
    client = Client()
    client.force_login(pat)
    return client


def test_anonymous_visitors_are_sent_to_log_in(db):
    for response in (Client().get(PAGE), Client().post(PAGE, {"weekly_summary": "no"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert ReminderPreference.objects.count() == 0


def test_the_page_says_where_emails_go_and_that_the_summary_is_on_by_default(client_of):
    response = client_of.get(PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Emails are sent to pat@example.nhs.uk." in page
    assert "You are getting it." in page
    assert 'value="yes" checked' in page
    assert "These reminders cannot be turned off." in page


def test_a_person_without_an_email_address_is_told_so(db):
    client = Client()
    client.force_login(make_user("nomail"))

    page = client.get(PAGE).content.decode()

    assert "We have no email address for you" in page


def test_turning_the_summary_off_and_on_again(pat, client_of):
    response = client_of.post(PAGE, {"weekly_summary": "no"}, follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    assert wants_weekly_summary(pat) is False
    page = response.content.decode()
    assert "You will not get the weekly summary." in page
    assert "You are not getting it." in page
    assert 'value="no" checked' in page

    client_of.post(PAGE, {"weekly_summary": "yes"})
    assert wants_weekly_summary(pat) is True
    assert ReminderPreference.objects.count() == 1


def test_an_unanswered_question_is_refused_beside_it_and_nothing_is_saved(pat, client_of):
    set_weekly_summary(pat, False)

    response = client_of.post(PAGE, {})

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose yes or no: do you want the weekly summary?" in page
    assert 'class="nhsuk-form-group nhsuk-form-group--error"' in page
    # The error summary leads to the first option, and the question names its error.
    assert '<a href="#id_weekly_summary_0">Choose yes or no' in page
    assert 'aria-describedby="id_weekly_summary_error"' in page
    assert wants_weekly_summary(pat) is False


def test_a_made_up_answer_is_refused(pat, client_of):
    response = client_of.post(PAGE, {"weekly_summary": "maybe"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_only_the_signed_in_persons_own_preference_changes(pat, client_of):
    other = make_user("other")
    set_weekly_summary(other, True)

    # Whatever else is posted, the page reads no user from the request's data.
    client_of.post(PAGE, {"weekly_summary": "no", "user": other.pk, "user_id": other.pk})

    assert wants_weekly_summary(other) is True
    assert wants_weekly_summary(pat) is False


def test_a_post_without_the_csrf_token_is_refused(pat):
    client = Client(enforce_csrf_checks=True)
    client.force_login(pat)

    response = client.post(PAGE, {"weekly_summary": "no"})

    assert response.status_code == 403
    assert wants_weekly_summary(pat) is True


def test_other_methods_are_refused(client_of):
    assert client_of.put(PAGE).status_code == 405
    assert client_of.delete(PAGE).status_code == 405


def test_every_page_links_to_it_in_the_header(client_of):
    page = client_of.get(reverse("dashboards:home")).content.decode()

    assert f'href="{PAGE}">Reminder emails</a>' in page
