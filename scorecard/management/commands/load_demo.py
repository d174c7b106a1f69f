"""Load the Northshire demo trust; `make run` calls it with --if-empty."""

from django.core.management.base import BaseCommand

from organisations.models import OrganisationUnit
from scorecard.sample_data.demo import demo_logins, load_demo

# The models worth naming in the one-line summary; -v 2 lists every table.
SUMMARY = [
    ("organisations.OrganisationUnit", "units"),
    ("scorecard.Scorecard", "scorecards"),
    ("scorecard.Objective", "objectives"),
    ("measures.Measure", "measures"),
    ("measures.Target", "targets"),
    ("measures.Observation", "observations"),
    ("scorecard.Initiative", "initiatives"),
    ("auth.User", "users"),
]


class Command(BaseCommand):
    help = (
        "Load the fictional Northshire Hospitals NHS Foundation Trust with scorecards, "
        "measures and three years of data. Running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Leave the data alone if any organisation unit already exists.",
        )

    def handle(self, *args, if_empty=False, verbosity=1, **options):
        if if_empty and OrganisationUnit.objects.exists():
            self.stdout.write("Organisation units already exist, so the demo was not loaded.")
        else:
            added = load_demo()
            self._report(added, verbosity)
        self._print_logins()

    def _report(self, added, verbosity):
        if not added:
            self.stdout.write("The Northshire demo is already loaded; nothing was added.")
            return
        parts = [f"{added[label]:,} {noun}" for label, noun in SUMMARY if label in added]
        parts = parts or [f"{sum(added.values()):,} rows that were missing"]
        self.stdout.write(self.style.SUCCESS("Loaded the Northshire demo: " + ", ".join(parts)))
        if verbosity > 1:
            for label, count in sorted(added.items()):
                self.stdout.write(f"  {label}: {count:,}")

    def _print_logins(self):
        rows = [("Username", "Password", "Role", "Unit"), *demo_logins()]
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        rows.insert(1, tuple("-" * width for width in widths))
        self.stdout.write("\nDemo logins (fictional people; remove them before real use):")
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
