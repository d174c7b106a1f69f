"""Serve plotly.js from the installed plotly package.

The Python package ships the exact plotly.js its figures are built for, so
the app serves that file as static/vendor/plotly/plotly.min.js instead of a
copy that could drift from it (and never from a CDN).
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/plotly"
FILENAME = "plotly.min.js"


class PlotlyJsFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=Path(plotly.__file__).parent / "package_data")
        self.storage.prefix = PREFIX

    def find(self, path, find_all=False, **kwargs):
        if path != f"{PREFIX}/{FILENAME}":
            # No match is [], as Django's own finders say it: finders.find() counts
            # any other answer as a match.
            return []
        match = self.storage.path(FILENAME)
        return [match] if find_all else match

    def list(self, ignore_patterns):
        yield FILENAME, self.storage
