"""What a measure code means: the parts that must agree across a trust, in words."""

from decimal import Decimal

from measures.definitions import clash_message, definition, describe, differences

AGENCY = definition(
    rollup="ratio",
    unit="% of pay bill",
    direction="lower",
    numerator_label="Agency pay costs (£000)",
    denominator_label="Total pay costs (£000)",
    ratio_multiplier=Decimal("100.00"),
)


def test_the_same_definition_has_no_differences():
    assert differences(AGENCY, AGENCY) == []


def test_spaces_and_case_are_not_differences():
    typed = definition(
        rollup="ratio",
        unit=" % of Pay bill",
        direction="lower",
        numerator_label="agency pay  costs (£000)",
        denominator_label="Total pay costs (£000) ",
        ratio_multiplier=Decimal("100"),
    )

    assert differences(typed, AGENCY) == []


def test_a_single_value_against_a_ratio_differs_in_its_kind_not_its_ratio_parts():
    plain = definition(rollup="none", unit="%", direction="lower")

    assert differences(plain, AGENCY) == ["kind", "unit"]


def test_each_part_is_named_in_a_fixed_order():
    other = definition(
        rollup="ratio",
        unit="% of pay bill",
        direction="higher",
        numerator_label="Bank and agency pay (£000)",
        denominator_label="Total pay costs (£000)",
        ratio_multiplier=Decimal("1000"),
        may_exceed_100=True,
    )

    assert differences(other, AGENCY) == [
        "polarity",
        "numerator",
        "multiplier",
        "whether it can exceed 100%",
    ]


def test_the_multiplier_and_labels_of_a_single_value_mean_nothing():
    a = definition(rollup="sum", unit="count", direction="lower", ratio_multiplier=100)
    b = definition(
        rollup="sum", unit="count", direction="lower", ratio_multiplier=1, numerator_label="x"
    )

    assert differences(a, b) == []


def test_a_definition_in_words():
    never = definition(rollup="sum", unit="count", direction="lower", zero_tolerance=True)

    assert describe(AGENCY) == (
        "a ratio (Agency pay costs (£000) ÷ Total pay costs (£000) × 100), in “% of pay bill”, "
        "lower is better"
    )
    assert describe(never) == (
        "a single value, summed up the tree, in “count”, lower is better, zero tolerance"
    )
    assert describe(definition(rollup="mean", unit="", direction="range")) == (
        "a single value, averaged up the tree, with no unit, within a range"
    )


def test_the_message_names_where_the_code_is_defined_and_what_differs():
    plain = definition(rollup="none", unit="%", direction="higher")

    assert clash_message("AGENCY", plain, AGENCY, "Surgery") == (
        "AGENCY is already a measure of Surgery: a ratio (Agency pay costs (£000) ÷ Total pay "
        "costs (£000) × 100), in “% of pay bill”, lower is better. One code is one measure "
        "across the trust, and this one differs in its kind, unit and polarity. Define it as "
        "Surgery does, or choose another code."
    )
