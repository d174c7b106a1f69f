"""The page checker the access crawl runs: each rule finds what it is for, and
nothing on a page that is sound."""

from django.contrib.auth import views as auth_views
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tests.page_check import POST_REFUSED, REPEATED, UNLABELLED, page_problems, view_takes_post

PAGE = "/units/general-surgery/scorecard/measures/5/"


def rules(html, url=PAGE, **kwargs):
    return [problem.rule for problem in page_problems(html, url, **kwargs)]


def test_a_sound_page_has_no_problems():
    html = """
    <form method="post" action="/units/general-surgery/scorecard/measures/5/retire/">
      <input type="hidden" name="csrfmiddlewaretoken" value="x">
      <label for="id_title">Title</label><input id="id_title" name="title">
      <label>Notes <textarea name="notes"></textarea></label>
      <select name="unit" aria-label="Unit"></select>
      <input name="q" aria-labelledby="q-heading">
      <input type="submit" value="Save"><button type="submit">Save</button>
    </form>
    <form method="get"><label for="id_month">Month</label><input id="id_month" name="month"></form>
    """
    assert page_problems(html, PAGE) == []


def test_a_repeated_attribute_is_found_and_named():
    html = (
        '<form method="post" action="/units/general-surgery/scorecard/measures/5/"\n'
        ' action="/units/general-surgery/scorecard/measures/5/retire/"></form>'
    )
    [problem] = page_problems(html, PAGE)
    assert problem.rule == REPEATED
    assert problem.detail == "action"
    assert problem.line == 1
    assert 'action="/units/general-surgery/scorecard/measures/5/"' in str(problem)


def test_a_repeated_attribute_on_any_element_counts_whatever_its_case():
    assert rules('<p class="a" CLASS="b">x</p>') == [REPEATED]
    assert rules('<img alt="" src="a.png" src="b.png">') == [REPEATED]
    assert rules('<p class="a" id="b">x</p>') == []


def test_inputs_selects_and_textareas_need_a_label():
    assert rules('<input name="title">') == [UNLABELLED]
    assert rules('<input type="text" id="id_x" name="x">') == [UNLABELLED]
    assert rules('<select name="unit"></select>') == [UNLABELLED]
    assert rules('<textarea name="notes"></textarea>') == [UNLABELLED]
    # A label for another field does not name this one.
    assert rules('<label for="id_y">Y</label><input id="id_x" name="x">') == [UNLABELLED]
    # A label closed before the field does not wrap it.
    assert rules('<label>Notes</label><textarea name="notes"></textarea>') == [UNLABELLED]


def test_a_label_may_come_after_its_field():
    assert rules('<input id="id_x" name="x"><label for="id_x">X</label>') == []


def test_hidden_inputs_and_buttons_need_no_label():
    html = '<input type="hidden" name="a"><input type="submit"><input type="button" value="Go">'
    assert rules(html) == []


def test_the_label_rule_can_be_left_out_for_the_admins_own_pages():
    assert rules('<input name="title">', labels=False) == []
    assert rules('<p id="a" id="b"></p>', labels=False) == [REPEATED]


def test_a_form_posting_to_a_page_that_takes_no_post_is_found():
    # The builder's measures list is read-only (require_safe).
    html = '<form method="post" action="/units/general-surgery/scorecard/measures/"></form>'
    [problem] = page_problems(html, PAGE)
    assert problem.rule == POST_REFUSED
    assert "does not take a POST" in problem.detail


def test_a_form_posting_nowhere_posts_to_the_page_itself():
    overview = "/units/general-surgery/scorecard/"
    assert rules('<form method="post"></form>', url=overview) == [POST_REFUSED]
    assert rules('<form method="post" action=""></form>', url=PAGE) == []


def test_a_form_posting_to_no_address_of_the_app_is_found():
    [problem] = page_problems('<form method="post" action="/no/such/page/"></form>', PAGE)
    assert problem.rule == POST_REFUSED
    assert "no address" in problem.detail


def test_a_relative_action_is_read_against_the_page():
    assert rules('<form method="post" action="retire/"></form>') == []
    assert rules('<form method="post" action="../"></form>') == [POST_REFUSED]


def test_get_forms_are_not_judged_by_the_post_rule():
    assert rules('<form action="/no/such/page/"></form>') == []


def test_which_views_take_a_post():
    def view(request):
        return None

    assert view_takes_post(require_POST(view))
    assert not view_takes_post(require_safe(view))
    assert view_takes_post(require_http_methods(["GET", "POST"])(view))
    assert not view_takes_post(require_http_methods(["GET"])(view))
    assert view_takes_post(view)
    assert view_takes_post(auth_views.LoginView.as_view())
    assert not view_takes_post(auth_views.PasswordChangeDoneView.as_view())
