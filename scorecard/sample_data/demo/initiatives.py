"""The demo's initiatives (stage 7): trust and directorate programmes with their
budgets, milestones and the objectives and measures they serve."""

from dataclasses import dataclass

from scorecard.models import Initiative


@dataclass(frozen=True)
class InitiativeSpec:
    unit: str
    title: str
    description: str
    owner: str
    start: int  # months from the latest complete month
    end: int
    budget: int
    status: str
    progress: int
    benefits_for_nhs: str
    benefits_for_patients: str
    groups: tuple
    measures: tuple
    milestones: tuple  # (title, due in months from the latest month, done)


Progress = Initiative.Status
INITIATIVES = [
    InitiativeSpec(
        "NHT",
        "Elective recovery programme",
        "Validate the waiting list, ring-fence elective beds and theatres in a hub, and buy "
        "extra capacity where our own cannot meet demand.",
        "Chief Operating Officer",
        -18,
        9,
        2_400_000,
        Progress.ON_TRACK,
        60,
        "About 4,000 more operations a year from the same theatres, protecting roughly £6m of "
        "elective income; less spent on premium-rate weekend lists.",
        "Shorter waits for operations, fewer people whose condition worsens while they wait, "
        "and fewer cancellations on the day.",
        ("C1", "P5"),
        ("RTT18", "RTT52", "RTT1ST", "THEATRE", "DAYCASE"),
        (
            ("Validate every pathway over 40 weeks", -15, True),
            ("Open the elective hub theatres", -6, True),
            ("Sign the insourcing contract for orthopaedics", -2, True),
            ("Treat everyone waiting over 65 weeks", 3, False),
        ),
    ),
    InitiativeSpec(
        "NHT",
        "Diagnostics capacity and reporting",
        "Use the community diagnostic centre for routine scans, extend scanning hours and "
        "add reporting capacity so diagnostics stop holding up other pathways.",
        "Chief Operating Officer",
        -24,
        6,
        3_100_000,
        Progress.AT_RISK,
        55,
        "Around 30,000 extra scans a year; fewer bed days spent waiting for inpatient scans.",
        "Tests within 6 weeks, and a cancer diagnosis or all-clear sooner.",
        ("C4", "P6", "C3"),
        ("DM01", "IMGTAT", "CAFDS"),
        (
            ("Community diagnostic centre opens CT and MRI", -20, True),
            ("Outsourced overnight reporting contract starts", -10, True),
            ("Radiographers report plain films", -1, False),
            ("MRI open seven days a week", 4, False),
        ),
    ),
    InitiativeSpec(
        "NHT",
        "Urgent care flow programme",
        "Stream patients at the front door, expand same-day emergency care, and discharge "
        "earlier in the day with the county council.",
        "Chief Operating Officer",
        -16,
        8,
        1_200_000,
        Progress.ON_TRACK,
        50,
        "Fewer escalation beds opened at premium rates; about 20 beds' worth of stays saved.",
        "Shorter waits in A&E, fewer 12-hour stays and ambulances released sooner.",
        ("C2", "P4"),
        ("AE4H", "ED12H", "LOSNEL", "BEDOCC"),
        (
            ("Front-door streaming to the urgent treatment centre", -14, True),
            ("Same-day emergency care open 12 hours a day", -9, True),
            ("Discharge to assess with the county council", -3, True),
            ("Virtual ward for 40 patients", 5, False),
        ),
    ),
    InitiativeSpec(
        "NHT",
        "Temporary staffing reduction",
        "Fill posts permanently, control agency bookings and make the staff bank the first "
        "choice for every unfilled shift.",
        "Chief People Officer",
        -12,
        12,
        450_000,
        Progress.DELAYED,
        35,
        "Agency spend down by at least 30% on 2024/25, worth about £4m a year.",
        "Care from staff who know the ward and its patients.",
        ("F3", "L2"),
        ("AGENCY", "BANK", "VAC"),
        (
            ("Agency bookings need executive approval", -11, True),
            ("First cohort of internationally recruited nurses starts", -6, True),
            ("Bank rates harmonised across staff groups", -1, False),
            ("Agency spend 30% below 2024/25", 5, False),
        ),
    ),
    InitiativeSpec(
        "NHT",
        "Staff health and wellbeing programme",
        "Fast-track physiotherapy and mental health support for staff, and trained wellbeing "
        "champions in every team.",
        "Chief People Officer",
        -30,
        -3,
        180_000,
        Progress.COMPLETE,
        100,
        "Lower sickness absence and turnover; less bank cover for absence.",
        "Care from staff who are well and stay.",
        ("L1",),
        ("SICK", "TURN", "ENGAGE"),
        (
            ("Fast-track physiotherapy for staff", -27, True),
            ("Mental health first aiders in every directorate", -15, True),
            ("Menopause and carers' policies published", -5, True),
        ),
    ),
    InitiativeSpec(
        "NHT",
        "Harm-free wards",
        "A falls, pressure ulcer and blood clot prevention bundle on every adult ward, with "
        "monthly audits.",
        "Chief Nurse",
        -20,
        4,
        150_000,
        Progress.ON_TRACK,
        75,
        "Fewer extra bed days and treatments caused by harm in hospital.",
        "Fewer falls, pressure ulcers and clots; patients go home as well as they came.",
        ("P2",),
        ("FALLS", "PU", "VTE"),
        (
            ("Bundle agreed with ward managers", -18, True),
            ("Every ward audited monthly", -8, True),
            ("Bundle extended to maternity and paediatrics", 2, False),
        ),
    ),
    InitiativeSpec(
        "NHT-SURG",
        "Theatre productivity programme",
        "Six-four-two scheduling, on-time starts and a pre-operative assessment hub.",
        "Directorate general manager for Surgery",
        -10,
        6,
        220_000,
        Progress.ON_TRACK,
        65,
        "About 8% more operations from the same sessions.",
        "Fewer operations cancelled on the day.",
        ("P5",),
        ("THEATRE", "DAYCASE"),
        (
            ("Six-four-two scheduling meeting in place", -8, True),
            ("Pre-operative assessment hub opens", -4, True),
            ("85% capped utilisation for three months running", 4, False),
        ),
    ),
    InitiativeSpec(
        "NHT-SURG",
        "Surgical waiting list validation",
        "Contact every patient waiting over 26 weeks to confirm they still need treatment.",
        "Directorate general manager for Surgery",
        -8,
        2,
        60_000,
        Progress.ON_TRACK,
        80,
        "A cleaner list and better planning of capacity.",
        "Patients who no longer need treatment are discharged; the rest get a clearer date.",
        ("C1",),
        ("RTT18", "RTT52"),
        (
            ("Validation team recruited", -7, True),
            ("All pathways over 52 weeks validated", -3, True),
            ("All pathways over 26 weeks validated", 2, False),
        ),
    ),
    InitiativeSpec(
        "NHT-MED",
        "Endoscopy backlog recovery",
        "Weekend lists, nurse endoscopists and FIT-guided referral for colonoscopy.",
        "Clinical director for Medicine",
        -14,
        3,
        540_000,
        Progress.AT_RISK,
        45,
        "The backlog cleared without outsourcing at premium rates.",
        "Endoscopy within 6 weeks; cancer ruled in or out sooner.",
        ("C4",),
        ("DM01",),
        (
            ("Two nurse endoscopists qualified", -9, True),
            ("Weekend lists running every week", -5, True),
            ("Backlog over 6 weeks cleared", 3, False),
        ),
    ),
    InitiativeSpec(
        "NHT-UEC",
        "Same-day emergency care expansion",
        "Open same-day emergency care 12 hours a day and accept referrals straight from "
        "ambulance crews.",
        "Directorate general manager for Urgent and Emergency Care",
        -15,
        -1,
        380_000,
        Progress.COMPLETE,
        100,
        "About 25 fewer admissions a day.",
        "Treated and home the same day instead of admitted.",
        ("C2", "P4"),
        ("AE4H", "LOSNEL"),
        (
            ("Unit open 12 hours a day", -12, True),
            ("Direct referral from ambulance crews", -4, True),
        ),
    ),
    InitiativeSpec(
        "NHT-CSS",
        "Pathology workforce and automation",
        "Train biomedical scientists through an apprenticeship route and automate the blood "
        "sciences track.",
        "Clinical director for Clinical Support Services",
        -6,
        12,
        1_650_000,
        Progress.AT_RISK,
        20,
        "Less overtime and bank use in the laboratory; capacity for 10% more samples.",
        "Urgent results within the hour, so decisions to admit or discharge come sooner.",
        ("P6", "L2"),
        ("PATHTAT", "VAC"),
        (
            ("Business case for the automation track approved", -4, True),
            ("Six trainee biomedical scientists start", -1, False),
            ("Automation track live", 9, False),
        ),
    ),
    InitiativeSpec(
        "NHT-CSS",
        "Imaging reporting capacity",
        "Radiographer reporting of plain films, and outsourcing overnight reports.",
        "Clinical director for Clinical Support Services",
        -12,
        3,
        420_000,
        Progress.ON_TRACK,
        70,
        "Fewer bed days spent waiting for scan reports.",
        "Scan results within a day for inpatients.",
        ("P6",),
        ("IMGTAT",),
        (
            ("Four radiographers trained to report", -6, True),
            ("Overnight outsourcing in place", -2, True),
            ("90% of inpatient scans reported in 24 hours", 3, False),
        ),
    ),
    InitiativeSpec(
        "NHT-UEC-ED",
        "Rapid assessment and treatment at the front door",
        "A senior clinician assesses every patient on arrival and starts treatment and "
        "tests straight away.",
        "Service manager for the Emergency Department",
        -14,
        1,
        240_000,
        Progress.ON_TRACK,
        85,
        "Tests ordered once and early; fewer unnecessary admissions.",
        "A decision sooner and less time in the department.",
        ("C2",),
        ("AE4H", "ED12H"),
        (
            ("Rota for senior assessment 8am to midnight", -12, True),
            ("Tests ordered at triage", -6, True),
            ("Extended to overnight", 1, False),
        ),
    ),
    InitiativeSpec(
        "NHT-CSS-PATH",
        "Blood sciences automation track",
        "Replace the analysers in blood sciences with a single automated track.",
        "Service manager for Pathology",
        -3,
        12,
        1_100_000,
        Progress.PROPOSED,
        5,
        "Fewer staff needed at night for routine work; space for growth.",
        "Urgent results within the hour, every hour.",
        ("P6",),
        ("PATHTAT",),
        (
            ("Supplier chosen", 2, False),
            ("Track installed and validated", 10, False),
        ),
    ),
]
