"""Checks that the stored django-mptt numbers describe the tree the parent links do.

Plain tuples in, plain messages out, so it is tested without a database.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    pk: int
    parent: int | None
    tree_id: int
    lft: int
    rght: int
    level: int
    name: str = ""

    def __str__(self) -> str:
        return f"{self.name or 'unit'} (id {self.pk})"


def tree_problems(nodes: Iterable[Node]) -> list[str]:
    """Every inconsistency between parent links and lft/rght/level/tree_id, in words."""
    nodes = list(nodes)
    by_pk = {node.pk: node for node in nodes}
    children: defaultdict[int, list[Node]] = defaultdict(list)
    problems: list[str] = []

    for node in nodes:
        if node.lft >= node.rght:
            problems.append(f"{node}: left {node.lft} is not below right {node.rght}.")
        if node.parent is None:
            if node.level != 0 or node.lft != 1:
                problems.append(f"{node}: a root must have level 0 and left 1.")
            continue
        parent = by_pk.get(node.parent)
        if parent is None:
            problems.append(f"{node}: its parent (id {node.parent}) does not exist.")
            continue
        children[parent.pk].append(node)
        if parent.tree_id != node.tree_id:
            problems.append(
                f"{node}: it is in tree {node.tree_id} but its parent in tree {parent.tree_id}."
            )
        elif not parent.lft < node.lft < node.rght < parent.rght:
            problems.append(f"{node}: its numbers lie outside its parent {parent}.")
        if node.level != parent.level + 1:
            problems.append(
                f"{node}: level {node.level}, but its parent is at level {parent.level}."
            )

    roots_by_tree: defaultdict[int, list[Node]] = defaultdict(list)
    members_by_tree: defaultdict[int, list[Node]] = defaultdict(list)
    for node in nodes:
        members_by_tree[node.tree_id].append(node)
        if node.parent is None:
            roots_by_tree[node.tree_id].append(node)

    for tree_id, members in sorted(members_by_tree.items()):
        roots = roots_by_tree.get(tree_id, [])
        if len(roots) != 1:
            problems.append(f"Tree {tree_id} has {len(roots)} roots instead of one.")
        numbers = sorted([n.lft for n in members] + [n.rght for n in members])
        if numbers != list(range(1, 2 * len(members) + 1)):
            problems.append(
                f"Tree {tree_id}: the left and right numbers of its {len(members)} units are "
                f"not exactly 1 to {2 * len(members)}."
            )

    subtree_size: dict[int, int] = {}

    def size(node: Node) -> int:
        # Iterative post-order: a deep tree must not hit the recursion limit.
        stack = [(node, False)]
        while stack:
            current, done = stack.pop()
            if current.pk in subtree_size:
                continue
            if done:
                subtree_size[current.pk] = 1 + sum(
                    subtree_size[c.pk] for c in children[current.pk]
                )
            else:
                stack.append((current, True))
                stack.extend((child, False) for child in children[current.pk])
        return subtree_size[node.pk]

    for node in nodes:
        if node.lft < node.rght:
            expected = (node.rght - node.lft + 1) // 2
            if size(node) != expected:
                problems.append(
                    f"{node}: its numbers span {expected} units but {size(node)} hang below "
                    "it by parent links."
                )
    return problems
