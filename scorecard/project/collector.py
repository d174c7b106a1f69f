"""How the server process collects garbage: tuned for pages that build many objects.

The cascade of a large trust builds tens of thousands of short-lived objects
a request. CPython's default collects its youngest generation every 700 new
objects and, as the process grows, often sweeps everything Django loaded at
start-up; at 200 units that took about a third of the cascade's time
(docs/performance.md). Here what start-up loaded is frozen out of every
collection, and the youngest generation is collected every 50,000 new
objects, a few megabytes at most before cycles are freed.
"""

import gc

YOUNGEST_GENERATION_THRESHOLD = 50_000


def tune():
    """Call once the application is loaded (scorecard.project.wsgi; bench/run.py does too)."""
    gc.freeze()
    gc.set_threshold(YOUNGEST_GENERATION_THRESHOLD)
