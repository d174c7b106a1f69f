"""Sample data: the Northshire demo trust and generated trusts of any size.

`demo` builds the fictional Northshire Hospitals NHS Foundation Trust for
`manage.py load_demo` (and `make run`); `generate` builds a synthetic trust
of any size for `manage.py generate_trust` and bench/.

Nothing in the product imports this package except those two management
commands; tests and bench/ may. It builds on the models and services of
organisations, measures and scorecard, never on views or dashboards.
"""

# Both build on the framework scorecard's migration 0002 seeds.
FRAMEWORK_NAME = "Balanced scorecard (Kaplan & Norton)"
