"""The Northshire demo trust: what it holds, by subject (`people`, `units`,
`objectives`, `kpis`, `narrative`, `swot_and_stakeholders`, `initiatives`,
`key_targets`); `figures` draws its values; `loader` builds the rows."""

from scorecard.sample_data.demo.loader import demo_logins, load_demo
from scorecard.sample_data.demo.people import DEMO_USERS

__all__ = ["DEMO_USERS", "demo_logins", "load_demo"]
