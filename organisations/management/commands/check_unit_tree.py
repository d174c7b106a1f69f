from django.core.management.base import BaseCommand, CommandError

from organisations import services
from organisations.models import OrganisationUnit
from organisations.tree_check import Node, tree_problems


def stored_nodes():
    fields = ("pk", "parent_id", "tree_id", "lft", "rght", "level", "name")
    return [Node(*row) for row in OrganisationUnit.objects.values_list(*fields)]


class Command(BaseCommand):
    help = "Checks the unit tree's stored structure and says what is wrong, if anything."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="When the tree is not sound, rebuild it from the parent links, then check again.",
        )

    def handle(self, *args, rebuild=False, **options):
        problems = tree_problems(stored_nodes())
        for problem in problems:
            self.stderr.write(problem)
        if problems and rebuild:
            services.rebuild_tree()
            self.stdout.write("Rebuilt the tree from the parent links.")
            problems = tree_problems(stored_nodes())
        if problems:
            raise CommandError(
                f"The unit tree has {len(problems)} problem(s). "
                "Run `python manage.py check_unit_tree --rebuild` to rebuild it from the "
                "parent links."
            )
        nodes = stored_nodes()
        trees = len({node.tree_id for node in nodes})
        self.stdout.write(f"The unit tree is valid: {len(nodes)} units in {trees} tree(s).")
