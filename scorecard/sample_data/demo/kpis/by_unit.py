"""What differs by unit in the demo's KPIs: the size and level of each unit's
figures, special causes and events for the SPC charts to find, figures not in
yet, and targets that differ by unit or level."""

from collections import namedtuple

from scorecard.sample_data.demo.kpis.sheet import activity_plans, local

# How each unit's own figures differ from the measure's defaults: the size of
# its activity (`den`, the denominator a month) and its usual level (`p`).
UNIT_GEN = {
    # Waiting lists: pathways on the list at month end.
    **{
        (unit, "RTT18"): {"den": den, "p": p}
        for unit, den, p in [
            ("NHT-SURG-GEN", 6200, 62),
            ("NHT-SURG-TO", 7800, 59),
            ("NHT-SURG-OPH", 6900, 68),
            ("NHT-SURG-ENT", 4300, 60),
            ("NHT-MED-CARD", 3600, 70),
            ("NHT-MED-GAST", 4800, 57),
            ("NHT-MED-RESP", 2100, 72),
            ("NHT-WAC-PAED", 1900, 66),
            ("NHT-WAC-GYN", 3100, 61),
        ]
    },
    **{
        (unit, "RTT52"): {"den": den, "p": p}
        for unit, den, p in [
            ("NHT-SURG-GEN", 6200, 2.2),
            ("NHT-SURG-TO", 7800, 3.8),
            ("NHT-SURG-OPH", 6900, 1.6),
            ("NHT-SURG-ENT", 4300, 2.5),
            ("NHT-MED-CARD", 3600, 1.2),
            ("NHT-MED-GAST", 4800, 3.0),
            ("NHT-WAC-GYN", 3100, 2.4),
        ]
    },
    **{
        (unit, "RTT1ST"): {"den": den, "p": p}
        for unit, den, p in [
            ("NHT-SURG-GEN", 3400, 64),
            ("NHT-SURG-TO", 4300, 60),
            ("NHT-SURG-OPH", 3800, 70),
            ("NHT-SURG-ENT", 2400, 62),
            ("NHT-MED-CARD", 2000, 71),
            ("NHT-MED-GAST", 2600, 60),
            ("NHT-MED-RESP", 1200, 73),
            ("NHT-WAC-PAED", 1100, 68),
            ("NHT-WAC-GYN", 1700, 63),
        ]
    },
    ("NHT-SURG-GEN", "CA62"): {"den": 32, "p": 71},
    ("NHT-WAC-GYN", "CA62"): {"den": 13, "p": 68},
    ("NHT-MED-ONC", "CA62"): {"den": 55, "p": 72},
    ("NHT-SURG-GEN", "CAFDS"): {"den": 300, "p": 75},
    ("NHT-MED-GAST", "CAFDS"): {"den": 260, "p": 73},
    ("NHT-MED-ONC", "CAFDS"): {"den": 420, "p": 78},
    ("NHT-MED-ONC", "CA31"): {"den": 110},
    ("NHT-MED-CARD", "DM01"): {"den": 1400, "p": 88},
    ("NHT-MED-GAST", "DM01"): {"den": 1100, "p": 79},
    ("NHT-CSS-IMG", "DM01"): {"den": 5200, "p": 82},
    ("NHT-UEC-ED", "AE4H"): {"den": 6800, "p": 62},
    ("NHT-UEC-UTC", "AE4H"): {"den": 3400, "p": 95.5, "season": -1},
    ("NHT-UEC-ED", "ED12H"): {"den": 6800},
    **{
        (unit, "FFTIP"): {"den": den}
        for unit, den in [
            ("NHT-SURG-TO", 160),
            ("NHT-MED-RESP", 140),
            ("NHT-MED-ELD", 210),
            ("NHT-MED-ONC", 180),
            ("NHT-UEC-AMU", 240),
            ("NHT-WAC-MAT", 200),
            ("NHT-WAC-PAED", 150),
        ]
    },
    **{
        (unit, code): {"den": den}
        for unit, den in [
            ("NHT-SURG-TO", 1500),
            ("NHT-MED-RESP", 1700),
            ("NHT-MED-ELD", 2600),
            ("NHT-UEC-AMU", 1300),
        ]
        for code in ("FALLS", "PU")
    },
    ("NHT-SURG-GEN", "VTE"): {"den": 1100},
    ("NHT-SURG-TO", "VTE"): {"den": 800},
    ("NHT-UEC-AMU", "VTE"): {"den": 1500, "p": 94.5},
    ("NHT-WAC-MAT", "VTE"): {"den": 450, "p": 96.5},
    ("NHT-MED-CARD", "READM"): {"den": 600, "p": 13.5},
    ("NHT-MED-RESP", "READM"): {"den": 480, "p": 15.5},
    ("NHT-MED-ELD", "READM"): {"den": 430, "p": 16},
    ("NHT-UEC-AMU", "READM"): {"den": 1100, "p": 9.5},
    ("NHT-MED-RESP", "LOSNEL"): {"den": 320, "p": 5.6},
    ("NHT-MED-ELD", "LOSNEL"): {"den": 270, "p": 9.8, "sd": 0.3},
    ("NHT-UEC-AMU", "LOSNEL"): {"den": 600, "p": 1.3, "sd": 0.06, "season": 0.08},
    ("NHT-SURG-GEN", "DAYCASE"): {"den": 260, "p": 82},
    ("NHT-SURG-TO", "DAYCASE"): {"den": 180, "p": 78},
    ("NHT-SURG-OPH", "DAYCASE"): {"den": 420, "p": 93, "hi": 99},
    ("NHT-SURG-ENT", "DAYCASE"): {"den": 150, "p": 80},
    ("NHT-WAC-GYN", "DAYCASE"): {"den": 140, "p": 84},
    **{
        (unit, "DNA"): {"den": den, "p": p}
        for unit, den, p in [
            ("NHT-SURG-GEN", 2600, 7.0),
            ("NHT-SURG-TO", 3100, 6.8),
            ("NHT-SURG-OPH", 4200, 6.0),
            ("NHT-SURG-ENT", 2200, 7.5),
            ("NHT-MED-CARD", 2400, 6.5),
            ("NHT-MED-GAST", 1900, 7.8),
            ("NHT-MED-ONC", 2800, 4.5),
            ("NHT-WAC-PAED", 1500, 9.5),
            ("NHT-WAC-GYN", 1700, 7.2),
        ]
    },
    # Budgets: the usual monthly variance to plan (£000) of each department.
    **{
        (unit, "IEVAR"): {"mean": mean}
        for unit, mean in [
            ("NHT-SURG-GEN", -6),
            ("NHT-SURG-TO", -10),
            ("NHT-SURG-OPH", 2),
            ("NHT-SURG-THEA", -5),
            ("NHT-MED-ELD", -7),
            ("NHT-MED-ONC", 1),
            ("NHT-UEC-ED", -12),
            ("NHT-UEC-AMU", -8),
            ("NHT-CSS-PATH", 4),
            ("NHT-CSS-IMG", 2),
            ("NHT-CSS-PHARM", 1),
            ("NHT-WAC-MAT", -5),
        ]
    },
    ("NHT-UEC-ED", "SICK"): {"p": 5.0},
    ("NHT-MED-ELD", "SICK"): {"p": 5.5},
    ("NHT-CSS-PATH", "SICK"): {"p": 5.1},
    ("NHT-SURG-OPH", "SICK"): {"p": 3.9},
    ("NHT-CSS-PATH", "VAC"): {"p": 10.5},
    ("NHT-CSS-IMG", "VAC"): {"p": 11},
    ("NHT-UEC-ED", "VAC"): {"p": 9.5},
    ("NHT-SURG-OPH", "VAC"): {"p": 6},
    ("NHT-CSS-PHARM", "VAC"): {"p": 7},
    ("NHT-UEC-ED", "MAND"): {"p": 86},
    ("NHT-WAC-MAT", "MAND"): {"p": 92},
    ("NHT-UEC-ED", "APPR"): {"p": 78},
    # Directorates' own figures.
    ("NHT-SURG", "AGENCY"): {"p": 4.9},
    ("NHT-MED", "AGENCY"): {"p": 6.3},
    ("NHT-UEC", "AGENCY"): {"p": 8},
    ("NHT-CSS", "AGENCY"): {"p": 5.8},
    ("NHT-WAC", "AGENCY"): {"p": 3.7},
    ("NHT-CSS", "TURN"): {"p": 12.5},
    ("NHT-UEC", "TURN"): {"p": 12},
    ("NHT-WAC", "TURN"): {"p": 9.5},
    ("NHT-MED", "CIP"): {"p": 84},
    ("NHT-CSS", "CIP"): {"p": 97},
    ("NHT", "ENGAGE"): {"mean": 6.85},
    ("NHT-SURG", "ENGAGE"): {"mean": 6.9},
    ("NHT-MED", "ENGAGE"): {"mean": 6.7},
    ("NHT-UEC", "ENGAGE"): {"mean": 6.5},
    ("NHT-CSS", "ENGAGE"): {"mean": 6.6},
    ("NHT-WAC", "ENGAGE"): {"mean": 7.0},
}

# Special causes, so the SPC charts have something to find. `back` counts
# periods back from the latest: 0 is the latest month.
Trend = namedtuple("Trend", "slope")  # change per period, from the first period on
Shift = namedtuple("Shift", "back delta comment")  # from `back` periods ago onwards
Outlier = namedtuple("Outlier", "back delta comment")  # one period; counts add events

PATTERNS = {
    ("NHT-SURG-TO", "RTT18"): Trend(-0.2),
    ("NHT-CSS-IMG", "DM01"): Trend(0.3),
    ("NHT-MED-ELD", "LOSNEL"): Trend(-0.045),
    ("NHT-UEC-ED", "SICK"): Trend(0.025),
    ("NHT-CSS-PATH", "VAC"): Trend(0.08),
    **{(unit, "AGENCY"): Trend(-0.06) for unit in ("NHT-SURG", "NHT-MED", "NHT-UEC", "NHT-CSS")},
    ("NHT-UEC-ED", "AE4H"): Shift(
        14,
        5,
        "Streaming at the front door to the urgent treatment centre and same-day "
        "emergency care began this month.",
    ),
    ("NHT-CSS-PATH", "PATHTAT"): Shift(
        9,
        -6,
        "Three biomedical scientist posts held vacant from this month to meet the "
        "savings target; the night shift runs one short.",
    ),
    ("NHT-SURG-THEA", "THEATRE"): Shift(
        8, 4.5, "Six-four-two list scheduling and a pre-operative assessment hub started."
    ),
    ("NHT-MED-RESP", "FALLS"): Outlier(
        11,
        4,
        "Four falls with harm on Ward 7 during a norovirus closure; each reviewed by "
        "the falls group.",
    ),
    ("NHT", "CDIFF"): Outlier(
        17, 9, "Cluster on two elderly care wards; typing confirmed an outbreak, since closed."
    ),
}

# Zero-tolerance counts: the months with an event, and what happened.
EVENTS = {
    ("NHT-SURG-THEA", "NEVER"): {
        31: (1, "Wrong-site surgery (toe); WHO checklist sign-in re-audited."),
        22: (
            1,
            "Wrong-site nerve block; investigated under PSIRF, "
            "stop-before-you-block checks re-audited.",
        ),
        10: (1, "Wrong implant (lens power) in cataract surgery; implant check re-trained."),
    },
    ("NHT-WAC-MAT", "NEVER"): {
        17: (1, "Misplaced naso-gastric tube not detected before feeding; checks revised."),
        7: (1, "Retained swab after perineal repair; swab count procedure revised."),
    },
    ("NHT", "MRSA"): {
        33: (1, "MRSA bacteraemia after a peripheral cannula on a surgical ward."),
        26: (1, "Community-acquired strain, hospital-onset by the rule; decolonisation missed."),
        20: (1, "Central line infection on the intensive care unit; line bundle re-audited."),
        15: (
            1,
            "Line-related MRSA bacteraemia on the acute medical unit; "
            "post-infection review completed.",
        ),
    },
}

# Rare-event measures charted by the cases between events, not the days
# (measures/rare_events.py), and about how many cases a month each unit has:
# theatres count the operations between never events.
CASES_CHARTED = {("NHT-SURG-THEA", "NEVER"): 850}

# Measures that are shares of another's denominator (measures.SharedPopulation):
# both counted from the same waiting list, in every unit that reports both.
SAME_DENOMINATOR = {"RTT52": "RTT18"}
# ...but for this unit, whose latest RTT52 was run on the month before's waiting
# list (a stale extract): the data-quality page finds it.
STALE_DENOMINATOR = {("NHT-SURG-ENT", "RTT52")}

# Measures whose latest period has not been reported yet (lagged data).
MISSING_LATEST = {"SHMI", "COMPL", "OPH-FU", "PATH-HIST"}

# Units that gave no value for a measure's last N periods (one closed month and the
# open one): the totals above are computed from the units that did, as the app
# computes them, and every page marks them "Incomplete total".
UNREPORTED = {("NHT-SURG-ENT", "DNA"): 2}

# Targets that differ by unit or level: (unit code or level, measure code).
TARGET_OVERRIDES = {
    # Surgery's four departments add up to the directorate's and the trust's activity.
    ("directorate", "ELECSP"): activity_plans(scale=4),
    ("trust", "ELECSP"): activity_plans(scale=4),
    ("NHT-MED-RESP", "LOSNEL"): (local(5, 0.3, 5.8, "the peer median for respiratory medicine."),),
    ("NHT-MED-ELD", "LOSNEL"): (local(8.5, 0.5, 9.5, "the peer median for elderly care."),),
    ("NHT-UEC-AMU", "LOSNEL"): (
        local(1.2, 0.2, 1.6, "most acute medical patients leave the unit within a day or two."),
    ),
    ("NHT-MED", "LOSNEL"): (local(6.5, 0.4, 7.5, "the peer median for the medical specialties."),),
    ("NHT-UEC", "LOSNEL"): (local(1.2, 0.2, 1.6, "as for the acute medical unit."),),
    ("directorate", "IEVAR"): (
        local(
            0,
            100,
            -200,
            "the directorate's budget for the year; up to £100k behind plan is amber.",
        ),
    ),
    ("department", "IEVAR"): (
        local(
            0, 25, -50, "the department's budget for the year; up to £25k behind plan is amber."
        ),
    ),
}
