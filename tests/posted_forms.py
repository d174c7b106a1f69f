"""A page's post form read back from its HTML, as a browser would send it.

From the HTML rather than the test client's context: threads making requests
at once share that context, and a load run's real server has none. Used by
the concurrency tests and by bench/load.py.
"""

from html.parser import HTMLParser


class _PostForm(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}
        self.inside = False
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("method", "").lower() == "post"
        elif not self.inside or "name" not in attrs:
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "button"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            # A browser drops the newline that follows <textarea>.
            self.fields[self.textarea] = self.fields[self.textarea].removeprefix("\n")
            self.textarea = None


def post_form_fields(html):
    """{name: value} of every input and textarea in the page's post forms, buttons aside."""
    reader = _PostForm()
    reader.feed(html)
    return reader.fields
