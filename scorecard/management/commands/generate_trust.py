"""Build a synthetic trust of any size, to measure the app at scale."""

from django.core.management.base import BaseCommand, CommandError

from scorecard.sample_data.generate import DEFAULT_SEED, Size, describe_generated, generate


class Command(BaseCommand):
    help = (
        "Build a generated trust GEN<units>-<measures>-<months>: about sqrt(units) "
        "directorates with departments under them, a published scorecard at every unit, "
        "targets, and <months> of values ending with the last complete month (department "
        "values drawn at random from --seed, totals above computed). Values are written in "
        "bulk without history rows. Running it again for the same size changes nothing; "
        "--replace builds it again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--units", type=int, required=True, help="Units in all, the trust included."
        )
        parser.add_argument(
            "--measures-per-unit", type=int, required=True, help="Measures in every scorecard."
        )
        parser.add_argument("--months", type=int, required=True, help="Months of values.")
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random values; the same seed gives the same values "
            f"(default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the generated trust of this size, if there is one, and build it again.",
        )

    def handle(self, *args, units, measures_per_unit, months, seed, replace, **options):
        size = Size(units, measures_per_unit, months)
        problems = size.problems()
        if problems:
            raise CommandError(" ".join(problems))
        self.stdout.write(describe_generated(generate(size, seed=seed, replace=replace)))
