"""Wrong passwords sent all at once are counted as if sent one after another:
no more are checked than the lockout allows, and the right one is refused
while the username is locked, at either door (the app's login and the admin's).
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.test import Client
from django.urls import reverse

PASSWORD = "correct-horse-battery"
ATTEMPTS = 40


@pytest.fixture
def password_checks(monkeypatch):
    """How many times a password was checked against its hash, from any thread.

    Each check is slowed as a real hasher is (these tests hash with MD5), so
    that attempts sent together are checked together if nothing stops them.
    """
    checks = []
    lock = threading.Lock()
    check = AbstractBaseUser.check_password

    def counted(user, raw_password):
        with lock:
            checks.append(user.get_username())
        time.sleep(0.05)
        return check(user, raw_password)

    monkeypatch.setattr(AbstractBaseUser, "check_password", counted)
    return checks


def wrong_password(url, username, start):
    try:
        start.wait()
        return Client().post(url, {"username": username, "password": "a wrong guess"}).status_code
    finally:
        connection.close()


def send_together(url, username):
    start = threading.Barrier(ATTEMPTS, timeout=60)
    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        jobs = [pool.submit(wrong_password, url, username, start) for _ in range(ATTEMPTS)]
        return [job.result() for job in jobs]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("door", ["login", "admin:login"])
def test_wrong_passwords_sent_together_are_checked_no_more_than_the_limit(
    door, password_checks, department_manager, analyst, trust_admin
):
    username = "alice" if door == "admin:login" else "charlie"

    answers = send_together(reverse(door), username)

    assert len(password_checks) <= settings.AXES_FAILURE_LIMIT
    # Every attempt was answered: refused beside the form, or paused.
    assert sorted(set(answers)) == [200, 429]
    assert answers.count(429) >= ATTEMPTS - settings.AXES_FAILURE_LIMIT
    # The right password is refused while the username is paused...
    client = Client()
    right = client.post(reverse(door), {"username": username, "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert len(password_checks) <= settings.AXES_FAILURE_LIMIT
    # ...but a colleague at the same address logs in.
    colleague = Client()
    response = colleague.post(reverse("login"), {"username": "dana", "password": PASSWORD})
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(analyst.pk)
