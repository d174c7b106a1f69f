"""axe-core, vendored under vendor/axe-core/ (its VERSION says which and from
where), run on the page a Playwright test has open.

The app's Content-Security-Policy allows scripts from the app only, so a
<script> that Playwright adds (page.add_script_tag) is refused. axe is given
to the page through page.evaluate instead, which the policy does not govern:
the page keeps its real policy while it is checked, and the Guard still
reports any violation of it.
"""

import re
from dataclasses import dataclass
from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()


@dataclass(frozen=True)
class Violation:
    rule: str  # axe's rule id, e.g. "label"
    impact: str
    target: str  # a CSS selector of the element
    html: str

    @property
    def element(self):
        """What kind of element it is: its tag and first class, e.g. th.original.

        Not its selector, which names the row, the model and select2's
        numbering: the same fault of one widget would be listed once a page.
        """
        tag = re.match(r"<([\w-]+)", self.html)
        classes = re.search(r'class="([^"]*)"', self.html.split(">")[0])
        first = classes.group(1).split()[:1] if classes else []
        return ".".join([tag.group(1) if tag else "?", *first])

    def __str__(self):
        return f"{self.rule} ({self.impact}) at {self.target}: {self.html[:160]}"


def violations(page, rules=None):
    """What axe finds wrong on the page as it is now, every rule on (colour contrast too)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    # No preload: axe would copy the page's style sheets into <style> elements
    # of its own (for css-orientation-lock alone), which the policy refuses
    # (style-src 'self'), and the Guard rightly reports.
    options = {"resultTypes": ["violations"], "preload": False}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        Violation(rule["id"], rule["impact"], " ".join(map(str, node["target"])), node["html"])
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


def scroll_width(page, width=320):
    """How wide the page is when opened in a window `width` pixels wide (WCAG
    1.4.10 Reflow); the window is put back as it was, on the same address.

    Opened again at that width, not only resized: plotly redraws a chart for a
    new size some time after the window changes, and a person on a narrow
    screen opens the page at its width.
    """
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": size["height"]})
    try:
        page.reload()
        return page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size(size)
