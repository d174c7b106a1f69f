"""The demo's KPIs of the Customer perspective: waits, cancer, patients' experience."""

from datetime import date

from scorecard.sample_data.demo.kpis.sheet import (
    HIGHER,
    LOWER,
    Kpi,
    interim,
    local,
    national,
    ratio,
    rtt_trajectory,
)

KPIS = [
    Kpi(
        code="RTT18",
        group="C1",
        title="Patients waiting under 18 weeks from referral to treatment",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Shows whether patients referred for planned care start treatment within the "
        "18 weeks the NHS Constitution promises. It is the headline measure of elective "
        "access, and the one the integrated care board and NHS England watch most closely.",
        relates="NHS Constitution 18-week standard (92%); 2025/26 planning guidance ambition of "
        "65% by March 2026 with every trust improving by at least 5 points; key target RTT18.",
        formula="Incomplete referral-to-treatment pathways at month end on which the patient "
        "has waited under 18 weeks ÷ all incomplete pathways at month end × 100.",
        who_measures="Elective access team, with the information team",
        data_source="Patient administration system: RTT waiting list at month end (the data "
        "behind the national RTT return)",
        owner="Chief Operating Officer",
        who_acts="Directorate general managers and specialty service managers",
        action="Below the action trigger: each specialty off trajectory brings a recovery plan "
        "to the monthly performance review (extra sessions, insourcing, list validation, "
        "treating in turn). On target: hold the position and keep validating the list.",
        notes="Counts incomplete pathways only. Validation removes pathways that should have "
        "been closed, which raises the percentage without anyone being treated sooner, so read "
        "it with the size of the list (the denominator).",
        targets=(
            national(
                92,
                2,
                88,
                "NHS Constitution: 92% of patients on incomplete pathways wait "
                "under 18 weeks from referral.",
            ),
            interim(
                65,
                3,
                60,
                "2025/26 planning guidance: 65% nationally by March 2026, with "
                "every trust improving by at least 5 percentage points.",
            ),
            # 2026/27's operational plan: a trajectory, a planned value a month.
            *rtt_trajectory(2026, start=65, end=70.5),
        ),
        gen={"model": "ratio", "p": 62, "sd": 0.8, "den_cv": 0.02, "season": -0.6, "hi": 99},
        **ratio("Incomplete pathways under 18 weeks", "All incomplete pathways"),
    ),
    Kpi(
        code="RTT52",
        group="C1",
        title="Patients waiting over 52 weeks, as a share of the waiting list",
        unit="%",
        direction=LOWER,
        decimals=2,
        purpose="Tracks the longest waits, where harm from delay is most likely, and shows "
        "whether recovery reaches the longest-waiting patients first.",
        relates="2025/26 planning guidance: under 1% of the waiting list waiting over 52 weeks "
        "by March 2026; supports key target RTT18.",
        formula="Incomplete pathways at month end waiting over 52 weeks ÷ all incomplete "
        "pathways at month end × 100.",
        who_measures="Elective access team",
        data_source="Patient administration system: RTT waiting list at month end",
        owner="Chief Operating Officer",
        who_acts="Specialty service managers and clinical leads",
        action="Above the trigger: every patient over 52 weeks gets a date or a clinical harm "
        "review, reported weekly until the figure is back under target. Below target: keep "
        "weekly tracking of everyone who will pass 52 weeks in the next 8 weeks.",
        notes="A falling percentage can hide a rising number when the list grows; the count is "
        "the numerator.",
        targets=(
            interim(
                1,
                0.5,
                2,
                "2025/26 planning guidance: under 1% of the waiting list waiting "
                "over 52 weeks by March 2026.",
            ),
        ),
        gen={"model": "ratio", "p": 2.6, "sd": 0.15, "den_cv": 0.02, "lo": 0, "counts": "poisson"},
        **ratio("Incomplete pathways over 52 weeks", "All incomplete pathways"),
    ),
    Kpi(
        code="RTT1ST",
        group="C1",
        title="Patients waiting under 18 weeks for a first appointment",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Shows how quickly patients get their first outpatient appointment, the step "
        "where most of the wait on a planned-care pathway builds up.",
        relates="2025/26 planning guidance: 72% of patients waiting under 18 weeks for a first "
        "appointment by March 2026; supports key target RTT18.",
        formula="Patients waiting for a first outpatient appointment at month end who have "
        "waited under 18 weeks ÷ all patients waiting for a first appointment × 100.",
        who_measures="Outpatient booking team, with the information team",
        data_source="Patient administration system: outpatient waiting list at month end",
        owner="Chief Operating Officer",
        who_acts="Outpatient services manager and specialty service managers",
        action="Below target: specialties review referral triage, use of advice and guidance "
        "and clinic templates at the outpatient board. On target: move spare capacity to "
        "overdue follow-ups.",
        notes="New in the 2025/26 planning guidance. The trigger is set 4 points below the "
        "interim ambition, where the elective recovery board asks for a specialty plan.",
        targets=(
            interim(
                72,
                3,
                68,
                "2025/26 planning guidance: 72% of patients waiting under 18 "
                "weeks for a first appointment by March 2026.",
            ),
        ),
        gen={"model": "ratio", "p": 66, "sd": 0.9, "den_cv": 0.02, "hi": 99},
        **ratio(
            "First appointments waiting under 18 weeks", "All waiting for a first appointment"
        ),
    ),
    Kpi(
        code="AE4H",
        # Reported for the year as well as the month: the year's patients, not the
        # mean of twelve months' percentages.
        year_to_date="ratio",
        group="C2",
        title="A&E patients admitted, transferred or discharged within 4 hours",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="The main measure of how quickly people in urgent need are seen and moved on, "
        "and an early signal of pressure on beds across the whole hospital.",
        relates="NHS Constitution 4-hour standard (95%); 2025/26 planning guidance: at least "
        "78% in March 2026; key target AE4H.",
        formula="Attendances at the emergency department and the urgent treatment centre with "
        "a total time in department of 4 hours or less ÷ all those attendances × 100.",
        who_measures="Information team, validated daily by the ED operational lead",
        data_source="Emergency department information system (Emergency Care Data Set)",
        owner="Chief Operating Officer",
        who_acts="Urgent and Emergency Care directorate and the site operations team",
        action="Below the trigger: the daily flow meeting escalates, the full capacity protocol "
        "is considered and the directorate brings a recovery plan to the monthly review. On "
        "target: find out what worked and keep it.",
        notes="Includes urgent treatment centre attendances, as the national return does; "
        "performance in the emergency department alone is lower. The site team tracks it "
        "daily; the scorecard judges the month.",
        targets=(
            national(
                95,
                2,
                90,
                "NHS Constitution: 95% of patients admitted, transferred or "
                "discharged within 4 hours of arrival.",
            ),
            interim(
                78,
                3,
                75,
                "2025/26 planning guidance: at least 78% of patients within 4 "
                "hours in March 2026.",
            ),
        ),
        gen={"model": "ratio", "p": 66, "sd": 1.2, "den_cv": 0.05, "season": -3, "hi": 99.5},
        **ratio("Attendances within 4 hours", "All attendances"),
    ),
    Kpi(
        code="ED12H",
        group="C2",
        title="Emergency department patients who spend over 12 hours in the department",
        unit="% of attendances",
        direction=LOWER,
        decimals=1,
        purpose="Long stays in the emergency department are linked with harm and worse "
        "outcomes; this shows where flow out of the department fails.",
        relates="2025/26 planning guidance asks for a smaller share of 12-hour stays than in "
        "2024/25; supports key target AE4H.",
        formula="Emergency department attendances with a total time in department over 12 "
        "hours ÷ all emergency department attendances × 100.",
        who_measures="Information team",
        data_source="Emergency department information system (Emergency Care Data Set)",
        owner="Chief Operating Officer",
        who_acts="ED clinical lead, acute medicine and the site operations team",
        action="Above the trigger: every 12-hour stay is reviewed for harm within 72 hours and "
        "the bed plan is revisited at the daily flow meeting. Below target: keep reviewing "
        "each 12-hour stay.",
        notes="Type 1 (emergency department) attendances only; the urgent treatment centre is "
        "excluded.",
        targets=(
            local(8, 1, 10, "fewer 12-hour stays than in 2024/25, set at 8% of attendances."),
        ),
        gen={"model": "ratio", "p": 9.5, "sd": 0.6, "den_cv": 0.05, "season": 1.8, "lo": 1},
        **ratio("Attendances over 12 hours", "All ED attendances"),
    ),
    Kpi(
        code="CA62",
        year_to_date="ratio",
        group="C3",
        title="Patients starting cancer treatment within 62 days of an urgent referral",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Shows whether patients with suspected cancer are diagnosed and start treatment "
        "quickly enough to give them the best chance.",
        relates="Cancer 62-day standard (85%); 2025/26 planning guidance: 75% by March 2026; "
        "key target CA62.",
        formula="Patients starting first treatment in the month within 62 days of an urgent "
        "suspected cancer referral, screening referral or consultant upgrade ÷ all such "
        "patients starting treatment in the month × 100.",
        who_measures="Cancer services team (pathway trackers)",
        data_source="Cancer waiting times system (national cancer waiting times return)",
        owner="Chief Operating Officer",
        who_acts="Tumour-site leads, the cancer services manager and diagnostic service leads",
        action="Below the trigger: the weekly patient tracking list reviews every patient past "
        "day 40, and breaches are analysed step by step to find where time was lost. On "
        "target: keep weekly tracking.",
        notes="Small monthly numbers make the percentage jumpy; read the trend, not one month. "
        "Patients shared with other trusts are counted under the national allocation rules.",
        targets=(
            national(
                85,
                3,
                80,
                "Cancer waiting times standard: 85% of patients start treatment within 62 days.",
            ),
            interim(75, 3, 70, "2025/26 planning guidance: 75% within 62 days by March 2026."),
        ),
        gen={"model": "ratio", "p": 70, "sd": 2.5, "den_cv": 0.12, "hi": 100},
        **ratio("Treated within 62 days", "All treated after an urgent referral"),
    ),
    Kpi(
        code="CAFDS",
        group="C3",
        title="Patients told whether they have cancer within 28 days of referral",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Measures the Faster Diagnosis Standard: the anxious wait to learn whether you "
        "have cancer, which depends on imaging, endoscopy and pathology keeping pace.",
        relates="Faster Diagnosis Standard (75%), raised to 77% for 2024/25 and 80% by March "
        "2026; supports key target CA62.",
        formula="Patients told they have cancer, or that it has been ruled out, within 28 days "
        "of an urgent referral ÷ all patients told in the month × 100.",
        who_measures="Cancer services team",
        data_source="Cancer waiting times system",
        owner="Chief Operating Officer",
        who_acts="Tumour-site leads with the imaging, endoscopy and pathology service managers",
        action="Below the trigger: review the slowest step of each tumour pathway (usually a "
        "test or a report) with the diagnostic service involved. On target: extend "
        "straight-to-test pathways to more tumour sites.",
        notes="The standard has risen in steps; the targets table holds each one with its date.",
        targets=(
            national(
                75,
                3,
                70,
                "Faster Diagnosis Standard: 75% of patients told within 28 days.",
                effective_from=date(2021, 10, 1),
            ),
            interim(
                77,
                3,
                72,
                "2024/25 planning guidance: 77% by March 2025.",
                effective_from=date(2024, 4, 1),
            ),
            interim(80, 3, 75, "2025/26 planning guidance: 80% by March 2026."),
        ),
        gen={"model": "ratio", "p": 76, "sd": 1.5, "den_cv": 0.06, "hi": 100},
        **ratio("Told within 28 days", "All told in the month"),
    ),
    Kpi(
        code="CA31",
        group="C3",
        title="Patients starting cancer treatment within 31 days of the decision to treat",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Shows whether treatment starts promptly once the patient and clinician have "
        "agreed a plan.",
        relates="Cancer 31-day standard (96%).",
        formula="Patients starting cancer treatment in the month within 31 days of the "
        "decision to treat ÷ all patients starting treatment in the month × 100.",
        who_measures="Cancer services team",
        data_source="Cancer waiting times system",
        owner="Chief Operating Officer",
        who_acts="Oncology, the surgical specialties and the cancer services manager",
        action="Below the trigger: check theatre and chemotherapy capacity for the next "
        "four weeks and book extra sessions. On target: keep capacity booked ahead of "
        "demand.",
        notes="Covers first and subsequent treatments.",
        targets=(
            national(
                96,
                2,
                92,
                "Cancer waiting times standard: 96% of patients treated within "
                "31 days of the decision to treat.",
            ),
        ),
        gen={"model": "ratio", "p": 93.5, "sd": 1.5, "den_cv": 0.06, "hi": 100},
        **ratio("Treated within 31 days", "All starting treatment"),
    ),
    Kpi(
        code="DM01",
        group="C4",
        title="Patients waiting under 6 weeks for a diagnostic test",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Diagnostic waits hold up planned and cancer care; this shows whether imaging, "
        "endoscopy and physiological measurement keep pace with demand.",
        relates="Diagnostic waiting times standard (99% under 6 weeks); interim ambition of "
        "95%; supports key targets RTT18 and CA62.",
        formula="Patients waiting for one of the 15 DM01 tests at month end who have waited "
        "under 6 weeks ÷ all patients waiting for those tests × 100.",
        who_measures="Diagnostics performance lead",
        data_source="Radiology information system, endoscopy and cardiology booking systems "
        "(national DM01 return)",
        owner="Chief Operating Officer",
        who_acts="Imaging, endoscopy and cardiac physiology service managers",
        action="Below the trigger: the diagnostics board agrees extra sessions or use of the "
        "community diagnostic centre, test by test. On target: pull forward tests for "
        "patients on cancer pathways.",
        notes="Counts waiting patients, not tests done; a burst of activity that clears easy "
        "tests first can leave the longest waiters untouched.",
        targets=(
            national(
                99, 1, 95, "Diagnostic waiting times standard: 99% of patients wait under 6 weeks."
            ),
            interim(
                95,
                3,
                90,
                "Interim national ambition of 95% under 6 weeks (to be "
                "checked against the current planning guidance).",
                effective_from=date(2024, 4, 1),
            ),
        ),
        gen={"model": "ratio", "p": 84, "sd": 1.0, "den_cv": 0.03, "hi": 99.8},
        **ratio("Waiting under 6 weeks", "All waiting for a test"),
    ),
    Kpi(
        code="FFTIP",
        group="C5",
        title="Inpatients who rate their care good or very good (Friends and Family Test)",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="A simple, frequent reading of patients' experience on the wards, with "
        "comments that say what to change.",
        relates="NHS Friends and Family Test (a national requirement); the trust's patient "
        "experience priority.",
        formula="Inpatient FFT responses rating their care good or very good ÷ all inpatient "
        "FFT responses in the month × 100.",
        who_measures="Patient experience team",
        data_source="FFT survey platform (cards, text message and online responses)",
        owner="Chief Nurse",
        who_acts="Matrons and ward managers",
        action="Below the trigger: the ward reads every negative comment at its next huddle "
        "and agrees one change; matrons report themes to the patient experience group. On "
        "target: share the praise with the team.",
        notes="Response numbers vary by ward; a ward with few responses gives an unreliable "
        "figure.",
        targets=(local(95, 2, 90, "nineteen in twenty inpatients rate their care as good."),),
        gen={"model": "ratio", "p": 94.5, "sd": 1.0, "den_cv": 0.15, "hi": 100},
        **ratio("Positive responses", "All responses"),
    ),
    Kpi(
        code="COMPL",
        group="C5",
        title="Complaints answered within the timescale agreed with the complainant",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Answering complaints on time shows respect to people who have had a poor "
        "experience, and finds the lessons while they are fresh.",
        relates="Local Authority Social Services and NHS Complaints Regulations 2009 (response "
        "within the period agreed with the complainant).",
        formula="Complaints due a response in the month that were answered within the "
        "agreed timescale ÷ all complaints due a response in the month × 100.",
        who_measures="Complaints and PALS team",
        data_source="Complaints module of the incident and risk management system",
        owner="Chief Nurse",
        who_acts="Directorate heads of nursing and department managers",
        action="Below the trigger: overdue complaints are escalated to the head of nursing "
        "every week and the complainant is told the new date. On target: review themes each "
        "quarter.",
        notes="Reported a month in arrears: a month's figure is complete only once every "
        "response due in it has been closed, so the latest month is usually still open.",
        targets=(local(85, 5, 75, "85% of complaints answered within the agreed timescale."),),
        gen={"model": "ratio", "p": 80, "sd": 4, "den_fte": 3.5, "den_cv": 0.3, "hi": 100},
        **ratio("Answered on time", "Responses due"),
    ),
]
