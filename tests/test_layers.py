"""The layering written in docs/design.md is the one import-linter enforces."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def contracts():
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def apps_contract():
    return next(c for c in contracts() if c["name"] == "The apps import downwards only")


def layer_names(layer):
    return [name.strip().strip("()") for name in layer.split("|")]


def diagram_layers():
    text = (ROOT / "docs" / "design.md").read_text()
    section = text.split("## Layers", 1)[1]
    block = section.split("```", 2)[1]
    lines = [line for line in block.splitlines() if line.strip() and line.strip() != "|"]
    return [re.split(r"\s{2,}", line.strip())[0] for line in lines]


def test_the_design_diagram_shows_the_enforced_layers_in_order():
    enforced = [layer_names(layer) for layer in apps_contract()["layers"]]
    drawn = [layer_names(layer) for layer in diagram_layers()]
    assert drawn == enforced


def test_every_part_of_scorecard_has_a_place_in_the_order():
    placed = {name for layer in apps_contract()["layers"] for name in layer_names(layer)}
    parts = {
        f"scorecard.{path.stem}"
        for path in (ROOT / "scorecard").iterdir()
        if (path.suffix == ".py" or (path / "__init__.py").exists())
        and path.stem not in {"__init__", "apps", "migrations"}
    }
    assert parts <= placed, f"Give these a layer in pyproject.toml: {sorted(parts - placed)}"


def test_measures_and_organisations_are_layered_exhaustively():
    containers = {
        container
        for contract in contracts()
        if contract.get("exhaustive")
        for container in contract.get("containers", [])
    }
    assert {"measures", "organisations"} <= containers
