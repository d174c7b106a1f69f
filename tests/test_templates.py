"""Rules every template keeps."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)


def test_every_posting_form_names_its_address():
    # A form without an action posts to the page's address with its fragment:
    # after the skip link that is #maincontent, and the browser then moves the
    # focus there instead of to the error summary.
    missing = [
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in TEMPLATES.rglob("*.html")
        for tag in FORM_TAG.findall(path.read_text())
        if 'method="post"' in tag and "action=" not in tag
    ]
    assert not missing, "\n".join(missing)
