from organisations.tree_check import Node, tree_problems


def valid_tree():
    #   1 trust 8
    #   ├── 2 surgery 5
    #   │   └── 3 general 4
    #   └── 6 medicine 7
    return [
        Node(1, None, 1, 1, 8, 0, "trust"),
        Node(2, 1, 1, 2, 5, 1, "surgery"),
        Node(3, 2, 1, 3, 4, 2, "general"),
        Node(4, 1, 1, 6, 7, 1, "medicine"),
    ]


def replace(nodes, pk, **changes):
    return [Node(**{**node.__dict__, **changes}) if node.pk == pk else node for node in nodes]


def test_a_valid_tree_has_no_problems():
    assert tree_problems(valid_tree()) == []


def test_an_empty_tree_has_no_problems():
    assert tree_problems([]) == []


def test_a_child_outside_its_parent_is_reported():
    problems = tree_problems(replace(valid_tree(), 3, lft=9, rght=10))

    assert any("general (id 3): its numbers lie outside its parent" in p for p in problems)


def test_a_wrong_level_is_reported():
    problems = tree_problems(replace(valid_tree(), 3, level=1))

    assert problems == ["general (id 3): level 1, but its parent is at level 1."]


def test_a_missing_parent_is_reported():
    problems = tree_problems(replace(valid_tree(), 4, parent=99))

    assert "medicine (id 4): its parent (id 99) does not exist." in problems


def test_a_gap_in_the_numbers_is_reported():
    problems = tree_problems(replace(valid_tree(), 1, rght=9))

    assert any("not exactly 1 to 8" in p for p in problems)


def test_a_parent_link_that_disagrees_with_the_numbers_is_reported():
    # medicine claims surgery as parent but its numbers sit beside surgery.
    problems = tree_problems(replace(valid_tree(), 4, parent=2, level=2))

    assert any(
        "medicine (id 4): its numbers lie outside its parent surgery" in p for p in problems
    )


def test_two_roots_in_one_tree_are_reported():
    problems = tree_problems(replace(valid_tree(), 4, parent=None, level=0))

    assert "Tree 1 has 2 roots instead of one." in problems
