"""Closing a month: the performance lead freezes what the pages show as the reported record."""
