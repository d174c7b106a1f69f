import gc
import importlib

import pytest

from scorecard.project import collector


@pytest.fixture
def collector_as_it_was():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_tuning_freezes_what_is_loaded_and_collects_less_often(collector_as_it_was):
    collector.tune()

    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == collector.YOUNGEST_GENERATION_THRESHOLD


def test_the_wsgi_application_is_served_with_the_collector_tuned(collector_as_it_was):
    # Loaded afresh: loading it is what tunes the collector.
    importlib.reload(importlib.import_module("scorecard.project.wsgi"))

    assert gc.get_threshold()[0] == collector.YOUNGEST_GENERATION_THRESHOLD
