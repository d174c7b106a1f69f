"""The demo's words: each unit's mission, vision and strategy, the trust's values,
the requirements and data-quality process by level, the trust's summary
statements (theme × perspective), and the texts written for each published
department's scorecard."""

from dataclasses import dataclass

from scorecard.sample_data.demo.objectives import (
    ACCESS,
    CUSTOMER,
    FINANCIAL,
    LEARNING,
    MONEY,
    PEOPLE,
    PROCESSES,
    QUALITY,
)


@dataclass(frozen=True)
class Statements:
    mission: str
    vision: str
    strategy: str = ""  # a draft scorecard may not have one yet


# Stage 1: each unit's mission, vision and strategy statement, by unit code.
STATEMENTS = {
    "NHT": Statements(
        mission=(
            "To give the people of Northshire safe, timely and kind hospital care, and to help "
            "them get home and stay well."
        ),
        vision=(
            "By 2030, the hospitals Northshire people would choose and our staff would recommend: "
            "nobody waits longer than the standards allow and nobody comes to avoidable harm."
        ),
        strategy=(
            "Over the next three years we will bring planned and cancer waits back towards the "
            "national standards, take the pressure off the emergency department by improving flow "
            "through our beds, and return to financial balance by spending less on temporary "
            "staff and more on a stable, well-trained workforce. Pathology and imaging sit at the "
            "centre of the plan: most delays start with a test or a report that is late, so their "
            "capacity comes first."
        ),
    ),
    "NHT-SURG": Statements(
        mission=(
            "To operate on the right patients at the right time, safely, and get them home "
            "quickly."
        ),
        vision=(
            "A surgical service where no one waits over a year, most operations are day cases and "
            "every theatre session is used."
        ),
        strategy=(
            "Recover elective waits by running theatres at 85% utilisation, moving suitable "
            "operations to day surgery and validating the waiting list every month, while keeping "
            "never events at zero."
        ),
    ),
    "NHT-MED": Statements(
        mission=(
            "To care for people with medical and long-term conditions in hospital only as long as "
            "they need to be there."
        ),
        vision=(
            "Shorter, safer stays, with patients followed up at home or in clinic rather than "
            "readmitted."
        ),
        strategy=(
            "Shorten non-elective stays through same-day discharge planning and virtual wards, "
            "cut diagnostic waits in endoscopy and cardiology, and speed up the cancer pathway "
            "with the oncology team."
        ),
    ),
    "NHT-UEC": Statements(
        mission=(
            "To assess and treat everyone who arrives in an emergency promptly and send them to "
            "the right place next."
        ),
        vision=(
            "Four hours as the normal, not the exception: no patient waits 12 hours in the "
            "department."
        ),
        strategy=(
            "Stream patients at the front door to the urgent treatment centre, same-day emergency "
            "care or ED, release ambulances within 30 minutes, and work with the wards so that "
            "admitted patients leave the department within an hour of the decision."
        ),
    ),
    "NHT-CSS": Statements(
        mission=(
            "To give every clinical team the tests, reports and medicines it needs, when it needs "
            "them."
        ),
        vision="Diagnostics that never hold a pathway up.",
        strategy=(
            "Fill the pathology and imaging vacancies, automate routine laboratory work, extend "
            "reporting hours and use the community diagnostic centre for routine scans, so that "
            "urgent and cancer work is never queued behind it."
        ),
    ),
    "NHT-WAC": Statements(
        mission="To give women, babies, children and families safe, personal care at every stage.",
        vision="A maternity and children's service families recommend and staff are proud of.",
        strategy=(
            "Keep maternity safe with full midwifery staffing and continuity of care, bring "
            "gynaecology waits back within 18 weeks, and see children in clinic closer to home."
        ),
    ),
    "NHT-SURG-GEN": Statements(
        mission="To diagnose and treat conditions of the abdomen and bowel quickly and safely.",
        vision=(
            "Colorectal cancer diagnosed within 28 days; most gallbladder and hernia operations "
            "as day cases."
        ),
        strategy=(
            "Straight-to-test for suspected colorectal cancer, a dedicated day-case list for "
            "hernias and gallbladders, and weekly validation of the waiting list."
        ),
    ),
    "NHT-SURG-TO": Statements(
        mission="To mend broken bones and restore joints so people can walk and work again.",
        vision="No one waits over a year for a hip or knee replacement.",
        strategy=(
            "Protect elective orthopaedic beds from emergency pressures, and run joint school so "
            "patients are fit for surgery and go home sooner."
        ),
    ),
    "NHT-SURG-OPH": Statements(
        mission="To protect and restore sight.",
        vision="No patient loses sight while waiting for a follow-up appointment.",
    ),
    "NHT-SURG-ENT": Statements(
        mission="To treat conditions of the ear, nose and throat close to home.",
        vision="Children's ENT operations within 18 weeks of referral.",
        strategy=(
            "Use advice and guidance with GPs to keep clinic slots for patients who need them."
        ),
    ),
    "NHT-SURG-THEA": Statements(
        mission="To run safe, punctual operating lists for every surgical specialty.",
        vision="Every session starts on time, finishes on time and is full.",
        strategy=(
            "Six-four-two scheduling, a pre-operative assessment service that clears patients "
            "weeks ahead, and the safety checklist audited on every list."
        ),
    ),
    "NHT-MED-CARD": Statements(
        mission="To diagnose and treat heart disease promptly.",
        vision="Echocardiograms within 6 weeks and heart failure patients supported at home.",
        strategy=(
            "Extra echo sessions at the community diagnostic centre and a heart failure nurse "
            "follow-up within a week of discharge."
        ),
    ),
    "NHT-MED-GAST": Statements(
        mission="To investigate and treat diseases of the gut and liver without delay.",
        vision="Endoscopy within 6 weeks for everyone, within 2 weeks for suspected cancer.",
        strategy=(
            "Recover the endoscopy backlog with weekend lists and nurse endoscopists, and use FIT "
            "testing to direct colonoscopy to those who need it."
        ),
    ),
    "NHT-MED-RESP": Statements(
        mission=(
            "To care for people with lung disease in hospital and help them manage it at home."
        ),
        vision="Fewer winter admissions for COPD, and shorter stays for those admitted.",
    ),
    "NHT-MED-ELD": Statements(
        mission=(
            "To care for frail older people with dignity and help them home as soon as they are "
            "ready."
        ),
        vision="Home first: no older person stays in hospital a day longer than they need.",
        strategy=(
            "Frailty assessment at the front door, discharge planning from the day of admission, "
            "and a falls and pressure-ulcer prevention bundle on every ward."
        ),
    ),
    "NHT-MED-ONC": Statements(
        mission="To treat people with cancer promptly and support them and their families.",
        vision="Treatment starts within 31 days of the decision for every patient.",
        strategy=(
            "Track every patient weekly, book chemotherapy capacity ahead of demand and run joint "
            "clinics with the surgical teams."
        ),
    ),
    "NHT-UEC-ED": Statements(
        mission="To assess, treat and stabilise everyone who comes to us in an emergency.",
        vision=(
            "Every patient has a decision within 4 hours, and none waits 12 hours in the "
            "department."
        ),
        strategy=(
            "Rapid assessment and treatment at the front door, streaming to the urgent treatment "
            "centre and same-day emergency care, and an agreed timetable for specialty reviews."
        ),
    ),
    "NHT-UEC-UTC": Statements(
        mission=(
            "To treat minor injuries and illnesses quickly, without a trip through the emergency "
            "department."
        ),
        vision="Seen, treated and home within 2 hours.",
    ),
    "NHT-UEC-AMU": Statements(
        mission="To assess acutely unwell medical patients and decide their care within 24 hours.",
        vision="Most patients home within two days; the rest on the right ward within 24 hours.",
        strategy=(
            "Consultant review within 14 hours for every patient, board rounds twice a day and "
            "same-day emergency care for patients who do not need a bed."
        ),
    ),
    "NHT-CSS-PATH": Statements(
        mission="To give clinicians accurate laboratory results fast enough to act on.",
        vision=(
            "Urgent results within the hour and histology within a week, every day of the year."
        ),
        strategy=(
            "Fill biomedical scientist vacancies through a training programme, automate the blood "
            "sciences track and digitise histology so pathologists can report from any site."
        ),
    ),
    "NHT-CSS-IMG": Statements(
        mission="To provide the scans and reports that diagnosis and treatment depend on.",
        vision=(
            "Every inpatient scan reported within 24 hours and every outpatient scan within 6 "
            "weeks of referral."
        ),
        strategy=(
            "Move routine outpatient scanning to the community diagnostic centre, extend CT and "
            "MRI hours into evenings and weekends, and outsource overnight reporting."
        ),
    ),
    "NHT-CSS-PHARM": Statements(
        mission="To supply medicines safely and advise on their best use.",
        vision="No patient waits on the ward for their medicines to go home.",
    ),
    "NHT-WAC-MAT": Statements(
        mission="To give every woman and baby safe, personal care before, during and after birth.",
        vision=(
            "A maternity service every family would recommend, with continuity of carer for all "
            "who want it."
        ),
        strategy=(
            "Book every woman by 10 weeks, keep midwife staffing at establishment and learn from "
            "every incident with the families involved."
        ),
    ),
    "NHT-WAC-PAED": Statements(
        mission=(
            "To care for children and young people and keep them out of hospital where we can."
        ),
        vision="Children seen in clinic near home within 18 weeks.",
    ),
    "NHT-WAC-GYN": Statements(
        mission="To treat gynaecological conditions promptly and with respect.",
        vision="Waits for gynaecology surgery back within 18 weeks.",
    ),
}

TRUST_VALUES = (
    "Kind: we treat everyone as we would want our own family treated.\n"
    "Open: we say what goes well and what does not, and learn from both.\n"
    "Together: we work as one team, with each other and with our partners in Northshire.\n"
    "Better every day: we use data and front-line ideas to improve, a little at a time."
)
LOCAL_VALUES = "We share the trust's values: kind, open, together, and better every day."

REQUIREMENTS = {
    "trust": (
        "NHS Constitution waiting-time standards: 18 weeks from referral to treatment, 4 "
        "hours in A&E, 62 days for cancer treatment, 6 weeks for diagnostic tests.\n"
        "NHS planning guidance 2025/26: the interim ambitions for elective, cancer, urgent "
        "care and workforce spending.\n"
        "NHS Oversight Framework: the segmentation metrics NHS England uses to judge the "
        "trust.\n"
        "CQC registration and the fundamental standards of quality and safety.\n"
        "Statutory financial duties: break even and keep within the agreed control total.\n"
        "Patient Safety Incident Response Framework, duty of candour and the never events "
        "policy.\n"
        "NHS Standard Contract with the integrated care board."
    ),
    "directorate": (
        "The trust's national standards as they apply to the directorate's services, its "
        "share of the financial plan and cost improvement programme, CQC fundamental "
        "standards, and the royal college and GIRFT guidance for its specialties."
    ),
    "department": (
        "The national standards the department contributes to (see its measures), the "
        "department's budget, CQC fundamental standards and the professional standards of "
        "its staff groups."
    ),
}

DATA_QUALITY = {
    "trust": (
        "Each measure has one owner who signs off the month's figure by the eighth working "
        "day. The information team refreshes the data from source systems (patient "
        "administration, laboratory and radiology systems, ESR and the general ledger), runs "
        "completeness and range checks, and asks the owner to confirm any value outside its "
        "SPC limits before it is published. A figure corrected after sign-off is changed in "
        "the app with a comment, so the history shows what changed and why. Each quarter the "
        "audit committee follows one measure from source to board report against its "
        "performance measure sheet."
    ),
    "directorate": (
        "The directorate's performance lead checks department figures against the trust "
        "dataset before the monthly performance review and chases anything missing. The "
        "directorate figures are computed from the departments' figures, never typed in."
    ),
    "department": (
        "The service manager checks the month's figures within five working days and adds a "
        "comment to any value the team knows is unusual."
    ),
}

# Why an objective leads to the one above it on the strategy map, for the
# objectives the shared LINKS above do not connect.
LANE_RATIONALE = (
    "In {unit}, progress on “{cause}” is what makes it possible to {effect}: the map "
    "runs from learning and growth up to the financial result."
)
# A unit's own improvement plan serves each objective no other initiative does.
IMPROVEMENT_PLAN = "{unit} improvement plan"
IMPROVEMENT_PLAN_DESCRIPTION = (
    "The actions {unit} agreed at its annual planning review for each objective not served "
    "by a trust or directorate programme, reviewed monthly with this scorecard."
)


# Stage 2: what each theme means in each perspective, for the trust.
SUMMARY_STATEMENTS = {
    ACCESS: {
        FINANCIAL: "Fund recovery of waits from elective income and the elective hub, not "
        "from premium-rate extra sessions.",
        CUSTOMER: "Patients are seen, tested and treated within the national standards, "
        "starting with the longest waiters and suspected cancer.",
        PROCESSES: "Theatres, clinics, diagnostics and beds run at the levels that keep "
        "queues short: flow is designed, not left to chance.",
        LEARNING: "Fill the posts that limit capacity first: anaesthetists, radiographers and "
        "biomedical scientists.",
    },
    QUALITY: {
        FINANCIAL: "Invest in prevention (falls, pressure ulcers, infections), which costs "
        "less than treating the harm.",
        CUSTOMER: "Patients and families would recommend our care and are answered well and "
        "promptly when they complain.",
        PROCESSES: "No never events, no avoidable infections, harm-free wards and mortality "
        "as expected.",
        LEARNING: "Every member of staff is trained in safety essentials and encouraged to "
        "speak up.",
    },
    MONEY: {
        FINANCIAL: "Meet the financial plan and deliver recurrent savings of about 4% a year.",
        CUSTOMER: "Savings never lengthen waits or reduce safety: every scheme has a quality "
        "impact assessment.",
        PROCESSES: "Lower the cost of each unit of care by using theatres, clinics and beds well.",
        LEARNING: "Replace agency staff with our own, trained and retained.",
    },
    PEOPLE: {
        FINANCIAL: "Spend on recruitment and retention rather than on temporary staff.",
        CUSTOMER: "Patients are cared for by teams who know them and each other.",
        PROCESSES: "Rosters and job plans match staff to demand, hour by hour.",
        LEARNING: "Staff are well, engaged, appraised and developing their careers here.",
    },
}
