"""python manage.py board_pack UNIT_CODE YYYY-MM --out FILE.pdf: a unit's board pack as a PDF,
without the web server or the task worker (for scheduled runs)."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from organisations.models import OrganisationUnit
from scorecard.lib import periods
from scorecard.pack.pdf import PackRenderError, render_pack


def month_of(text: str, today: date) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        month_start = date(year, month, 1)
    except ValueError:
        raise CommandError(f"Give the month as YYYY-MM, such as 2026-10, not {text!r}.") from None
    if month_start > periods.latest_complete_period(today, periods.MONTHLY):
        raise CommandError(f"{month_start:%B %Y} is not over yet: there is no pack for it.")
    return month_start


class Command(BaseCommand):
    help = (
        "Write a unit's board pack for a month as a PDF: as reported when the month is "
        "closed, else a DRAFT of the figures as known."
    )

    def add_arguments(self, parser):
        parser.add_argument("unit_code", help="The unit's code, such as NHT-SURG.")
        parser.add_argument("month", help="The month, as YYYY-MM.")
        parser.add_argument("--out", required=True, help="The PDF file to write.")
        parser.add_argument(
            "--latest",
            action="store_true",
            help="A closed month with the latest figures, revisions included, not as reported.",
        )

    def handle(self, *args, unit_code, month, out, latest, **options):
        unit = OrganisationUnit.objects.filter(code=unit_code).first()
        if unit is None:
            raise CommandError(f"No unit has the code {unit_code!r}.")
        month_start = month_of(month, timezone.localdate())
        target = Path(out)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        try:
            rendered = render_pack(unit, month_start, latest=latest)
        except PackRenderError as error:
            raise CommandError(str(error)) from error
        try:
            target.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"Could not write {target}: {error.strerror}.") from error
        kind = "DRAFT" if rendered.draft else "latest figures" if latest else "as reported"
        self.stdout.write(
            f"Wrote {target}: {unit.name}, {month_start:%B %Y} ({kind}), "
            f"{rendered.pages} pages, SHA-256 {rendered.sha256}."
        )
