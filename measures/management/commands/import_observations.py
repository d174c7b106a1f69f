from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from measures import imports
from organisations.models import OrganisationUnit


class Command(BaseCommand):
    help = (
        "Import measure values from a CSV or XLSX file. Every row is checked first; if any "
        "has a problem, each is listed and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file, its first row a header.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would be created or updated, writing nothing.",
        )
        parser.add_argument(
            "--backfill",
            action="store_true",
            help="Also import values from before a measure's first stored value (the file is "
            "refused without it if it has any, and each such measure is listed).",
        )

    def handle(self, *args, file, dry_run, backfill, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {file}.")
        with path.open("rb") as handle:
            # The command runs with no user, so it may name any unit.
            plan = imports.check_file(
                File(handle, name=path.name), units=OrganisationUnit.objects.all()
            )
        if plan.problems:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            count = len(plan.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} in {path.name}: nothing was imported."
            )
        if plan.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(plan.ignored_columns)}.")
        for reaching_back in plan.backfills:
            self.stdout.write(f"Before its first value: {reaching_back}.")
        if plan.backfills and not (backfill or dry_run):
            raise CommandError(
                f"{path.name} gives values from before a measure's first value, listed above: "
                "nothing was imported. Run it again with --backfill to import them too."
            )
        if dry_run:
            outcome = imports.dry_run(plan)
            self._refuse_closed(plan, outcome, path)
            self.stdout.write(
                f"Checked {path.name}, nothing written. Importing it would give: "
                f"{imports.describe_outcome(outcome, plan)}."
            )
            return
        reason = imports.import_reason(path.name, by_command=True)
        outcome = imports.save(plan, None, reason=reason)
        self._refuse_closed(plan, outcome, path)
        if not outcome.saved:
            # Values typed between the check above and the write: named, not overwritten.
            for problem in imports.stale_problems(plan, outcome, None):
                self.stderr.write(str(problem))
            raise CommandError(
                "Someone changed some of these values while the file was being checked: "
                "nothing was imported. Run the import again to replace them."
            )
        self.stdout.write(f"Imported {path.name}: {imports.describe_outcome(outcome, plan)}.")
        for problem in outcome.not_computed:
            self.stdout.write(str(problem))
        if advice := imports.past_trigger_advice(plan):
            self.stdout.write(advice)

    def _refuse_closed(self, plan, outcome, path):
        """Rows of a closed month are refused, each named; nothing is written."""
        if not outcome.closed:
            return
        for problem in imports.closed_problems(plan, outcome):
            self.stderr.write(str(problem))
        raise CommandError(
            f"Some rows of {path.name} are in a closed month: nothing was imported."
        )
