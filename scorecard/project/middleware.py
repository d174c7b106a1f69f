"""Requests refused before any view reads them."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render

# NUL is the one character PostgreSQL cannot hold in text: a query that
# compares a column with it fails outright ("A string literal cannot contain
# NUL"), which a view would answer with a 500. Anything a request carries can
# reach a query (a slug, a ?unit=, an admin search, a session cookie, the
# user agent django-axes records), so NUL is refused everywhere.
NUL = "\x00"
# No address here ever holds a control character: slugs, codes, months and ids
# are letters, digits and a few marks. Text typed into a form may hold a tab,
# a line break or what a word processor pastes, so only NUL is refused there.
CONTROL_CHARACTERS = frozenset(map(chr, [*range(0x20), 0x7F]))


def refused_character(text, refused=frozenset(NUL)):
    """The first character of `text` that is in `refused`, or None."""
    return next((char for char in text if char in refused), None)


def _describe(char):
    return "NUL" if char == NUL else f"U+{ord(char):04X}"


def header_problem(request):
    """Where the request's headers or cookies hold a NUL, in words for the page;
    or None. Names only, never values: the value is what cannot be read."""
    for name, value in request.META.items():
        # The WSGI server's variables are its own; HTTP_* are the client's headers.
        if name.startswith("HTTP_") and (char := refused_character(value)):
            header = name.removeprefix("HTTP_").replace("_", "-").title()
            return f"The {header} header of the request holds a {_describe(char)} character."
    # Parsed as well as raw: a quoted cookie's "\\000" is read as a NUL.
    for name, value in request.COOKIES.items():
        if char := refused_character(name + value):
            return f"A cookie sent with the request holds a {_describe(char)} character."
    return None


def address_problem(request):
    """Where the web address holds a character it never validly holds, in words
    for the page; or None."""
    if char := refused_character(request.path_info, CONTROL_CHARACTERS):
        return f"The web address holds a {_describe(char)} character, which no address here has."
    for name, values in request.GET.lists():
        if char := refused_character(name, CONTROL_CHARACTERS):
            return f"A name in the web address holds a {_describe(char)} character."
        if char := refused_character("".join(values)):
            return f"“{name}” in the web address holds a {_describe(char)} character."
    return None


def form_problem(request):
    """As request_problem, for the fields of a posted form (never its files)."""
    for name, values in request.POST.lists():
        if char := refused_character(name + "".join(values)):
            return f"The form’s “{name}” field holds a {_describe(char)} character."
    return None


class RefuseUnreadableRequests:
    """Answer 400, with a page that says where, a request holding a character
    no part of it can hold, before any view, converter or query reads it.

    Forms' CharFields refuse NUL themselves (ProhibitNullCharactersValidator),
    but URL converters, query parameters, cookies and headers reach the
    database with no form in between.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if problem := header_problem(request):
            # The bad cookie may be the session's, and loading the session or
            # the person from it is the query that would fail: this page
            # shows no one signed in, and an empty session has the session
            # middleware delete the cookie.
            request.session = import_module(settings.SESSION_ENGINE).SessionStore()
            request.user = AnonymousUser()
            return refusal(request, problem)
        if problem := address_problem(request):
            return refusal(request, problem)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # Reading request.POST stops a view choosing its own upload handlers;
        # views that do are csrf_exempt (and protect themselves), as Django's
        # CsrfViewMiddleware, which reads request.POST just before this,
        # requires. Their forms refuse NUL.
        if request.method != "POST" or getattr(view, "csrf_exempt", False):
            return None
        problem = form_problem(request)
        return refusal(request, problem) if problem else None


def refusal(request, problem):
    return render(request, "400.html", {"problem": problem}, status=400)
