"""The demo trust for tests that use it as it is: loaded once per database, then copied back.

`load_demo` takes about 16 seconds, most of it closing three years of months,
and the browser tests that tour the demo would each pay that; CI has 20
minutes for both databases. The first test to ask loads the demo and copies
every table into a twin (`CREATE TABLE ... AS SELECT`); each later test gets
the tables emptied and filled back from the twins, in one transaction, and
the sequences moved past the ids copied. What `load_demo` builds is tested
on its own (tests/scorecard/test_demo.py), which loads it for real.

The twins live in the test database, which is made anew for each run.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from scorecard.sample_data.demo import load_demo

TWIN_PREFIX = "demo_copy__"

# The databases (by alias) whose twins this run has made: a twin left by an
# earlier run (a reused test database) may hold an older demo.
_copied = set()


def demo_trust():
    """Load the demo trust, or copy it back if this run has loaded it before."""
    if connection.alias in _copied:
        _copy_back()
    else:
        load_demo()
        _make_twins()
        _copied.add(connection.alias)


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _twin(table):
    return connection.ops.quote_name(TWIN_PREFIX + table)


def _make_twins():
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"DROP TABLE IF EXISTS {_twin(table)}")
            cursor.execute(f"CREATE TABLE {_twin(table)} AS SELECT * FROM {quote(table)}")


def _copy_back():
    quote = connection.ops.quote_name
    tables = _tables()
    flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    models = apps.get_models(include_auto_created=True)
    resets = connection.ops.sequence_reset_sql(no_style(), models)
    # The foreign keys are checked at commit (Django declares them deferred), so
    # the order the tables are filled in does not matter.
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in flush:
            cursor.execute(statement)
        for table in tables:
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {_twin(table)}")
        for statement in resets:
            cursor.execute(statement)
