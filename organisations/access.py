"""Who may see and change which unit. Every view asks here; nothing else decides.

A role granted on a unit covers that unit and every unit below it. Outsiders
get 404 (they are not told the unit exists); read-only users get 403 on writes.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from organisations.models import WRITE_ROLES, Membership, OrganisationUnit, Role

# Strongest first: where several roles cover a unit, the strongest counts.
ROLE_STRENGTH = [Role.ADMIN, Role.MANAGER, Role.ANALYST]


def granting_membership(user, unit):
    """The user's strongest membership on the unit or a unit above it, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    covering = Membership.objects.filter(
        user=user,
        unit__tree_id=unit.tree_id,
        unit__lft__lte=unit.lft,
        unit__rght__gte=unit.rght,
    ).select_related("unit")
    # Strongest role first; between equals, the one granted nearest the unit.
    return min(
        covering,
        key=lambda m: (ROLE_STRENGTH.index(m.role), -m.unit.level),
        default=None,
    )


def _role_given(user, membership):
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Role.ADMIN
    return Role(membership.role) if membership else None


def role_for(user, unit):
    """The strongest role the user holds on the unit or any unit above it, or None."""
    return _role_given(user, granting_membership(user, unit))


def can_write(user, unit):
    return role_for(user, unit) in WRITE_ROLES


def unit_for_user(request, slug, *, write=False):
    """The unit named by `slug` if the user may see it (and change it, with write=True)."""
    unit = get_object_or_404(OrganisationUnit, slug=slug)
    membership = granting_membership(request.user, unit)
    role = _role_given(request.user, membership)
    if role is None:
        raise Http404("No such unit.")
    if write and role not in WRITE_ROLES:
        raise PermissionDenied("Your role on this unit is read-only.")
    unit.role = role
    # Where the role comes from, so the page can say so; None for superusers.
    unit.role_granted_on = membership.unit if membership else None
    return unit
