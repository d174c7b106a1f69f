"""The demo's people: five logins, each with a role on a unit.

Fictional people; `make run` prints their logins, and they should be removed
before real use.
"""

from dataclasses import dataclass

from organisations.models import Role


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    last_name: str
    role: str
    unit_code: str
    description: str
    is_superuser: bool = False


ACCOUNTS = (
    DemoAccount(
        "admin",
        "northshire-admin",
        "Alex",
        "Morgan",
        Role.ADMIN,
        "NHT",
        "Trust admin and Django superuser: frameworks, units, users, key targets",
        is_superuser=True,
    ),
    DemoAccount(
        "analyst",
        "northshire-analyst",
        "Priya",
        "Shah",
        Role.ANALYST,
        "NHT",
        "Performance analyst: reads every dashboard in the trust",
    ),
    DemoAccount(
        "performance.lead",
        "northshire-performance",
        "Jordan",
        "Ellis",
        Role.PERFORMANCE_LEAD,
        "NHT",
        "Head of performance: chases late values, closes and reopens months",
    ),
    DemoAccount(
        "surgery.manager",
        "northshire-surgery",
        "Tom",
        "Hughes",
        Role.MANAGER,
        "NHT-SURG",
        "Manager of the Surgery directorate and its departments",
    ),
    DemoAccount(
        "ed.manager",
        "northshire-emergency",
        "Grace",
        "Okafor",
        Role.MANAGER,
        "NHT-UEC-ED",
        "Manager of the Emergency Department",
    ),
)

# (username, password, role description), for printing the demo logins.
DEMO_USERS = [(a.username, a.password, a.description) for a in ACCOUNTS]
USERNAMES = [a.username for a in ACCOUNTS]
