"""The app's stylesheet parses: one unclosed rule silently drops every rule after it."""

from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "scorecard.css"


def test_every_rule_of_the_stylesheet_is_closed():
    open_blocks = []
    for number, line in enumerate(CSS.read_text().splitlines(), start=1):
        for char in line:
            if char == "{":
                # Only @media and @supports blocks hold rules; a rule inside a
                # rule means a "}" is missing above.
                assert not open_blocks or open_blocks[-1].startswith("@"), (
                    f"line {number} opens a rule inside '{open_blocks[-1]}': a '}}' is missing"
                )
                open_blocks.append(line.strip())
            elif char == "}":
                assert open_blocks, f"line {number} closes a rule that is not open"
                open_blocks.pop()
    assert not open_blocks, f"'{open_blocks[-1]}' is never closed"
