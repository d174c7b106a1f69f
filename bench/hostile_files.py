"""How long reading each hostile file takes, and the most memory it needs: figures, not a test.

From the repository root (no database needed):

    python bench/hostile_files.py

Reads every file of tests/measures/hostile_files.py, and three near the
readers' own limits (a sheet of 25 MB of cells past the header's columns, a
shared-text part of 25 MB, and 50,000 rows), with measures.spreadsheets.read_rows,
and prints for each its size, whether it was read or refused, the time, and
the peak of memory Python allocated while reading it again (tracemalloc).
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.project.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from measures.spreadsheets import MAX_XML_BYTES, Unreadable, read_rows  # noqa: E402
from tests.measures import hostile_files as hostile  # noqa: E402


def at_the_limits():
    cells = '<c r="ZZ1" s="0"/>' * 10
    row = f'<row r="1">{cells}</row>'
    beyond = hostile.sheet(hostile.header_row() + row * (MAX_XML_BYTES // 2 // len(row)))
    strings = "".join(f"<si><t>{n:07d}</t></si>" for n in range(MAX_XML_BYTES // 2 // 22))
    full = "".join(
        hostile.data_row(n, value=f'<c r="D{n}"><v>{n}</v></c>').replace(
            "</row>",
            hostile.text_cell(f"G{n}", "a comment of some length, as people write") + "</row>",
        )
        for n in range(2, 50_002)
    )
    yield "cells_beyond_the_header_to_50_mb.xlsx", hostile.workbook(beyond)
    yield "shared_text_to_50_mb.xlsx", _with_strings(strings)
    yield "fifty_thousand_rows.xlsx", hostile.workbook(hostile.sheet(hostile.header_row() + full))


def _with_strings(items):
    original = hostile.SHARED_STRINGS
    hostile.SHARED_STRINGS = f'<sst xmlns="{hostile.MAIN}">{items}</sst>'
    try:
        return hostile.workbook(hostile.good_sheet())
    finally:
        hostile.SHARED_STRINGS = original


def read(name, content):
    try:
        return f"{len(read_rows(SimpleUploadedFile(name, content)).rows)} rows"
    except Unreadable:
        return "refused"


def main():
    files = [(f.name, f.content) for f in hostile.corpus()] + list(at_the_limits())
    print(f"{'file':42} {'bytes':>10} {'result':>12} {'seconds':>8} {'peak MB':>8}")
    for name, content in files:
        started = time.perf_counter()
        result = read(name, content)
        seconds = time.perf_counter() - started
        # Measured apart: tracing every allocation makes reading several times slower.
        tracemalloc.start()
        read(name, content)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{name:42} {len(content):>10,} {result:>12} {seconds:>8.2f} {peak:>8.1f}")


if __name__ == "__main__":
    main()
