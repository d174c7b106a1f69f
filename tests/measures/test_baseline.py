from decimal import Decimal

from measures.baseline import Baseline, baseline


def test_no_values_no_baseline():
    assert baseline([]) is None


def test_the_baseline_uses_the_last_twelve_values():
    values = [Decimal(100)] * 6 + [Decimal(v) for v in range(1, 13)]

    assert baseline(values) == Baseline(count=12, mean=6.5, median=6.5, low=1.0, high=12.0)


def test_fewer_values_than_twelve_are_all_used():
    assert baseline([Decimal("80.5"), Decimal("90.5")]) == Baseline(2, 85.5, 85.5, 80.5, 90.5)
