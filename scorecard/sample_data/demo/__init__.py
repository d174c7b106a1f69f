"""The Northshire demo trust: `content` says what it holds, `figures` draws its
values, `loader` builds the rows."""

from scorecard.sample_data.demo.content import DEMO_USERS
from scorecard.sample_data.demo.loader import demo_logins, load_demo

__all__ = ["DEMO_USERS", "demo_logins", "load_demo"]
