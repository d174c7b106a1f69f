from django.core.management.base import BaseCommand, CommandError

from organisations.models import OrganisationUnit
from organisations.tree_check import Node, tree_problems


def stored_nodes():
    fields = ("pk", "parent_id", "tree_id", "lft", "rght", "level", "name")
    return [Node(*row) for row in OrganisationUnit.objects.values_list(*fields)]


class Command(BaseCommand):
    help = "Checks the unit tree's stored structure and says what is wrong, if anything."

    def handle(self, *args, **options):
        nodes = stored_nodes()
        problems = tree_problems(nodes)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"The unit tree has {len(problems)} problem(s). "
                "`python manage.py shell -c 'from organisations.models import "
                "OrganisationUnit; OrganisationUnit.objects.rebuild()'` rebuilds it from the "
                "parent links."
            )
        trees = len({node.tree_id for node in nodes})
        self.stdout.write(f"The unit tree is valid: {len(nodes)} units in {trees} tree(s).")
