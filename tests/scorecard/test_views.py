from django.urls import reverse

HOME = reverse("dashboards:home")


def test_home_asks_an_anonymous_visitor_to_log_in(client, db):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_home_lists_the_users_units_and_roles(client, directorate_manager):
    client.force_login(directorate_manager)

    response = client.get(HOME)

    assert response.status_code == 200
    rows = [(m.unit.name, m.get_role_display()) for m in response.context["memberships"]]
    assert rows == [("Surgery", "Manager")]
    # The user's own unit is in the header navigation too.
    assert b'href="/units/surgery/"' in response.content


def test_home_tells_a_user_with_no_role_what_to_do(client, outsider):
    client.force_login(outsider)

    response = client.get(HOME)

    assert b"You do not have a role on any unit yet" in response.content


def test_login_with_a_wrong_password_says_so_and_keeps_the_username(client, analyst):
    response = client.post(reverse("login"), {"username": "dana", "password": "wrong"})

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b'value="dana"' in response.content


def test_login_then_logout(client, analyst):
    response = client.post(
        reverse("login"), {"username": "dana", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == HOME

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert client.get(HOME).status_code == 302


def test_logout_by_get_asks_first(client, analyst):
    client.force_login(analyst)

    response = client.get(reverse("logout"))

    assert response.status_code == 200
    assert b"Log out of Scorecard?" in response.content
    assert client.get(HOME).status_code == 200


def test_an_empty_login_names_each_missing_field(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""})

    content = response.content.decode()
    assert '<a href="#id_username">Enter your username</a>' in content
    assert '<a href="#id_password">Enter your password</a>' in content


def test_an_unknown_page_says_what_to_do(client, analyst):
    client.force_login(analyst)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_the_favicon_is_served_by_the_app(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("vendor/nhsuk-frontend/assets/images/favicon.ico")


def test_home_refuses_writes(client, analyst):
    client.force_login(analyst)

    assert client.post(HOME).status_code == 405
