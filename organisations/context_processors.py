from organisations.access import memberships_of


def navigation(request):
    """The user's own units for the header, strongest link to their work first."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def own_memberships():
        return list(memberships_of(user))

    # Called lazily by the template, so pages that don't show it pay nothing.
    return {"own_memberships": own_memberships}
