"""The demo's KPIs of Internal business processes: safety, flow, theatres, diagnostics."""

from measures.models import RollUp
from scorecard.sample_data.demo.kpis.sheet import (
    HIGHER,
    LOCAL_FROM,
    LOWER,
    Kpi,
    activity_plans,
    interim,
    local,
    national,
    ratio,
)

KPIS = [
    Kpi(
        code="SHMI",
        group="P3",
        title="Deaths in or soon after hospital compared with the number expected (SHMI)",
        unit="ratio",
        direction=LOWER,
        decimals=3,
        purpose="Checks that the trust's mortality is in line with what its mix of patients "
        "predicts; a rise starts a search for problems in care or in coding.",
        relates="Learning from deaths framework; the national SHMI 'as expected' band.",
        formula="Deaths in hospital or within 30 days of discharge ÷ deaths expected by the "
        "national SHMI model, over the latest 12 months.",
        who_measures="Clinical effectiveness team",
        data_source="NHS England SHMI publication (from Hospital Episode Statistics)",
        owner="Medical Director",
        who_acts="Mortality review group and specialty mortality leads",
        action="Above the trigger or 'higher than expected': the mortality review group looks "
        "at the diagnosis groups behind the rise and checks the depth of coding. As expected: "
        "continue structured judgement reviews of deaths.",
        notes="A rolling 12-month figure published months after the period ends, so the "
        "latest months are often missing. Coding depth changes the expected deaths. "
        "The trust reports SHMI rather than HSMR, so the board reads one mortality ratio.",
        targets=(
            national(
                1,
                0.05,
                1.1,
                "A SHMI of 1.0 means deaths as expected; the national "
                "banding flags trusts well above it.",
            ),
        ),
        gen={
            "model": "ratio",
            "p": 1.01,
            "sd": 0.012,
            "den": 1450,
            "den_cv": 0.01,
            "den_dp": 2,
            "lo": 0.8,
            "hi": 1.3,
        },
        **ratio("Observed deaths", "Expected deaths", multiplier=1),
    ),
    Kpi(
        code="MRSA",
        # Rare: charted by the days between events, not the monthly count.
        chart_type="t",
        group="P1",
        title="Hospital-onset MRSA bloodstream infections",
        unit="count",
        direction=LOWER,
        decimals=0,
        rollup=RollUp.SUM,
        zero_tolerance=True,
        purpose="MRSA bloodstream infections that start in hospital are largely preventable; "
        "any case points to a lapse in infection control.",
        relates="National zero-tolerance objective for MRSA bacteraemia.",
        formula="Count of MRSA bacteraemia cases in the month with the positive blood sample "
        "taken on or after the third day of admission.",
        who_measures="Infection prevention and control team",
        data_source="UKHSA healthcare-associated infection data capture system, checked against "
        "the laboratory system",
        owner="Chief Nurse (Director of Infection Prevention and Control)",
        who_acts="Infection prevention and control team and ward managers",
        action="Any case: a post-infection review within 14 days, findings to the infection "
        "control committee and actions tracked until complete. No cases: keep up screening "
        "and line-care audits.",
        notes="Zero tolerance: a single case makes the month red whatever the target says.",
        targets=(national(0, 0, 0, "Zero tolerance of avoidable MRSA bloodstream infection."),),
        gen={"model": "count", "mean": 0},
    ),
    Kpi(
        code="CDIFF",
        group="P1",
        year_to_date="sum",
        title="Healthcare-associated C. difficile infections",
        unit="count",
        direction=LOWER,
        decimals=0,
        rollup=RollUp.SUM,
        purpose="C. difficile infections linked to hospital care are often preventable through "
        "careful antibiotic use and cleaning.",
        relates="NHS England's C. difficile threshold, set for each trust every year.",
        formula="Count of hospital-onset and community-onset healthcare-associated C. "
        "difficile cases in the month.",
        who_measures="Infection prevention and control team",
        data_source="UKHSA data capture system and the laboratory system",
        owner="Chief Nurse (Director of Infection Prevention and Control)",
        who_acts="Infection prevention and control team, antimicrobial pharmacist and ward "
        "managers",
        action="Above the trigger: review each case for lapses in care, check antibiotic "
        "prescribing and cleaning on the wards involved, and type samples to look for a "
        "cluster. Below: continue monthly stewardship audits.",
        notes="The threshold is annual; judge the year to date against the pro-rata ceiling "
        "as well as the month.",
        targets=(
            national(
                5,
                1,
                7,
                "NHS England sets each trust an annual threshold; the demo uses "
                "an invented 60 cases a year, 5 a month pro rata.",
                annual=60,
            ),
        ),
        gen={"model": "count", "mean": 4.3, "season": 0.6},
    ),
    Kpi(
        code="NEVER",
        # Rare: charted by the days between events, not the monthly count.
        chart_type="t",
        group="P1",
        title="Never events",
        unit="count",
        direction=LOWER,
        decimals=0,
        rollup=RollUp.SUM,
        zero_tolerance=True,
        purpose="Never events are serious incidents that are wholly preventable when national "
        "safety measures are followed; there should be none.",
        relates="NHS England never events policy and framework; Patient Safety Incident "
        "Response Framework (PSIRF).",
        formula="Count of incidents in the month confirmed as never events under the national "
        "list.",
        who_measures="Patient safety team",
        data_source="Incident management system (shared with the national Learning from "
        "Patient Safety Events service)",
        owner="Medical Director",
        who_acts="Patient safety team, theatre and maternity leads, all clinical teams",
        action="Any event: immediate safety actions, a patient safety incident investigation, "
        "duty of candour with the patient, and the learning shared across the trust. None: "
        "keep auditing the safety checklists on every list.",
        notes="Zero tolerance: a single event makes the month red.",
        targets=(national(0, 0, 0, "Never events should never happen."),),
        gen={"model": "count", "mean": 0},
    ),
    Kpi(
        code="FALLS",
        group="P2",
        title="Inpatient falls causing moderate or greater harm, per 1,000 occupied bed days",
        unit="per 1,000 bed days",
        direction=LOWER,
        decimals=2,
        purpose="Falls that hurt patients are among the commonest serious harms on wards and "
        "can often be prevented by assessment and simple precautions.",
        relates="National Audit of Inpatient Falls; the trust's harm-free care priority.",
        formula="Inpatient falls in the month with moderate, severe or fatal harm ÷ occupied "
        "bed days in the month × 1,000.",
        who_measures="Patient safety team",
        data_source="Incident management system (falls) and the patient administration system "
        "(occupied bed days)",
        owner="Chief Nurse",
        who_acts="Matrons, ward managers and the falls prevention lead",
        action="Above the trigger: a rapid review of each harmful fall and a repeat of the "
        "ward's falls risk assessment audit. Below: keep up lying-and-standing blood pressure "
        "checks and enhanced care.",
        notes="Harm is confirmed after review, so the latest month may be revised; the history "
        "keeps each change.",
        targets=(local(0.25, 0.05, 0.4, "at or below the rate of better-performing peers."),),
        gen={"model": "ratio", "p": 0.26, "sd": 0, "den_cv": 0.03, "counts": "poisson"},
        **ratio("Falls with moderate or greater harm", "Occupied bed days", multiplier=1000),
    ),
    Kpi(
        code="PU",
        group="P2",
        title="Hospital-acquired pressure ulcers (category 2 and above), per 1,000 occupied bed "
        "days",
        unit="per 1,000 bed days",
        direction=LOWER,
        decimals=2,
        purpose="Pressure ulcers that develop in hospital are largely avoidable harm, painful "
        "and slow to heal.",
        relates="NHS Improvement pressure ulcer framework; the trust's harm-free care priority.",
        formula="New category 2 or worse pressure ulcers that developed in hospital in the "
        "month ÷ occupied bed days × 1,000.",
        who_measures="Tissue viability team",
        data_source="Incident management system and the patient administration system",
        owner="Chief Nurse",
        who_acts="Tissue viability nurses, matrons and ward managers",
        action="Above the trigger: each ulcer is reviewed by tissue viability and the ward "
        "repeats its skin-care bundle audit. Below: keep the bundle audits monthly.",
        notes="Category is confirmed by tissue viability; counts may change after review.",
        targets=(local(1, 0.2, 1.5, "a fall of a fifth from the 2022/23 rate."),),
        gen={"model": "ratio", "p": 1.15, "sd": 0, "den_cv": 0.03, "counts": "poisson"},
        **ratio("New pressure ulcers (category 2+)", "Occupied bed days", multiplier=1000),
    ),
    Kpi(
        code="VTE",
        group="P2",
        title="Adult inpatients assessed for blood clots (VTE) on admission",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Assessing the risk of blood clots on admission lets preventive treatment "
        "start early; hospital-acquired clots are a leading cause of avoidable death.",
        relates="NICE guideline NG89; the former national contract standard of 95%.",
        formula="Adult admissions with a completed VTE risk assessment within 14 hours ÷ all "
        "adult admissions in the month × 100.",
        who_measures="Thrombosis committee, from the electronic prescribing system",
        data_source="Electronic prescribing and medicines administration system",
        owner="Medical Director",
        who_acts="Admitting specialties and the thrombosis committee",
        action="Below the trigger: the specialty audits missed assessments and reminds teams "
        "at handover. On target: keep the monthly report.",
        notes="Day cases on agreed cohort lists are excluded.",
        targets=(
            national(
                95,
                1,
                90,
                "Former NHS Standard Contract requirement: 95% of adult inpatients assessed.",
            ),
        ),
        gen={"model": "ratio", "p": 95.4, "sd": 0.8, "den_cv": 0.04, "hi": 100},
        **ratio("Assessed on admission", "Adult admissions"),
    ),
    Kpi(
        code="READM",
        group="P3",
        title="Emergency readmissions within 30 days of discharge",
        unit="%",
        direction=LOWER,
        decimals=1,
        purpose="Some readmissions show that a patient went home too soon or without the right "
        "support; a rising rate is a warning about discharge quality.",
        relates="NHS Oversight Framework quality metrics; peer benchmarking.",
        formula="Emergency admissions within 30 days of a discharge in the month ÷ discharges "
        "in the month × 100.",
        who_measures="Information team",
        data_source="Patient administration system (admitted patient care)",
        owner="Medical Director",
        who_acts="Medicine and surgery clinical directors",
        action="Above the trigger: audit a sample of readmissions for avoidable causes "
        "(medicines, follow-up, social care). Below: share good discharge practice.",
        notes="Excludes planned readmissions and cancer patients; a month is complete once "
        "30 days have passed.",
        targets=(local(12.5, 0.5, 14, "at or below the median of peer trusts."),),
        gen={"model": "ratio", "p": 12.8, "sd": 0.5, "den_cv": 0.05},
        **ratio("Readmitted within 30 days", "Discharges"),
    ),
    Kpi(
        code="LOSNEL",
        # Limits fixed on its first two years: later months are judged against them.
        chart_type="baseline",
        baseline_points=24,
        group="P4",
        title="Average length of stay for emergency (non-elective) admissions",
        unit="days",
        direction=LOWER,
        decimals=1,
        purpose="Shorter stays, where they are safe, free beds for the next patient and "
        "reduce the harm of long hospital stays for frail people.",
        relates="Model Health System peer benchmark; supports key target AE4H.",
        formula="Bed days of non-elective spells that ended in the month ÷ the number of those "
        "spells.",
        who_measures="Information team",
        data_source="Patient administration system (admitted patient care)",
        owner="Chief Operating Officer",
        who_acts="Medicine, acute medicine, the discharge team and social care partners",
        action="Above the trigger: review every patient staying over 21 days at the weekly "
        "long-stay meeting and escalate delays to partners. Below: keep daily board rounds.",
        notes="Recomputed from summed bed days and spells at every level, never averaged.",
        targets=(local(4, 0.3, 4.6, "the peer median from the Model Health System."),),
        gen={"model": "ratio", "p": 5.5, "sd": 0.2, "den_cv": 0.05, "season": 0.3, "lo": 0.5},
        **ratio("Bed days", "Spells", multiplier=1),
    ),
    Kpi(
        code="BEDOCC",
        group="P4",
        title="General and acute beds occupied",
        unit="%",
        direction=LOWER,
        decimals=1,
        purpose="Above about 92% occupancy the hospital cannot admit patients promptly, and "
        "the emergency department backs up.",
        relates="Planning guidance ambition of 92% occupancy or less; supports key target AE4H.",
        formula="Occupied general and acute bed days (midnight census) ÷ available general "
        "and acute bed days in the month × 100.",
        who_measures="Site operations team",
        data_source="Patient administration system bed census",
        owner="Chief Operating Officer",
        who_acts="Site operations team and directorate general managers",
        action="Above the trigger: open the escalation plan, review long stayers and discharge "
        "before midday. Below: close escalation beds.",
        notes="Tracked daily by the site team.",
        targets=(
            interim(
                92,
                1,
                95,
                "Planning guidance ambition: general and acute occupancy of "
                "92% or less (to be checked against the current guidance).",
                effective_from=LOCAL_FROM,
            ),
        ),
        gen={
            "model": "ratio",
            "p": 94,
            "sd": 0.6,
            "den": 18240,
            "den_cv": 0.005,
            "season": 1.6,
            "hi": 99.5,
        },
        **ratio("Occupied bed days", "Available bed days"),
    ),
    Kpi(
        code="THEATRE",
        # Limits fixed on the year before the theatre productivity programme began.
        chart_type="baseline",
        baseline_first_year=True,
        group="P5",
        title="Planned theatre time used for operating (capped utilisation)",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Shows how much planned theatre time is spent operating; unused time is lost "
        "capacity for patients on the waiting list.",
        relates="GIRFT and planning guidance ambition of 85% capped utilisation; supports key "
        "target RTT18.",
        formula="Time operating within planned sessions (capped at the session length) ÷ "
        "planned session time × 100.",
        who_measures="Theatre management team",
        data_source="Theatre management system",
        owner="Chief Operating Officer",
        who_acts="Theatres and Anaesthetics, surgical specialties",
        action="Below the trigger: review late starts, early finishes and gaps between "
        "patients list by list with the surgeons involved. On target: book the released time.",
        notes="Capped: time operating after the session should have ended does not count.",
        targets=(
            interim(
                85,
                3,
                78,
                "GIRFT and planning ambition of 85% capped theatre utilisation (to be checked).",
                effective_from=LOCAL_FROM,
            ),
        ),
        gen={"model": "ratio", "p": 78.5, "sd": 1.2, "den": 4200, "den_cv": 0.05, "hi": 100},
        **ratio("Capped touch time (hours)", "Planned session time (hours)"),
    ),
    Kpi(
        code="DAYCASE",
        group="P5",
        title="Operations on the British Association of Day Surgery list done as day cases",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Day surgery is better for suitable patients and frees inpatient beds.",
        relates="British Association of Day Surgery and GIRFT procedure benchmarks; supports "
        "key target RTT18.",
        formula="Procedures on the BADS list done as day cases ÷ all procedures on the BADS "
        "list in the month × 100.",
        who_measures="Information team",
        data_source="Patient administration system (admitted patient care)",
        owner="Chief Operating Officer",
        who_acts="Surgical specialties and the day surgery unit",
        action="Below the trigger: review the patients kept in overnight and the reasons "
        "with pre-operative assessment. On target: add procedures to the day case list.",
        notes="The BADS rate differs by procedure; a change of case mix moves the total.",
        targets=(local(85, 3, 80, "close to the BADS benchmarks for the procedures done here."),),
        gen={"model": "ratio", "p": 83.5, "sd": 1.5, "den_cv": 0.06, "hi": 100},
        **ratio("Day cases", "BADS procedures"),
    ),
    Kpi(
        code="ELECSP",
        group="P5",
        title="Elective spells delivered (day case and ordinary)",
        unit="spells",
        direction=HIGHER,
        decimals=0,
        rollup=RollUp.SUM,
        # The plan is monthly and the year's total is what the trust commits to.
        year_to_date="sum",
        purpose="Elective activity is how the waiting list comes down: the operational plan "
        "commits the trust to a number of spells each month and in the year.",
        relates="NHS England's operational planning guidance (elective activity against the "
        "2019/20 baseline); supports key target RTT18.",
        formula="Elective spells (day case and ordinary admissions) finished in the month.",
        who_measures="Information team",
        data_source="Patient administration system (admitted patient care)",
        owner="Chief Operating Officer",
        who_acts="Surgical specialties, theatres and the bed management team",
        action="Below the trigger: review lost theatre sessions and cancellations at the weekly "
        "access meeting and book extra lists. On the plan: keep the lists full.",
        notes="A trajectory: a planned number each month, and the year's total as its floor.",
        targets=activity_plans(),
        gen={"model": "count", "mean": 420},
    ),
    Kpi(
        code="DNA",
        group="P5",
        title="Outpatient appointments where the patient did not attend",
        unit="%",
        direction=LOWER,
        decimals=1,
        purpose="Each missed appointment is a slot another patient on the waiting list could "
        "have used.",
        relates="Outpatient transformation programme; supports key target RTT18.",
        formula="Outpatient appointments in the month the patient did not attend without "
        "notice ÷ all booked appointments × 100.",
        who_measures="Outpatient booking team",
        data_source="Patient administration system (outpatients)",
        owner="Chief Operating Officer",
        who_acts="Outpatient services manager and specialty service managers",
        action="Above the trigger: check text reminders went out and call patients with "
        "repeated missed appointments. Below: keep reminders and two-way texting.",
        notes="Patients who cancel in advance are not counted as missed.",
        targets=(local(5, 1, 7, "at or below 5% of booked appointments."),),
        gen={"model": "ratio", "p": 7.2, "sd": 0.35, "den_cv": 0.05, "lo": 1},
        **ratio("Missed appointments", "Booked appointments"),
    ),
    Kpi(
        code="PATHTAT",
        group="P6",
        title="Urgent emergency department blood samples reported within 1 hour",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Decisions to admit or discharge wait on urgent blood results; late results "
        "keep patients in the emergency department.",
        relates="Service agreement between Pathology and the Emergency Department; supports "
        "key targets AE4H and RTT18 (pre-operative tests).",
        formula="Urgent emergency department samples reported within 1 hour of receipt in the "
        "laboratory ÷ all urgent emergency department samples × 100.",
        who_measures="Blood sciences quality lead",
        data_source="Laboratory information management system",
        owner="Chief Operating Officer",
        who_acts="Pathology service manager and blood sciences lead",
        action="Below the trigger: check analyser downtime and staffing on the shifts that "
        "missed, and agree cover with the bank. On target: extend the hour to inpatient "
        "urgent samples.",
        notes="Time runs from receipt in the laboratory, not from the blood test itself.",
        targets=(local(90, 3, 85, "the service agreement with the Emergency Department."),),
        gen={"model": "ratio", "p": 91.5, "sd": 0.8, "den": 9800, "den_cv": 0.04, "hi": 100},
        **ratio("Reported within 1 hour", "Urgent ED samples"),
    ),
    Kpi(
        code="IMGTAT",
        group="P6",
        title="Inpatient imaging examinations reported within 24 hours",
        unit="%",
        direction=HIGHER,
        decimals=1,
        purpose="Inpatients wait in a bed for their scan report; a late report can mean "
        "another night in hospital.",
        relates="Service agreement between Imaging and the wards; supports key targets RTT18 "
        "and CA62.",
        formula="Inpatient examinations reported within 24 hours of the scan ÷ all inpatient "
        "examinations in the month × 100.",
        who_measures="Radiology services manager",
        data_source="Radiology information system",
        owner="Chief Operating Officer",
        who_acts="Imaging service manager and consultant radiologists",
        action="Below the trigger: send overflow to the outsourced reporting company and "
        "review radiologist job plans. On target: bring the outsourced work back in-house.",
        notes="Plain films reported by radiographers count.",
        targets=(local(90, 3, 85, "the service agreement with the wards."),),
        gen={"model": "ratio", "p": 88, "sd": 1.0, "den": 5600, "den_cv": 0.04, "hi": 100},
        **ratio("Reported within 24 hours", "Inpatient examinations"),
    ),
]
