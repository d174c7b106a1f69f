"""The demo's KPIs of Learning and growth: sickness, vacancies, training, appraisals and
staff views."""

from measures.models import RollUp
from scorecard.sample_data.demo.kpis.sheet import (
    ANNUAL,
    HIGHER,
    LOWER,
    QUARTERLY,
    Kpi,
    local,
    ratio,
)

KPIS = [
    Kpi(
        code="SICK",
        group="L1",
        title="Staff sickness absence rate",
        unit="% of FTE days",
        direction=LOWER,
        decimals=2,
        purpose="Sickness absence is a sign of staff wellbeing and a driver of bank and agency "
        "costs and of pressure on the colleagues who cover.",
        relates="NHS Oversight Framework 2025/26 (scored against peers); NHS People Plan.",
        formula="Full-time-equivalent days lost to sickness in the month ÷ full-time-"
        "equivalent days available in the month × 100.",
        who_measures="Workforce information team",
        data_source="Electronic Staff Record (ESR) and the e-rostering system",
        owner="Chief People Officer",
        who_acts="Line managers with HR business partners and occupational health",
        action="Above the trigger: managers hold return-to-work conversations for every "
        "episode and refer long-term cases to occupational health; HR reviews hotspots "
        "monthly. Below: keep the wellbeing offer visible.",
        notes="Reported a month in arrears; winter months run higher.",
        targets=(local(4, 0.5, 5, "4.0%, between the peer median and the best quartile."),),
        gen={
            "model": "ratio",
            "p": 4.8,
            "sd": 0.3,
            "den_fte": 2100,
            "den_cv": 0.01,
            "den_dp": 1,
            "num_dp": 1,
            "season": 0.6,
            "lo": 1,
        },
        **ratio("FTE days lost", "FTE days available"),
    ),
    Kpi(
        code="TURN",
        group="L1",
        title="Staff turnover over the last 12 months",
        unit="%",
        direction=LOWER,
        decimals=1,
        purpose="High turnover loses experience, costs money to replace and unsettles teams.",
        relates="NHS People Plan retention commitments; NHS Oversight Framework.",
        formula="Full-time-equivalent leavers in the last 12 months ÷ average full-time-"
        "equivalent staff in post over those 12 months × 100.",
        who_measures="Workforce information team",
        data_source="Electronic Staff Record (ESR)",
        owner="Chief People Officer",
        who_acts="Directorate leadership teams and HR business partners",
        action="Above the trigger: review exit interviews and stay conversations for the "
        "staff groups driving it. Below: keep the retention programme.",
        notes="Excludes doctors in training on rotation and fixed-term contracts ending as "
        "planned. A rolling figure, so it moves slowly.",
        review_frequency=QUARTERLY,
        targets=(local(10, 1, 12, "at or below 10%, the better half of peer trusts."),),
        gen={
            "model": "ratio",
            "p": 11,
            "sd": 0.25,
            "den_fte": 100,
            "den_cv": 0.005,
            "den_dp": 1,
            "num_dp": 1,
            "lo": 3,
        },
        **ratio("Leavers in 12 months (FTE)", "Average staff in post (FTE)"),
    ),
    Kpi(
        code="VAC",
        group="L2",
        title="Vacancy rate (vacant posts as a share of the funded establishment)",
        unit="% of establishment",
        direction=LOWER,
        decimals=1,
        purpose="Vacancies drive temporary staffing costs and, in diagnostic services, longer "
        "waits for everyone who relies on them.",
        relates="NHS Long Term Workforce Plan; the trust's recruitment plan; linked to key "
        "target RTT18 through pathology and imaging capacity.",
        formula="Funded full-time-equivalent posts not filled by permanent staff at month end "
        "÷ funded establishment (FTE) × 100.",
        who_measures="Workforce information team with finance",
        data_source="Electronic Staff Record (ESR) and the finance establishment",
        owner="Chief People Officer",
        who_acts="Line managers, the recruitment team and HR business partners",
        action="Above the trigger: the directorate agrees a recruitment plan with the "
        "recruitment team, including overseas and apprenticeship routes. Below: hold the "
        "pipeline for expected leavers.",
        notes="Posts held vacant to meet savings targets are counted; the note on the month "
        "says how many.",
        targets=(local(7, 1, 10, "7% or less of the funded establishment."),),
        gen={
            "model": "ratio",
            "p": 8.5,
            "sd": 0.6,
            "den_fte": 108,
            "den_cv": 0.005,
            "den_dp": 1,
            "num_dp": 1,
            "lo": 0.5,
        },
        **ratio("Vacant posts (FTE)", "Funded establishment (FTE)"),
    ),
    Kpi(
        code="APPR",
        group="L2",
        title="Non-medical staff with an appraisal in the last 12 months",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="An annual appraisal gives every member of staff a conversation about their "
        "work, wellbeing and development.",
        relates="NHS People Plan; CQC well-led domain.",
        formula="Non-medical staff with an appraisal recorded in the last 12 months ÷ "
        "non-medical staff eligible for appraisal × 100.",
        who_measures="Learning and development team",
        data_source="Electronic Staff Record (ESR)",
        owner="Chief People Officer",
        who_acts="Line managers",
        action="Below the trigger: managers receive a list of staff overdue and book dates "
        "within the month. On target: check the quality of appraisals through the staff "
        "survey.",
        notes="Staff in their first year and on long-term leave are excluded.",
        targets=(local(90, 5, 80, "nine in ten eligible staff appraised each year."),),
        gen={"model": "ratio", "p": 84, "sd": 1.8, "den_fte": 80, "den_cv": 0.01, "hi": 100},
        **ratio("Appraised in 12 months", "Eligible staff"),
    ),
    Kpi(
        code="MAND",
        group="L2",
        title="Staff up to date with statutory and mandatory training",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Training in safeguarding, infection control, fire safety and resuscitation "
        "keeps patients and staff safe, and the CQC checks it.",
        relates="Core Skills Training Framework; CQC safe and well-led domains.",
        formula="Staff with every required statutory and mandatory module in date ÷ all staff "
        "required to complete them × 100.",
        who_measures="Learning and development team",
        data_source="Electronic Staff Record (ESR) learning management",
        owner="Chief People Officer",
        who_acts="Line managers",
        action="Below the trigger: managers give staff protected time to complete overdue "
        "modules within the month. On target: keep the reminders.",
        notes="Counts people, not modules: one overdue module makes a person out of date.",
        targets=(local(90, 3, 85, "nine in ten staff fully up to date."),),
        gen={"model": "ratio", "p": 89, "sd": 1.1, "den_fte": 115, "den_cv": 0.01, "hi": 100},
        **ratio("Staff fully up to date", "Staff required"),
    ),
    Kpi(
        code="ENGAGE",
        group="L1",
        title="Staff engagement score (NHS Staff Survey)",
        unit="score 0-10",
        direction=HIGHER,
        decimals=1,
        rollup=RollUp.NONE,
        frequency=ANNUAL,
        review_frequency=ANNUAL,
        purpose="Engaged staff give better care and stay longer; the score sums up motivation, "
        "involvement and advocacy in one number.",
        relates="NHS Staff Survey; NHS People Promise.",
        formula="The NHS Staff Survey engagement theme score (0 to 10), computed by the survey "
        "contractor from individual responses.",
        who_measures="Organisational development team",
        data_source="NHS Staff Survey results (survey contractor's report)",
        owner="Chief People Officer",
        who_acts="Executive team and directorate leadership teams",
        action="Below the peer median: each directorate agrees two actions with its staff and "
        "checks them in the quarterly pulse survey. At or above: share what works.",
        notes="Annual, and cannot be rolled up from directorate scores: the trust score comes "
        "from every individual response. No action trigger: it guides next year's plan.",
        targets=(local(7, 0.2, 6.6, "at or above the median of peer trusts."),),
        gen={"model": "level", "mean": 6.85, "sd": 0.08},
    ),
]
