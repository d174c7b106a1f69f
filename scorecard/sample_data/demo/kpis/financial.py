"""The demo's KPIs of the Financial perspective: budget, savings, agency spend."""

from measures.models import RollUp
from scorecard.sample_data.demo.kpis.sheet import (
    ANNUAL,
    HIGHER,
    LOWER,
    QUARTERLY,
    Kpi,
    interim,
    local,
    national,
    ratio,
)

KPIS = [
    Kpi(
        code="IEVAR",
        group="F1",
        # It accumulates through the year and resets each April: limits would call
        # every point a special cause.
        chart_type="run",
        # The figure is already the year to date: its latest value is the year's.
        year_to_date="latest",
        title="Income and expenditure against plan, year to date (£000)",
        unit="£000",
        direction=HIGHER,
        decimals=0,
        rollup=RollUp.SUM,
        purpose="Shows whether the unit is living within its budget this financial year; the "
        "trust must meet its agreed control total.",
        relates="The trust's statutory breakeven duty and its control total agreed with NHS "
        "England.",
        formula="Actual surplus or deficit for the financial year to date minus planned "
        "surplus or deficit for the same months (positive is better than plan).",
        who_measures="Management accountants",
        data_source="General ledger, at month-end close",
        owner="Chief Finance Officer",
        who_acts="Budget holders: directorate and department managers",
        action="Below the trigger: the budget holder brings a recovery plan to the monthly "
        "finance review, with vacancy and discretionary spend controls agreed there. On "
        "target: confirm the year-end forecast.",
        notes="Year to date: resets each April. Sums up the tree; the trust's figure is the "
        "sum of its directorates'.",
        targets=(
            national(
                0,
                250,
                -500,
                "Deliver the financial plan and control total agreed with NHS England.",
            ),
        ),
        gen={"model": "ytd", "mean": -4, "sd": 9},
    ),
    Kpi(
        code="CIP",
        group="F2",
        title="Cost improvement savings delivered against plan",
        unit="%",
        may_exceed_100=True,
        direction=HIGHER,
        decimals=1,
        purpose="Cost improvements fund pay awards and new services; a shortfall has to be "
        "found elsewhere, often by holding posts vacant.",
        relates="2025/26 efficiency requirement of about 4%; supports objective F1.",
        formula="Savings delivered in the month (£000) ÷ savings planned for the month (£000) "
        "× 100.",
        who_measures="Programme management office",
        data_source="Cost improvement programme tracker, reconciled to the general ledger",
        owner="Chief Finance Officer",
        who_acts="Directorate general managers",
        action="Below the trigger: the directorate brings replacement schemes to the "
        "efficiency board. On target: check the savings are recurrent.",
        notes="Non-recurrent savings, such as vacancy underspends, are reported but flagged; "
        "they hide a gap that returns next year.",
        targets=(national(100, 5, 90, "Deliver the efficiency plan in full."),),
        gen={
            "model": "ratio",
            "p": 89,
            "sd": 6,
            "den_fte": 18,
            "den_cv": 0.1,
            "den_dp": 1,
            "num_dp": 1,
            "cap": False,
            "lo": 30,
            "hi": 140,
        },
        **ratio("Savings delivered (£000)", "Savings planned (£000)"),
    ),
    Kpi(
        code="AGENCY",
        group="F3",
        title="Agency staff spend as a share of the pay bill",
        unit="% of pay bill",
        direction=LOWER,
        decimals=1,
        purpose="Agency staff cost much more than our own and bank staff, and teams that rely "
        "on them lose continuity.",
        relates="2025/26 planning guidance: agency spend down by at least 30% against 2024/25; "
        "supports objective F1.",
        formula="Agency pay costs in the month (£000) ÷ total pay costs in the month (£000) × "
        "100.",
        who_measures="Workforce and finance business partners",
        data_source="General ledger pay costs and the agency booking system",
        owner="Chief People Officer",
        who_acts="Directorate general managers and the temporary staffing team",
        action="Above the trigger: every agency booking needs executive sign-off and the "
        "directorate reviews its rosters. Below: keep approval rules in place.",
        notes="Off-framework agency use is reported separately to NHS England.",
        targets=(
            local(4.5, 0.5, 5.5, "below the 2022/23 level of about 5% of the pay bill."),
            interim(
                3.2,
                0.3,
                4,
                "2025/26 planning guidance: agency spend at least 30% lower "
                "than in 2024/25 (about 4.6% of the pay bill here).",
            ),
        ),
        gen={
            "model": "ratio",
            "p": 5.6,
            "sd": 0.3,
            "den_fte": 455,
            "den_cv": 0.02,
            "den_dp": 1,
            "num_dp": 1,
            "cap": False,
            "lo": 0.5,
        },
        **ratio("Agency pay costs (£000)", "Total pay costs (£000)"),
    ),
    Kpi(
        code="BANK",
        group="F3",
        title="Bank staff spend in the month (£000)",
        unit="£000",
        direction=LOWER,
        decimals=0,
        rollup=RollUp.SUM,
        purpose="Bank shifts are cheaper than agency but still a premium on permanent staff; "
        "high bank use points to vacancies and sickness.",
        relates="2025/26 planning guidance: bank spend at least 10% lower than in 2024/25.",
        formula="Bank pay costs charged in the month (£000).",
        who_measures="Temporary staffing team",
        data_source="General ledger and the bank rostering system",
        owner="Chief People Officer",
        who_acts="Directorate general managers and the temporary staffing team",
        action="Above the trigger: directorates review bank requests against vacancies and "
        "sickness, ward by ward. Below: keep the controls.",
        notes="Seasonal: winter escalation beds need bank staff.",
        targets=(
            interim(
                1215,
                50,
                1350,
                "2025/26 planning guidance: bank spend at least 10% lower "
                "than the 2024/25 monthly average of about £1.35m.",
            ),
        ),
        gen={"model": "amount", "mean": 1400, "sd": 45, "season": 40, "trend": -3},
    ),
    Kpi(
        code="WAU",
        group="F2",
        title="Cost per weighted activity unit",
        unit="£",
        direction=LOWER,
        decimals=0,
        frequency=ANNUAL,
        review_frequency=ANNUAL,
        purpose="Compares what the trust spends to deliver a standard unit of care with its "
        "peers, after allowing for case mix.",
        relates="National Cost Collection; Model Health System productivity benchmarks.",
        formula="Total cost of the services in the National Cost Collection (£) ÷ weighted "
        "activity units for the financial year.",
        who_measures="Costing team",
        data_source="Patient-level costing system (National Cost Collection submission)",
        owner="Chief Finance Officer",
        who_acts="Executive team and directorate leadership teams",
        action="Above the peer median: use the Model Health System to find the services "
        "driving the gap and set them efficiency targets. Below: share what makes them "
        "efficient.",
        notes="Annual and published late; it guides the next year's plan rather than this "
        "month's action, so it has no action trigger.",
        targets=(local(4000, 100, 4300, "at or below the national median cost per WAU."),),
        gen={
            "model": "ratio",
            "p": 4120,
            "sd": 35,
            "den": 95000,
            "den_cv": 0.02,
            "cap": False,
            "lo": 3000,
            "hi": 5000,
        },
        **ratio("Total cost (£)", "Weighted activity units", multiplier=1),
    ),
    Kpi(
        code="BPPC",
        group="F1",
        title="Supplier invoices paid within 30 days, by value",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Paying suppliers on time keeps local businesses afloat and the trust's "
        "reputation as a customer.",
        relates="Better Payment Practice Code (95% of invoices within 30 days).",
        formula="Value of undisputed invoices paid within 30 days ÷ value of all undisputed "
        "invoices paid in the month × 100.",
        who_measures="Accounts payable team",
        data_source="Finance ledger (accounts payable)",
        owner="Chief Finance Officer",
        who_acts="Head of financial services and budget holders who approve invoices",
        action="Below the trigger: chase unapproved invoices with budget holders weekly. On "
        "target: keep weekly payment runs.",
        notes="By value; the count of invoices is reported alongside in the finance report.",
        targets=(national(95, 2, 90, "Better Payment Practice Code: 95% within 30 days."),),
        gen={"model": "ratio", "p": 94, "sd": 1.2, "den": 28000, "den_cv": 0.08, "hi": 100},
        **ratio("Paid within 30 days (£000)", "All invoices paid (£000)"),
    ),
    Kpi(
        code="CQUIN",
        group="F1",
        title="Quality incentive income secured against income available",
        unit="%",
        direction=HIGHER,
        decimals=1,
        frequency=QUARTERLY,
        review_frequency=QUARTERLY,
        purpose="Quality incentive schemes pay for agreed improvements in care; income not "
        "secured is lost to the trust.",
        relates="Local quality incentive schemes agreed with the integrated care board.",
        formula="Quality incentive income secured in the quarter (£000) ÷ income available "
        "in the quarter (£000) × 100.",
        who_measures="Contracting team",
        data_source="Contract monitoring reports agreed with the integrated care board",
        owner="Chief Finance Officer",
        who_acts="Clinical leads for each scheme",
        action="Below target: the scheme lead agrees a catch-up plan with the contracting "
        "team. On target: confirm evidence is ready for the commissioner.",
        notes="National CQUIN has not been mandated in recent years; the demo assumes a local "
        "scheme. No action trigger: income is settled quarterly, after the fact.",
        targets=(local(100, 5, 90, "secure all the quality incentive income available."),),
        gen={
            "model": "ratio",
            "p": 92,
            "sd": 4,
            "den": 1200,
            "den_cv": 0.02,
            "den_dp": 1,
            "num_dp": 1,
            "hi": 100,
        },
        **ratio("Income secured (£000)", "Income available (£000)"),
    ),
]
