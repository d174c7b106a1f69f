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


def role_for(user, unit):
    """The strongest role the user holds on the unit or any unit above it, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    roles = set(
        Membership.objects.filter(
            user=user,
            unit__tree_id=unit.tree_id,
            unit__lft__lte=unit.lft,
            unit__rght__gte=unit.rght,
        ).values_list("role", flat=True)
    )
    return next((role for role in ROLE_STRENGTH if role in roles), None)


def can_write(user, unit):
    return role_for(user, unit) in WRITE_ROLES


def unit_for_user(request, slug, *, write=False):
    """The unit named by `slug` if the user may see it (and change it, with write=True)."""
    unit = get_object_or_404(OrganisationUnit, slug=slug)
    role = role_for(request.user, unit)
    if role is None:
        raise Http404("No such unit.")
    if write and role not in WRITE_ROLES:
        raise PermissionDenied("Your role on this unit is read-only.")
    unit.role = role
    return unit
