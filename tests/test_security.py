"""Logging in, passwords, sessions and the headers every response carries."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from scorecard.project.logins import client_address, failures_towards_lockout
from tests.factories import make_measure, make_objective, make_observation, make_scorecard

PASSWORD = "correct-horse-battery"


def log_in(client, username, password, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def from_address(address):
    return {"REMOTE_ADDR": address}


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


# Logging in


def test_a_wrong_password_is_refused_beside_the_form(client, department_manager):
    response = log_in(client, "charlie", "not-the-password")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_that_username_out_even_with_the_right_one(
    client, department_manager
):
    for _ in range(5):
        log_in(client, "charlie", "guess")

    response = log_in(client, "charlie", PASSWORD)

    assert response.status_code == 429
    assert "Too many attempts to log in" in response.text
    assert "paused for 15 minutes" in response.text
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_stop_a_colleague_logging_in(client, department_manager, analyst):
    for _ in range(5):
        log_in(client, "charlie", "guess")

    response = log_in(client, "dana", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(analyst.pk)


def test_the_lockout_ends_after_its_cool_off(client, department_manager):
    for _ in range(5):
        log_in(client, "charlie", "guess")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = log_in(client, "charlie", PASSWORD)

    assert response.status_code == 302


def test_a_successful_login_forgets_earlier_mistakes(client, department_manager):
    for _ in range(4):
        log_in(client, "charlie", "guess")
    log_in(client, "charlie", PASSWORD)
    client.logout()
    for _ in range(4):
        log_in(client, "charlie", "guess")

    assert log_in(client, "charlie", PASSWORD).status_code == 302


def test_a_pause_from_one_address_leaves_the_user_free_elsewhere(client, department_manager):
    for _ in range(5):
        log_in(client, "charlie", "guess", **from_address("10.0.0.1"))

    assert log_in(client, "charlie", PASSWORD, **from_address("10.0.0.1")).status_code == 429
    assert log_in(client, "charlie", PASSWORD, **from_address("10.0.0.2")).status_code == 302


def test_twenty_wrong_passwords_from_several_addresses_pause_the_username_everywhere(
    client, department_manager, analyst
):
    for guess in range(20):
        log_in(client, "charlie", "guess", **from_address(f"10.0.{guess // 4}.1"))

    response = log_in(client, "charlie", PASSWORD, **from_address("10.9.9.9"))

    assert response.status_code == 429
    assert "or 20 times from anywhere" in response.text
    # Other usernames log in from any of those addresses.
    assert log_in(client, "dana", PASSWORD, **from_address("10.0.0.1")).status_code == 302


def test_attempts_refused_during_a_pause_do_not_lock_a_colleague_out_everywhere(
    client, department_manager
):
    """Someone at one address cannot keep guessing to pause a colleague's username
    from everywhere: a refused attempt checks no password, so it does not count."""
    for _ in range(40):
        log_in(client, "charlie", "guess", **from_address("10.0.0.1"))

    assert AccessAttempt.objects.get().failures_since_start == 5
    assert log_in(client, "charlie", PASSWORD, **from_address("10.0.0.2")).status_code == 302
    # Every refused attempt is still there for an administrator to read.
    assert AccessFailureLog.objects.filter(username="charlie").count() == 40
    assert AccessFailureLog.objects.filter(username="charlie", locked_out=True).count() == 36


def test_a_login_that_works_forgets_only_the_mistakes_from_its_own_address(
    client, department_manager
):
    for guess in range(16):
        log_in(client, "charlie", "guess", **from_address(f"10.0.{guess // 4}.1"))
    log_in(client, "charlie", "guess", **from_address("10.0.9.1"))

    assert log_in(client, "charlie", PASSWORD, **from_address("10.0.9.1")).status_code == 302
    client.logout()
    # Sixteen guesses from elsewhere still count: four more pause the username.
    for _ in range(4):
        log_in(client, "charlie", "guess", **from_address("10.0.8.1"))
    assert log_in(client, "charlie", PASSWORD, **from_address("10.0.9.1")).status_code == 429


def test_the_admin_login_is_paused_with_the_same_count(client, trust_admin):
    for _ in range(3):
        log_in(client, "alice", "guess")
    for _ in range(2):
        client.post(reverse("admin:login"), {"username": "alice", "password": "guess"})

    response = client.post(reverse("admin:login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 429
    assert log_in(client, "alice", PASSWORD).status_code == 429


def test_a_forwarded_for_header_is_ignored_unless_proxies_are_trusted(client, department_manager):
    """Otherwise a guesser would name a new address with each guess."""
    for guess in range(5):
        log_in(client, "charlie", "guess", HTTP_X_FORWARDED_FOR=f"10.0.0.{guess}")

    assert log_in(client, "charlie", PASSWORD, HTTP_X_FORWARDED_FOR="10.1.1.1").status_code == 429


def test_behind_a_trusted_proxy_the_address_it_forwards_is_the_one_paused(
    client, department_manager, settings
):
    settings.TRUSTED_PROXIES = 1
    proxy = from_address("192.168.0.10")
    for _ in range(5):
        # Whatever the guesser puts in front, the proxy appends what it saw.
        log_in(client, "charlie", "guess", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1", **proxy)

    paused = log_in(client, "charlie", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.1", **proxy)
    colleague = log_in(client, "charlie", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.2", **proxy)

    assert paused.status_code == 429
    assert colleague.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


@pytest.mark.parametrize(
    ("forwarded_for", "trusted", "address"),
    [
        ("10.0.0.1", 0, "192.168.0.10"),
        ("10.0.0.1", 1, "10.0.0.1"),
        ("1.2.3.4, 10.0.0.1", 1, "10.0.0.1"),
        ("1.2.3.4, 10.0.0.1, 172.16.0.1", 2, "10.0.0.1"),
        (" 2001:db8::1 , 172.16.0.1", 2, "2001:db8::1"),
        # Fewer hops than trusted proxies, or no address: the header is not believed.
        ("10.0.0.1", 2, "192.168.0.10"),
        ("", 1, "192.168.0.10"),
        (None, 1, "192.168.0.10"),
        ("not-an-address", 1, "192.168.0.10"),
    ],
)
def test_the_client_address_is_the_one_the_outermost_trusted_proxy_saw(
    forwarded_for, trusted, address
):
    assert client_address("192.168.0.10", forwarded_for, trusted) == address


@pytest.mark.parametrize(
    ("here", "anywhere", "paused"),
    [(4, 4, False), (5, 5, True), (4, 19, False), (1, 20, True), (0, 0, False)],
)
def test_a_username_is_paused_at_five_from_one_address_or_twenty_from_anywhere(
    here, anywhere, paused
):
    count = failures_towards_lockout(here, anywhere, address_limit=5, username_limit=20)

    assert (count >= 5) is paused


# Passwords


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("short-one", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("839201746519", "This password is entirely numeric."),
        ("charlie12345", "The password is too similar to the username."),
    ],
)
def test_a_weak_new_password_is_refused_with_the_reason(
    client, department_manager, new_password, message
):
    client.force_login(department_manager)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )

    assert response.status_code == 200
    assert message in response.text
    department_manager.refresh_from_db()
    assert department_manager.check_password(PASSWORD)


def test_a_manager_changes_their_password_and_stays_logged_in(client, department_manager):
    client.force_login(department_manager)
    new = "mossy-lantern-orbit-94"

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    department_manager.refresh_from_db()
    assert department_manager.check_password(new)
    assert client.get(reverse("dashboards:home")).status_code == 200


def test_changing_a_password_needs_the_old_one(client, department_manager):
    client.force_login(department_manager)
    new = "mossy-lantern-orbit-94"

    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )

    assert "Your old password was entered incorrectly" in response.text
    department_manager.refresh_from_db()
    assert department_manager.check_password(PASSWORD)


def test_the_password_page_needs_a_login(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Sessions


def test_a_session_ends_when_the_browser_closes(client, department_manager):
    response = log_in(client, "charlie", PASSWORD)

    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"]


def test_a_session_older_than_a_working_day_must_log_in_again(client, department_manager):
    log_in(client, "charlie", PASSWORD)
    session = Session.objects.get()
    assert session.expire_date - timezone.now() <= timedelta(hours=8)

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("dashboards:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Headers


def test_every_page_refuses_inline_script_eval_and_framing(client, department_manager):
    client.force_login(department_manager)

    response = client.get(reverse("dashboards:home"))

    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_login_page_carries_the_policy_too(client):
    policy = csp_directives(client.get(reverse("login")))

    assert policy["script-src"] == ["'self'"]


def test_only_chart_pages_allow_inline_styles_and_never_inline_script(
    client, department_manager, units
):
    measure = make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"])), "LOS")
    make_observation(measure)
    client.force_login(department_manager)

    chart_pages = [
        reverse("measures:measure", args=["general-surgery", "LOS"]),
        reverse("measures:compare_siblings", args=["general-surgery", "LOS"]),
        reverse("measures:compare_all", args=["LOS"]),
    ]
    for url in chart_pages:
        policy = csp_directives(client.get(url))
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert policy["script-src"] == ["'self'"], url

    dashboard = csp_directives(client.get(reverse("dashboards:unit", args=["general-surgery"])))
    assert dashboard["style-src"] == ["'self'"]
