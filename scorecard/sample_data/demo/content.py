"""What the Northshire demo contains: people, units, objectives, measures and narrative.

Plain data, read by scorecard.sample_data.demo to build the rows. Every figure and every
local target is invented; none of it is real trust data.
"""

from collections import namedtuple
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from measures.models import (
    Alignment,
    Direction,
    Frequency,
    RollUp,
    Target,
)
from organisations.models import OrganisationUnit, Role
from scorecard.models import (
    Initiative,
    Scorecard,
    Stakeholder,
    SwotItem,
)

FRAMEWORK_NAME = "Balanced scorecard (Kaplan & Norton)"
TRUST_CODE = "NHT"
MONTHS_OF_DATA = 36
SEED = "northshire-demo"
CHANGE_REASON = "Loaded by the demo (load_demo)"
OBSERVATION_BATCH = 2000
SIX_PLACES = Decimal("0.000001")

FINANCIAL = "Financial"
CUSTOMER = "Customer"
PROCESSES = "Internal business processes"
LEARNING = "Learning and growth"

HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
MONTHLY = Frequency.MONTHLY
QUARTERLY = Frequency.QUARTERLY
ANNUAL = Frequency.ANNUAL


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    last_name: str
    role: str
    unit_code: str
    description: str
    is_superuser: bool = False


ACCOUNTS = (
    DemoAccount(
        "admin",
        "northshire-admin",
        "Alex",
        "Morgan",
        Role.ADMIN,
        "NHT",
        "Trust admin and Django superuser: frameworks, units, users, key targets",
        is_superuser=True,
    ),
    DemoAccount(
        "analyst",
        "northshire-analyst",
        "Priya",
        "Shah",
        Role.ANALYST,
        "NHT",
        "Performance analyst: reads every dashboard in the trust",
    ),
    DemoAccount(
        "surgery.manager",
        "northshire-surgery",
        "Tom",
        "Hughes",
        Role.MANAGER,
        "NHT-SURG",
        "Manager of the Surgery directorate and its departments",
    ),
    DemoAccount(
        "ed.manager",
        "northshire-emergency",
        "Grace",
        "Okafor",
        Role.MANAGER,
        "NHT-UEC-ED",
        "Manager of the Emergency Department",
    ),
)

# (username, password, role description), for printing the demo logins.
DEMO_USERS = [(a.username, a.password, a.description) for a in ACCOUNTS]
USERNAMES = [a.username for a in ACCOUNTS]


# ---------------------------------------------------------------------------
# Objective groups: the trust's objectives, cascaded by the same key
# ---------------------------------------------------------------------------
#
# Each unit has one objective per group whose measures it reports; a
# directorate's or department's objective contributes to the parent unit's
# objective of the same group. Titles are verb + object.


@dataclass(frozen=True)
class Group:
    perspective: str
    trust_title: str
    local_title: str
    theme: str
    lead: str  # whose role owns it below the trust: "ops", "clinical" or "nursing"
    weight: str
    trust_owner: str
    trust_success: str
    local_success: str


ACCESS = "Timely access"
QUALITY = "Safe, high-quality care"
MONEY = "Sustainable finances"
PEOPLE = "A workforce that thrives"

GROUPS = {
    "F1": Group(
        FINANCIAL,
        "Deliver the agreed financial plan",
        "Keep spending within the agreed budget",
        MONEY,
        "ops",
        "1.00",
        "Chief Finance Officer",
        "The trust meets its financial plan for the year with no unplanned deficit, pays "
        "suppliers on time and earns the quality income on offer.",
        "The unit ends each month within its budget, and explains and recovers any overspend "
        "before the year end.",
    ),
    "F2": Group(
        FINANCIAL,
        "Deliver recurrent cost improvements",
        "Deliver our share of the cost improvement programme",
        MONEY,
        "ops",
        "1.00",
        "Chief Finance Officer",
        "Savings of about 4% a year are delivered in full by changes that last, and the cost "
        "of each unit of activity moves towards the peer median.",
        "Each month's planned savings are delivered by changes that last, not by one-off "
        "underspends such as holding posts vacant.",
    ),
    "F3": Group(
        FINANCIAL,
        "Reduce reliance on temporary staffing",
        "Reduce spending on agency staff",
        MONEY,
        "ops",
        "1.00",
        "Chief People Officer",
        "Agency spend falls by at least 30% and bank spend by 10% against 2024/25, because "
        "posts are filled by permanent staff.",
        "Shifts are filled by our own staff or the bank first, and agency use falls month by "
        "month.",
    ),
    "C1": Group(
        CUSTOMER,
        "Reduce waits for planned care",
        "Treat planned-care patients within 18 weeks",
        ACCESS,
        "ops",
        "1.50",
        "Chief Operating Officer",
        "More patients start treatment within 18 weeks each month, nobody waits over a year "
        "and first appointments come sooner.",
        "Patients referred to us are seen and treated in turn and within the standard; nobody "
        "waits over a year.",
    ),
    "C2": Group(
        CUSTOMER,
        "Cut waits in urgent and emergency care",
        "See, treat and admit or discharge within 4 hours",
        ACCESS,
        "ops",
        "1.50",
        "Chief Operating Officer",
        "At least 78% of patients leave A&E within 4 hours now, rising towards 95%, and stays "
        "of over 12 hours become rare.",
        "Patients are assessed quickly and the decision to admit or discharge is made and "
        "acted on within 4 hours.",
    ),
    "C3": Group(
        CUSTOMER,
        "Diagnose and treat cancer sooner",
        "Speed up each step of the cancer pathway",
        ACCESS,
        "clinical",
        "1.50",
        "Chief Operating Officer",
        "Patients with suspected cancer know within 28 days whether they have it, and three "
        "in four start treatment within 62 days of referral.",
        "Every patient on a cancer pathway is tracked weekly and no step waits on us longer "
        "than the pathway allows.",
    ),
    "C4": Group(
        CUSTOMER,
        "Reduce waits for diagnostic tests",
        "Test patients within 6 weeks of referral",
        ACCESS,
        "ops",
        "1.00",
        "Chief Operating Officer",
        "At least 95% of patients have their diagnostic test within 6 weeks, on the way back "
        "to 99%.",
        "Patients referred for a test have it within 6 weeks, with cancer and urgent requests "
        "first.",
    ),
    "C5": Group(
        CUSTOMER,
        "Improve what patients tell us about their care",
        "Listen and respond to patients' feedback",
        QUALITY,
        "nursing",
        "1.00",
        "Chief Nurse",
        "Nineteen in twenty inpatients rate their care as good, and complaints are answered "
        "well and on time.",
        "Feedback is read every week, complaints are answered on time and each one leads to "
        "a change where it should.",
    ),
    "P1": Group(
        PROCESSES,
        "Eliminate never events and avoidable infections",
        "Prevent never events",
        QUALITY,
        "nursing",
        "1.50",
        "Chief Nurse",
        "No never events and no hospital-onset MRSA, and C. difficile stays under the "
        "threshold NHS England sets.",
        "Every procedure follows its safety checklist, every time, and no never event "
        "happens in our service.",
    ),
    "P2": Group(
        PROCESSES,
        "Prevent avoidable harm on our wards",
        "Prevent avoidable harm to patients in our care",
        QUALITY,
        "nursing",
        "1.25",
        "Chief Nurse",
        "Fewer patients fall and are hurt, fewer develop pressure ulcers, and nearly every "
        "adult is assessed for blood clots on admission.",
        "Patients are assessed for risk when they arrive and the agreed precautions are in "
        "place for each of them.",
    ),
    "P3": Group(
        PROCESSES,
        "Reduce avoidable deaths and readmissions",
        "Reduce avoidable readmissions",
        QUALITY,
        "clinical",
        "1.00",
        "Medical Director",
        "Mortality stays within the expected range and fewer patients come back as an "
        "emergency within 30 days.",
        "Patients leave with a clear plan and the support they need, so fewer return as an "
        "emergency.",
    ),
    "P4": Group(
        PROCESSES,
        "Improve patient flow through the hospital",
        "Move patients through our services without delay",
        ACCESS,
        "ops",
        "1.00",
        "Chief Operating Officer",
        "Beds are free when the emergency department needs them: shorter stays, occupancy at "
        "or below 92%, no one waiting for a bed for hours.",
        "Each step of the patient's journey through the service starts as soon as the last "
        "one ends.",
    ),
    "P5": Group(
        PROCESSES,
        "Make the most of theatres and clinics",
        "Use every theatre session and clinic slot well",
        ACCESS,
        "ops",
        "1.00",
        "Chief Operating Officer",
        "Theatres are used for 85% of planned time, more operations are day cases and fewer "
        "clinic slots are wasted.",
        "Lists and clinics start on time and are full, and patients who can go home the same "
        "day do.",
    ),
    "P6": Group(
        PROCESSES,
        "Speed up turnaround in clinical support services",
        "Turn round tests, reports and medicines faster",
        ACCESS,
        "ops",
        "1.00",
        "Chief Operating Officer",
        "Urgent blood results, inpatient scans and discharge medicines are ready when "
        "clinicians need them, so no pathway waits on a test.",
        "Results, reports and medicines are ready within the times agreed with the services "
        "that rely on us.",
    ),
    "L1": Group(
        LEARNING,
        "Keep our staff well and engaged",
        "Support staff to stay well at work",
        PEOPLE,
        "ops",
        "1.00",
        "Chief People Officer",
        "Sickness absence falls towards 4%, fewer staff leave and the staff survey "
        "engagement score reaches the peer median.",
        "Staff are supported back to work after illness, and teams keep the people they have.",
    ),
    "L2": Group(
        LEARNING,
        "Fill vacancies and build skills",
        "Recruit, train and appraise our staff",
        PEOPLE,
        "ops",
        "1.00",
        "Chief People Officer",
        "The vacancy rate falls to 7%, nine in ten staff are up to date with training and "
        "have had an appraisal.",
        "Posts are filled, and every member of staff is trained and has a yearly appraisal "
        "with a development plan.",
    ),
}

THEMES = {
    ACCESS: "Patients are seen, tested and treated within the national standards, in urgent "
    "and planned care alike.",
    QUALITY: "Care is safe, effective and kind: no avoidable harm, outcomes as good as our "
    "peers', and patients who would recommend us.",
    MONEY: "We live within our means, spend less on temporary staff and put each pound where "
    "it helps patients most.",
    PEOPLE: "Enough staff with the right skills, who are well, listened to and choose to stay.",
}
THEME_ORDER = [ACCESS, QUALITY, MONEY, PEOPLE]

# Cause -> effect arrows of the strategy map, by group (learning and growth ->
# internal processes -> customer -> financial).
LINKS = [
    (
        "L2",
        "P6",
        "Filling pathology and imaging posts is what lets reporting keep pace with "
        "demand; vacancies there show up within weeks as slower turnaround.",
    ),
    (
        "L2",
        "P5",
        "Theatre and clinic sessions run only when they are staffed; unfilled "
        "anaesthetic and nursing posts cancel lists.",
    ),
    (
        "L1",
        "P2",
        "Settled, well teams who know their patients spot falls risk and "
        "deterioration earlier than a ward run on temporary staff.",
    ),
    (
        "L2",
        "F3",
        "Every post filled by a permanent member of staff is a shift that no longer "
        "needs an agency worker.",
    ),
    (
        "P6",
        "C4",
        "Faster reporting releases diagnostic capacity and shortens the wait for the test itself.",
    ),
    (
        "P6",
        "C3",
        "Most of the 28 days to a cancer diagnosis is spent waiting for scans, "
        "endoscopy and histology.",
    ),
    (
        "P5",
        "C1",
        "More operations from the same theatre time, and fewer wasted clinic slots, "
        "is the fastest way to shorten planned-care waits.",
    ),
    (
        "P4",
        "C2",
        "When beds are free the emergency department can admit patients promptly "
        "instead of holding them for hours.",
    ),
    (
        "P2",
        "C5",
        "Patients who come to no harm on the ward are the ones who rate their care as good.",
    ),
    (
        "P1",
        "C5",
        "Never events and infections are the worst experiences a patient can have in our care.",
    ),
    (
        "C1",
        "F1",
        "Delivering planned activity earns the elective income the financial plan depends on.",
    ),
    ("P5", "F2", "More activity from the same fixed costs lowers the cost of each case."),
    ("C2", "F3", "Crowded departments open escalation areas that are staffed at premium rates."),
]


# ---------------------------------------------------------------------------
# The unit tree
# ---------------------------------------------------------------------------

# Every department reports these: its budget, complaints and its workforce.
COMMON_CODES = ("IEVAR", "COMPL", "SICK", "VAC", "MAND", "APPR")
# Reported by each directorate for itself (no department reports them).
DIRECTORATE_CODES = ("CIP", "AGENCY", "TURN", "ENGAGE")


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    slug: str
    kind: str
    parent: str | None
    staff: int = 0  # whole-time equivalent staff: scales the workforce figures
    codes: tuple = ()  # measures the department reports beyond COMMON_CODES
    status: str = Scorecard.Status.ACTIVE
    mission: str = ""
    vision: str = ""
    strategy: str = ""
    ops_role: str = ""
    clinical_role: str = ""
    nursing_role: str = ""


Kind = OrganisationUnit.Kind
DRAFT = Scorecard.Status.DRAFT


def _dept(code, name, slug, parent, staff, codes, mission, vision, **extra):
    return UnitSpec(
        code=code,
        name=name,
        slug=slug,
        kind=extra.pop("kind", Kind.DEPARTMENT),
        parent=parent,
        staff=staff,
        codes=tuple(codes),
        mission=mission,
        vision=vision,
        **extra,
    )


UNITS = [
    UnitSpec(
        "NHT",
        "Northshire Hospitals NHS Foundation Trust",
        "northshire-hospitals",
        Kind.TRUST,
        None,
        mission="To give the people of Northshire safe, timely and kind hospital care, and to "
        "help them get home and stay well.",
        vision="By 2030, the hospitals Northshire people would choose and our staff would "
        "recommend: nobody waits longer than the standards allow and nobody comes to avoidable "
        "harm.",
        strategy="Over the next three years we will bring planned and cancer waits back towards "
        "the national standards, take the pressure off the emergency department by improving "
        "flow through our beds, and return to financial balance by spending less on temporary "
        "staff and more on a stable, well-trained workforce. Pathology and imaging sit at the "
        "centre of the plan: most delays start with a test or a report that is late, so their "
        "capacity comes first.",
    ),
    UnitSpec(
        "NHT-SURG",
        "Surgery",
        "surgery",
        Kind.DIRECTORATE,
        "NHT",
        staff=14,
        mission="To operate on the right patients at the right time, safely, and get them home "
        "quickly.",
        vision="A surgical service where no one waits over a year, most operations are day "
        "cases and every theatre session is used.",
        strategy="Recover elective waits by running theatres at 85% utilisation, moving "
        "suitable operations to day surgery and validating the waiting list every month, "
        "while keeping never events at zero.",
    ),
    UnitSpec(
        "NHT-MED",
        "Medicine",
        "medicine",
        Kind.DIRECTORATE,
        "NHT",
        staff=14,
        mission="To care for people with medical and long-term conditions in hospital only as "
        "long as they need to be there.",
        vision="Shorter, safer stays, with patients followed up at home or in clinic rather "
        "than readmitted.",
        strategy="Shorten non-elective stays through same-day discharge planning and virtual "
        "wards, cut diagnostic waits in endoscopy and cardiology, and speed up the cancer "
        "pathway with the oncology team.",
    ),
    UnitSpec(
        "NHT-UEC",
        "Urgent and Emergency Care",
        "urgent-and-emergency-care",
        Kind.DIRECTORATE,
        "NHT",
        staff=10,
        mission="To assess and treat everyone who arrives in an emergency promptly and send "
        "them to the right place next.",
        vision="Four hours as the normal, not the exception: no patient waits 12 hours in the "
        "department.",
        strategy="Stream patients at the front door to the urgent treatment centre, same-day "
        "emergency care or ED, release ambulances within 30 minutes, and work with the wards "
        "so that admitted patients leave the department within an hour of the decision.",
    ),
    UnitSpec(
        "NHT-CSS",
        "Clinical Support Services",
        "clinical-support-services",
        Kind.DIRECTORATE,
        "NHT",
        staff=12,
        mission="To give every clinical team the tests, reports and medicines it needs, when "
        "it needs them.",
        vision="Diagnostics that never hold a pathway up.",
        strategy="Fill the pathology and imaging vacancies, automate routine laboratory work, "
        "extend reporting hours and use the community diagnostic centre for routine scans, so "
        "that urgent and cancer work is never queued behind it.",
    ),
    UnitSpec(
        "NHT-WAC",
        "Women's and Children's",
        "womens-and-childrens",
        Kind.DIRECTORATE,
        "NHT",
        staff=10,
        mission="To give women, babies, children and families safe, personal care at every stage.",
        vision="A maternity and children's service families recommend and staff are proud of.",
        strategy="Keep maternity safe with full midwifery staffing and continuity of care, "
        "bring gynaecology waits back within 18 weeks, and see children in clinic closer to "
        "home.",
    ),
    # Surgery
    _dept(
        "NHT-SURG-GEN",
        "General Surgery",
        "general-surgery",
        "NHT-SURG",
        185,
        ["RTT18", "RTT52", "RTT1ST", "CA62", "CAFDS", "DAYCASE", "DNA", "VTE"],
        "To diagnose and treat conditions of the abdomen and bowel quickly and safely.",
        "Colorectal cancer diagnosed within 28 days; most gallbladder and hernia operations as "
        "day cases.",
        strategy="Straight-to-test for suspected colorectal cancer, a dedicated day-case list "
        "for hernias and gallbladders, and weekly validation of the waiting list.",
    ),
    _dept(
        "NHT-SURG-TO",
        "Trauma and Orthopaedics",
        "trauma-and-orthopaedics",
        "NHT-SURG",
        165,
        ["RTT18", "RTT52", "RTT1ST", "DAYCASE", "DNA", "VTE", "FALLS", "FFTIP"],
        "To mend broken bones and restore joints so people can walk and work again.",
        "No one waits over a year for a hip or knee replacement.",
        strategy="Protect elective orthopaedic beds from emergency pressures, and run joint "
        "school so patients are fit for surgery and go home sooner.",
    ),
    _dept(
        "NHT-SURG-OPH",
        "Ophthalmology",
        "ophthalmology",
        "NHT-SURG",
        90,
        ["RTT18", "RTT52", "RTT1ST", "DAYCASE", "DNA", "OPH-FU"],
        "To protect and restore sight.",
        "No patient loses sight while waiting for a follow-up appointment.",
        status=DRAFT,
    ),
    _dept(
        "NHT-SURG-ENT",
        "Ear, Nose and Throat",
        "ear-nose-and-throat",
        "NHT-SURG",
        70,
        ["RTT18", "RTT52", "RTT1ST", "DAYCASE", "DNA"],
        "To treat conditions of the ear, nose and throat close to home.",
        "Children's ENT operations within 18 weeks of referral.",
        strategy="Use advice and guidance with GPs to keep clinic slots for patients who need "
        "them.",
    ),
    _dept(
        "NHT-SURG-THEA",
        "Theatres and Anaesthetics",
        "theatres-and-anaesthetics",
        "NHT-SURG",
        230,
        ["THEATRE", "NEVER", "THEA-OTDC"],
        "To run safe, punctual operating lists for every surgical specialty.",
        "Every session starts on time, finishes on time and is full.",
        strategy="Six-four-two scheduling, a pre-operative assessment service that clears "
        "patients weeks ahead, and the safety checklist audited on every list.",
    ),
    # Medicine
    _dept(
        "NHT-MED-CARD",
        "Cardiology",
        "cardiology",
        "NHT-MED",
        150,
        ["RTT18", "RTT52", "RTT1ST", "DM01", "DNA", "READM"],
        "To diagnose and treat heart disease promptly.",
        "Echocardiograms within 6 weeks and heart failure patients supported at home.",
        strategy="Extra echo sessions at the community diagnostic centre and a heart failure "
        "nurse follow-up within a week of discharge.",
    ),
    _dept(
        "NHT-MED-GAST",
        "Gastroenterology and Endoscopy",
        "gastroenterology",
        "NHT-MED",
        130,
        ["RTT18", "RTT52", "RTT1ST", "DM01", "CAFDS", "DNA"],
        "To investigate and treat diseases of the gut and liver without delay.",
        "Endoscopy within 6 weeks for everyone, within 2 weeks for suspected cancer.",
        strategy="Recover the endoscopy backlog with weekend lists and nurse endoscopists, "
        "and use FIT testing to direct colonoscopy to those who need it.",
    ),
    _dept(
        "NHT-MED-RESP",
        "Respiratory Medicine",
        "respiratory-medicine",
        "NHT-MED",
        140,
        ["RTT18", "RTT1ST", "READM", "LOSNEL", "FALLS", "PU", "FFTIP"],
        "To care for people with lung disease in hospital and help them manage it at home.",
        "Fewer winter admissions for COPD, and shorter stays for those admitted.",
        status=DRAFT,
    ),
    _dept(
        "NHT-MED-ELD",
        "Elderly Care",
        "elderly-care",
        "NHT-MED",
        260,
        ["LOSNEL", "FALLS", "PU", "FFTIP", "READM"],
        "To care for frail older people with dignity and help them home as soon as they are "
        "ready.",
        "Home first: no older person stays in hospital a day longer than they need.",
        strategy="Frailty assessment at the front door, discharge planning from the day of "
        "admission, and a falls and pressure-ulcer prevention bundle on every ward.",
    ),
    _dept(
        "NHT-MED-ONC",
        "Oncology",
        "oncology",
        "NHT-MED",
        120,
        ["CA62", "CAFDS", "CA31", "FFTIP", "DNA"],
        "To treat people with cancer promptly and support them and their families.",
        "Treatment starts within 31 days of the decision for every patient.",
        strategy="Track every patient weekly, book chemotherapy capacity ahead of demand and "
        "run joint clinics with the surgical teams.",
    ),
    # Urgent and Emergency Care
    _dept(
        "NHT-UEC-ED",
        "Emergency Department",
        "emergency-department",
        "NHT-UEC",
        240,
        ["AE4H", "ED12H", "ED-AMB"],
        "To assess, treat and stabilise everyone who comes to us in an emergency.",
        "Every patient has a decision within 4 hours, and none waits 12 hours in the department.",
        strategy="Rapid assessment and treatment at the front door, streaming to the urgent "
        "treatment centre and same-day emergency care, and an agreed timetable for "
        "specialty reviews.",
    ),
    _dept(
        "NHT-UEC-UTC",
        "Urgent Treatment Centre",
        "urgent-treatment-centre",
        "NHT-UEC",
        60,
        ["AE4H", "UTC-TRIAGE"],
        "To treat minor injuries and illnesses quickly, without a trip through the emergency "
        "department.",
        "Seen, treated and home within 2 hours.",
        status=DRAFT,
    ),
    _dept(
        "NHT-UEC-AMU",
        "Acute Medical Unit",
        "acute-medical-unit",
        "NHT-UEC",
        170,
        ["LOSNEL", "READM", "VTE", "FALLS", "PU", "FFTIP"],
        "To assess acutely unwell medical patients and decide their care within 24 hours.",
        "Most patients home within two days; the rest on the right ward within 24 hours.",
        strategy="Consultant review within 14 hours for every patient, board rounds twice a "
        "day and same-day emergency care for patients who do not need a bed.",
    ),
    # Clinical Support Services
    _dept(
        "NHT-CSS-PATH",
        "Pathology",
        "pathology",
        "NHT-CSS",
        200,
        ["PATHTAT", "PATH-HIST"],
        "To give clinicians accurate laboratory results fast enough to act on.",
        "Urgent results within the hour and histology within a week, every day of the year.",
        kind=Kind.SERVICE,
        strategy="Fill biomedical scientist vacancies through a training programme, automate "
        "the blood sciences track and digitise histology so pathologists can report from "
        "any site.",
        nursing_role="Quality manager",
    ),
    _dept(
        "NHT-CSS-IMG",
        "Imaging",
        "imaging",
        "NHT-CSS",
        180,
        ["IMGTAT", "DM01"],
        "To provide the scans and reports that diagnosis and treatment depend on.",
        "Every inpatient scan reported within 24 hours and every outpatient scan within 6 "
        "weeks of referral.",
        kind=Kind.SERVICE,
        strategy="Move routine outpatient scanning to the community diagnostic centre, extend "
        "CT and MRI hours into evenings and weekends, and outsource overnight reporting.",
        nursing_role="Radiology services manager",
    ),
    _dept(
        "NHT-CSS-PHARM",
        "Pharmacy",
        "pharmacy",
        "NHT-CSS",
        110,
        ["PHARM-TTO"],
        "To supply medicines safely and advise on their best use.",
        "No patient waits on the ward for their medicines to go home.",
        status=DRAFT,
        nursing_role="Lead pharmacist",
    ),
    # Women's and Children's
    _dept(
        "NHT-WAC-MAT",
        "Maternity",
        "maternity",
        "NHT-WAC",
        280,
        ["VTE", "FFTIP", "NEVER", "MAT-BOOK"],
        "To give every woman and baby safe, personal care before, during and after birth.",
        "A maternity service every family would recommend, with continuity of carer for all "
        "who want it.",
        strategy="Book every woman by 10 weeks, keep midwife staffing at establishment and "
        "learn from every incident with the families involved.",
        nursing_role="Head of midwifery",
    ),
    _dept(
        "NHT-WAC-PAED",
        "Paediatrics",
        "paediatrics",
        "NHT-WAC",
        190,
        ["RTT18", "RTT1ST", "DNA", "FFTIP"],
        "To care for children and young people and keep them out of hospital where we can.",
        "Children seen in clinic near home within 18 weeks.",
        status=DRAFT,
    ),
    _dept(
        "NHT-WAC-GYN",
        "Gynaecology",
        "gynaecology",
        "NHT-WAC",
        90,
        ["RTT18", "RTT52", "RTT1ST", "CA62", "DAYCASE", "DNA"],
        "To treat gynaecological conditions promptly and with respect.",
        "Waits for gynaecology surgery back within 18 weeks.",
        status=DRAFT,
    ),
]
SPECS = {spec.code: spec for spec in UNITS}
CHILDREN = {spec.code: [] for spec in UNITS}
for _spec in UNITS:
    if _spec.parent:
        CHILDREN[_spec.parent].append(_spec.code)

# Who relies on whom: (unit, provider, note).
DEPENDENCIES = [
    (
        "NHT-SURG-GEN",
        "NHT-CSS-PATH",
        "Blood tests before surgery and histology of every "
        "resected specimen; histology delays hold up cancer treatment decisions.",
    ),
    ("NHT-SURG-GEN", "NHT-CSS-IMG", "CT for acute abdomen and colorectal cancer staging."),
    (
        "NHT-SURG-TO",
        "NHT-CSS-PATH",
        "Pre-operative bloods and group and save for joint replacements.",
    ),
    (
        "NHT-SURG-TO",
        "NHT-CSS-IMG",
        "X-ray and CT for every fracture; MRI for soft tissue injuries.",
    ),
    ("NHT-SURG-ENT", "NHT-CSS-PATH", "Histology for head and neck cancer biopsies."),
    ("NHT-SURG-ENT", "NHT-CSS-IMG", "CT and MRI for head and neck cancer staging."),
    ("NHT-SURG-OPH", "NHT-CSS-PATH", "Blood tests for inflammatory eye disease clinics."),
    ("NHT-SURG-THEA", "NHT-CSS-PATH", "Blood transfusion and cross-matching for theatre lists."),
    (
        "NHT-MED-CARD",
        "NHT-CSS-PATH",
        "Troponin results decide whether chest pain patients are admitted.",
    ),
    ("NHT-MED-CARD", "NHT-CSS-IMG", "Cardiac CT and MRI, and chest X-ray for heart failure."),
    (
        "NHT-MED-GAST",
        "NHT-CSS-PATH",
        "Histology of endoscopy biopsies for the 28-day cancer diagnosis.",
    ),
    ("NHT-MED-GAST", "NHT-CSS-IMG", "CT colonography and liver ultrasound."),
    ("NHT-MED-RESP", "NHT-CSS-PATH", "Blood gases and microbiology for pneumonia and COPD."),
    ("NHT-MED-RESP", "NHT-CSS-IMG", "Chest X-ray and CT for suspected lung cancer."),
    ("NHT-MED-ELD", "NHT-CSS-PATH", "Daily blood tests for frail inpatients."),
    ("NHT-MED-ELD", "NHT-CSS-IMG", "CT head after falls; delays keep patients in bed."),
    (
        "NHT-MED-ELD",
        "NHT-CSS-PHARM",
        "Discharge medicines; a late prescription means a later discharge.",
    ),
    ("NHT-MED-ONC", "NHT-CSS-PATH", "Blood counts before every chemotherapy cycle."),
    ("NHT-MED-ONC", "NHT-CSS-IMG", "Staging and response scans that decide treatment."),
    ("NHT-MED-ONC", "NHT-CSS-PHARM", "The aseptic unit prepares every chemotherapy dose."),
    (
        "NHT-UEC-ED",
        "NHT-CSS-PATH",
        "Urgent bloods within the hour decide who is admitted and who goes home.",
    ),
    ("NHT-UEC-ED", "NHT-CSS-IMG", "CT for stroke, trauma and head injury around the clock."),
    ("NHT-UEC-AMU", "NHT-CSS-PATH", "Urgent bloods for every admission."),
    (
        "NHT-UEC-AMU",
        "NHT-CSS-IMG",
        "Same-day scans that let patients go home without an overnight stay.",
    ),
    ("NHT-UEC-UTC", "NHT-CSS-IMG", "X-ray for minor injuries."),
    (
        "NHT-WAC-MAT",
        "NHT-CSS-PATH",
        "Antenatal screening and blood transfusion for obstetric haemorrhage.",
    ),
    ("NHT-WAC-MAT", "NHT-CSS-IMG", "Obstetric ultrasound scans."),
    ("NHT-WAC-GYN", "NHT-CSS-PATH", "Cervical and endometrial histology for the cancer pathway."),
    ("NHT-WAC-GYN", "NHT-CSS-IMG", "Pelvic ultrasound and MRI."),
    ("NHT-WAC-PAED", "NHT-CSS-PATH", "Paediatric blood tests, often by micro-sample."),
]


# ---------------------------------------------------------------------------
# Measures: the performance measure sheets, targets and how figures are drawn
# ---------------------------------------------------------------------------

NATIONAL_FROM = date(2015, 4, 1)
LOCAL_FROM = date(2023, 4, 1)
INTERIM_FROM = date(2025, 4, 1)

TargetSpec = namedtuple("TargetSpec", "effective_from value tolerance trigger source rationale")


def national(value, tolerance, trigger, rationale, effective_from=NATIONAL_FROM):
    return TargetSpec(effective_from, value, tolerance, trigger, Target.Source.NATIONAL, rationale)


def interim(value, tolerance, trigger, rationale, effective_from=INTERIM_FROM):
    return TargetSpec(effective_from, value, tolerance, trigger, Target.Source.INTERIM, rationale)


def local(value, tolerance, trigger, rationale, effective_from=LOCAL_FROM):
    return TargetSpec(
        effective_from,
        value,
        tolerance,
        trigger,
        Target.Source.LOCAL,
        f"Illustrative local target: {rationale}",
    )


@dataclass(frozen=True)
class Kpi:
    code: str
    group: str
    title: str
    unit: str
    direction: str
    decimals: int
    rollup: str
    purpose: str
    relates: str
    formula: str
    who_measures: str
    data_source: str
    owner: str
    who_acts: str
    action: str
    notes: str
    targets: tuple
    gen: dict
    multiplier: int = 100
    numerator_label: str = ""
    denominator_label: str = ""
    frequency: str = MONTHLY
    review_frequency: str = MONTHLY
    zero_tolerance: bool = False
    may_exceed_100: bool = False
    on_trust: bool = True  # False for a department's own local measure


def _ratio(num, den, multiplier=100, **kwargs):
    return {
        "rollup": RollUp.RATIO,
        "numerator_label": num,
        "denominator_label": den,
        "multiplier": multiplier,
        **kwargs,
    }


KPIS = [
    # ----- Customer -------------------------------------------------------
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
        ),
        gen={"model": "ratio", "p": 62, "sd": 0.8, "den_cv": 0.02, "season": -0.6, "hi": 99},
        **_ratio("Incomplete pathways under 18 weeks", "All incomplete pathways"),
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
        **_ratio("Incomplete pathways over 52 weeks", "All incomplete pathways"),
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
        **_ratio(
            "First appointments waiting under 18 weeks", "All waiting for a first appointment"
        ),
    ),
    Kpi(
        code="AE4H",
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
        **_ratio("Attendances within 4 hours", "All attendances"),
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
        **_ratio("Attendances over 12 hours", "All ED attendances"),
    ),
    Kpi(
        code="CA62",
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
        **_ratio("Treated within 62 days", "All treated after an urgent referral"),
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
        **_ratio("Told within 28 days", "All told in the month"),
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
        **_ratio("Treated within 31 days", "All starting treatment"),
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
        **_ratio("Waiting under 6 weeks", "All waiting for a test"),
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
        **_ratio("Positive responses", "All responses"),
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
        **_ratio("Answered on time", "Responses due"),
    ),
    # ----- Internal business processes ------------------------------------
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
        **_ratio("Observed deaths", "Expected deaths", multiplier=1),
    ),
    Kpi(
        code="MRSA",
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
            ),
        ),
        gen={"model": "count", "mean": 4.3, "season": 0.6},
    ),
    Kpi(
        code="NEVER",
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
        **_ratio("Falls with moderate or greater harm", "Occupied bed days", multiplier=1000),
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
        **_ratio("New pressure ulcers (category 2+)", "Occupied bed days", multiplier=1000),
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
        **_ratio("Assessed on admission", "Adult admissions"),
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
        **_ratio("Readmitted within 30 days", "Discharges"),
    ),
    Kpi(
        code="LOSNEL",
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
        **_ratio("Bed days", "Spells", multiplier=1),
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
        **_ratio("Occupied bed days", "Available bed days"),
    ),
    Kpi(
        code="THEATRE",
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
        **_ratio("Capped touch time (hours)", "Planned session time (hours)"),
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
        **_ratio("Day cases", "BADS procedures"),
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
        **_ratio("Missed appointments", "Booked appointments"),
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
        **_ratio("Reported within 1 hour", "Urgent ED samples"),
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
        **_ratio("Reported within 24 hours", "Inpatient examinations"),
    ),
    # ----- Financial ------------------------------------------------------
    Kpi(
        code="IEVAR",
        group="F1",
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
        **_ratio("Savings delivered (£000)", "Savings planned (£000)"),
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
        **_ratio("Agency pay costs (£000)", "Total pay costs (£000)"),
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
        **_ratio("Total cost (£)", "Weighted activity units", multiplier=1),
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
        **_ratio("Paid within 30 days (£000)", "All invoices paid (£000)"),
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
        **_ratio("Income secured (£000)", "Income available (£000)"),
    ),
    # ----- Learning and growth --------------------------------------------
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
        **_ratio("FTE days lost", "FTE days available"),
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
        **_ratio("Leavers in 12 months (FTE)", "Average staff in post (FTE)"),
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
        **_ratio("Vacant posts (FTE)", "Funded establishment (FTE)"),
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
        **_ratio("Appraised in 12 months", "Eligible staff"),
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
        **_ratio("Staff fully up to date", "Staff required"),
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
    # ----- Departments' own local measures --------------------------------
    Kpi(
        code="OPH-FU",
        group="C1",
        title="Glaucoma follow-up appointments held by their due date",
        unit="%",
        direction=HIGHER,
        decimals=1,
        on_trust=False,
        purpose="Glaucoma patients whose follow-up is late can lose sight for good; this "
        "protects them while new-patient waits are being cut.",
        relates="Royal College of Ophthalmologists guidance on follow-up delays; balances key "
        "target RTT18, which counts new patients only.",
        formula="Glaucoma follow-up appointments held by the date the clinician set ÷ all "
        "glaucoma follow-ups due in the month × 100.",
        who_measures="Ophthalmology service manager",
        data_source="Patient administration system (outpatient follow-up list)",
        owner="Clinical lead for Ophthalmology",
        who_acts="Ophthalmology consultants and the booking team",
        action="Below the trigger: clinicians risk-stratify the overdue list and book the "
        "highest risk first. On target: keep weekly review.",
        notes="Entered after the month's clinics are reconciled, so the latest month often "
        "arrives late.",
        targets=(local(95, 5, 85, "no glaucoma patient seen later than clinically set."),),
        gen={"model": "ratio", "p": 79, "sd": 1.8, "den": 900, "den_cv": 0.05, "hi": 100},
        **_ratio("Held by due date", "Follow-ups due"),
    ),
    Kpi(
        code="THEA-OTDC",
        group="P5",
        title="Operations cancelled on the day for non-clinical reasons",
        unit="% of operations",
        direction=LOWER,
        decimals=1,
        on_trust=False,
        purpose="A cancellation on the day wastes theatre time and distresses a patient who "
        "has prepared for surgery.",
        relates="NHS Constitution: a new date within 28 days after a cancellation on the day; "
        "supports key target RTT18.",
        formula="Elective operations cancelled on the day for non-clinical reasons ÷ elective "
        "operations planned × 100.",
        who_measures="Theatre management team",
        data_source="Theatre management system",
        owner="Clinical director for Theatres and Anaesthetics",
        who_acts="Theatre managers and surgical specialties",
        action="Above the trigger: review each cancellation at the weekly theatre meeting. "
        "Below: keep the 6-4-2 scheduling meeting.",
        notes="Bed shortages are the commonest cause.",
        targets=(local(1, 0.2, 1.5, "1% or fewer operations cancelled on the day."),),
        gen={
            "model": "ratio",
            "p": 1.2,
            "sd": 0,
            "den": 1350,
            "den_cv": 0.05,
            "counts": "poisson",
        },
        **_ratio("Cancelled on the day", "Operations planned"),
    ),
    Kpi(
        code="ED-AMB",
        group="P4",
        title="Ambulance handovers completed within 30 minutes",
        unit="%",
        direction=HIGHER,
        decimals=1,
        on_trust=False,
        purpose="Ambulances held at the door cannot answer the next 999 call.",
        relates="National ambition that no handover takes over 45 minutes; supports key target "
        "AE4H.",
        formula="Ambulance arrivals handed over within 30 minutes ÷ all ambulance arrivals × 100.",
        who_measures="ED operational lead",
        data_source="Ambulance service handover system",
        owner="Service manager for the Emergency Department",
        who_acts="ED nurse in charge and the site team",
        action="Below the trigger: open the ambulance handover area and escalate to the site "
        "team. On target: keep the rapid-handover nurse.",
        notes="Measured from arrival to handover on the ambulance service's system.",
        targets=(local(95, 5, 85, "handover within 30 minutes for nearly every ambulance."),),
        gen={
            "model": "ratio",
            "p": 86,
            "sd": 1.5,
            "den": 2100,
            "den_cv": 0.05,
            "season": -2.5,
            "hi": 100,
        },
        **_ratio("Handed over within 30 minutes", "Ambulance arrivals"),
    ),
    Kpi(
        code="UTC-TRIAGE",
        group="P4",
        title="Urgent treatment centre patients assessed within 15 minutes of arrival",
        unit="%",
        direction=HIGHER,
        decimals=1,
        on_trust=False,
        purpose="A quick first assessment spots the few patients who need the emergency "
        "department and starts treatment for the rest.",
        relates="Urgent treatment centre standards; supports key target AE4H.",
        formula="Patients assessed by a clinician within 15 minutes of arrival ÷ all arrivals "
        "× 100.",
        who_measures="UTC nurse lead",
        data_source="Emergency department information system",
        owner="Service manager for the Urgent Treatment Centre",
        who_acts="UTC nurse in charge",
        action="Below 80%: move a nurse from treatment to streaming at busy times. Above: keep "
        "the rota.",
        notes="Draft measure: no target agreed yet while the scorecard is being built.",
        targets=(),
        gen={"model": "ratio", "p": 90, "sd": 1.3, "den": 3400, "den_cv": 0.05, "hi": 100},
        **_ratio("Assessed within 15 minutes", "Arrivals"),
    ),
    Kpi(
        code="PATH-HIST",
        group="P6",
        title="Histology cases reported within 7 days",
        unit="%",
        direction=HIGHER,
        decimals=1,
        on_trust=False,
        purpose="Histology confirms most cancer diagnoses; slow reporting uses up the 28 days "
        "of the Faster Diagnosis Standard.",
        relates="Royal College of Pathologists turnaround guidance; supports key target CA62.",
        formula="Histology cases reported within 7 days of receipt ÷ all cases received in "
        "the month × 100.",
        who_measures="Cellular pathology manager",
        data_source="Laboratory information management system",
        owner="Clinical lead for Pathology",
        who_acts="Consultant histopathologists and the cellular pathology manager",
        action="Below the trigger: send routine cases to the outsourced provider and "
        "prioritise cancer pathway cases. On target: bring outsourced work back.",
        notes="A month is complete only once every case received in it is reported, so the "
        "latest month is missing.",
        targets=(local(80, 5, 70, "four in five cases within 7 days."),),
        gen={"model": "ratio", "p": 76, "sd": 1.5, "den": 1600, "den_cv": 0.05, "hi": 100},
        **_ratio("Reported within 7 days", "Cases received"),
    ),
    Kpi(
        code="PHARM-TTO",
        group="P6",
        title="Discharge medicines ready within 2 hours of the prescription",
        unit="%",
        direction=HIGHER,
        decimals=1,
        on_trust=False,
        purpose="Patients ready to go home often wait for their medicines; each hour holds a bed.",
        relates="Trust discharge programme; supports key target AE4H through flow.",
        formula="Discharge prescriptions dispensed within 2 hours of reaching the pharmacy ÷ "
        "all discharge prescriptions × 100.",
        who_measures="Pharmacy operations manager",
        data_source="Pharmacy stock control and dispensing system",
        owner="Chief Pharmacist",
        who_acts="Dispensary team leaders and ward pharmacists",
        action="Below the trigger: move a ward pharmacist to the dispensary at peak times. "
        "On target: keep ward-based dispensing.",
        notes="Excludes prescriptions received after 6pm.",
        targets=(local(85, 5, 75, "most patients leave within 2 hours of the decision."),),
        gen={"model": "ratio", "p": 80, "sd": 1.5, "den": 1900, "den_cv": 0.05, "hi": 100},
        **_ratio("Ready within 2 hours", "Discharge prescriptions"),
    ),
    Kpi(
        code="MAT-BOOK",
        group="P2",
        title="Women booked for antenatal care by 10 weeks of pregnancy",
        unit="%",
        direction=HIGHER,
        decimals=1,
        on_trust=False,
        purpose="Early booking lets screening happen on time and risks to mother and baby be "
        "found early.",
        relates="NICE guideline NG201 (antenatal care); the NHS antenatal screening programme.",
        formula="Women booked by 10 weeks + 0 days of pregnancy ÷ all women booked in the "
        "month × 100.",
        who_measures="Maternity information lead",
        data_source="Maternity information system",
        owner="Head of midwifery",
        who_acts="Community midwifery team leaders",
        action="Below the trigger: check self-referral routes and GP referral delays with "
        "primary care. On target: keep self-referral promoted.",
        notes="Women who move into the area later in pregnancy are excluded.",
        targets=(local(90, 3, 85, "nine in ten women booked by 10 weeks."),),
        gen={"model": "ratio", "p": 88, "sd": 1.5, "den": 330, "den_cv": 0.06, "hi": 100},
        **_ratio("Booked by 10 weeks", "Women booked"),
    ),
]
KPI = {kpi.code: kpi for kpi in KPIS}
TRUST_KPI_CODES = [kpi.code for kpi in KPIS if kpi.on_trust]


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
        22: (
            1,
            "Wrong-site nerve block; investigated under PSIRF, "
            "stop-before-you-block checks re-audited.",
        )
    },
    ("NHT-WAC-MAT", "NEVER"): {
        7: (1, "Retained swab after perineal repair; swab count procedure revised.")
    },
    ("NHT", "MRSA"): {
        15: (
            1,
            "Line-related MRSA bacteraemia on the acute medical unit; "
            "post-infection review completed.",
        )
    },
}

# Measures whose latest period has not been reported yet (lagged data).
MISSING_LATEST = {"SHMI", "COMPL", "OPH-FU", "PATH-HIST"}

# Targets that differ by unit or level: (unit code or level, measure code).
TARGET_OVERRIDES = {
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
# ---------------------------------------------------------------------------
# Stage 1, 2 and 8 narrative
# ---------------------------------------------------------------------------

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

SWOT = {
    "NHT": {
        SwotItem.Kind.STRENGTH: [
            "Strong clinical teams with a record of safe care: rated good by the CQC.",
            "A new community diagnostic centre opened in 2024 with CT, MRI and endoscopy.",
            "Good relationships with the integrated care board and county council.",
        ],
        SwotItem.Kind.WEAKNESS: [
            "Vacancies in pathology and imaging slow every pathway that depends on them.",
            "Bed occupancy above 92% most of the year leaves no room for surges.",
            "High spending on agency staff in urgent care and medicine.",
        ],
        SwotItem.Kind.OPPORTUNITY: [
            "Elective hub funding to ring-fence beds and theatres for planned surgery.",
            "Virtual wards and discharge to assess with the county council.",
            "A regional pathology network to share specialist reporting.",
        ],
        SwotItem.Kind.THREAT: [
            "Rising emergency demand from an ageing population.",
            "An efficiency requirement of about 4% while demand grows.",
            "Competition for radiographers and biomedical scientists with neighbouring trusts "
            "and private providers.",
        ],
    },
    "NHT-SURG": {
        SwotItem.Kind.STRENGTH: [
            "Low complication rates and no never events in general surgery for two years.",
            "An experienced day surgery unit.",
        ],
        SwotItem.Kind.WEAKNESS: [
            "Orthopaedic beds lost to emergency medical patients every winter.",
            "Anaesthetic vacancies cancel lists at short notice.",
        ],
        SwotItem.Kind.OPPORTUNITY: ["An elective hub with protected beds from next year."],
        SwotItem.Kind.THREAT: ["Independent sector providers choosing the simplest cases."],
    },
    "NHT-MED": {
        SwotItem.Kind.STRENGTH: [
            "A strong frailty team and an established heart failure nurse service."
        ],
        SwotItem.Kind.WEAKNESS: [
            "Endoscopy capacity short of demand; long waits for surveillance colonoscopy."
        ],
        SwotItem.Kind.OPPORTUNITY: ["Virtual wards for respiratory and heart failure patients."],
        SwotItem.Kind.THREAT: [
            "Delays in social care packages keep medically fit patients in hospital."
        ],
    },
    "NHT-UEC": {
        SwotItem.Kind.STRENGTH: [
            "A committed emergency department team and a new same-day emergency care unit."
        ],
        SwotItem.Kind.WEAKNESS: ["High sickness and agency use among ED nurses."],
        SwotItem.Kind.OPPORTUNITY: ["Streaming to the urgent treatment centre at the front door."],
        SwotItem.Kind.THREAT: ["Winter surges and exit block from full wards."],
    },
    "NHT-CSS": {
        SwotItem.Kind.STRENGTH: ["Accredited laboratories and a modern CT fleet."],
        SwotItem.Kind.WEAKNESS: [
            "Biomedical scientist and radiographer vacancies above 10%.",
            "Posts held vacant to meet savings targets, which lengthens turnaround.",
        ],
        SwotItem.Kind.OPPORTUNITY: ["Digital pathology and a regional reporting network."],
        SwotItem.Kind.THREAT: ["Demand for imaging growing by about 8% a year."],
    },
    "NHT-WAC": {
        SwotItem.Kind.STRENGTH: ["Good maternity feedback and low stillbirth rates."],
        SwotItem.Kind.WEAKNESS: ["Midwife vacancies on the labour ward."],
        SwotItem.Kind.OPPORTUNITY: ["Children's outpatient clinics in community hubs."],
        SwotItem.Kind.THREAT: [
            "National scrutiny of maternity services after inquiries elsewhere."
        ],
    },
    "NHT-UEC-ED": {
        SwotItem.Kind.STRENGTH: ["Senior decision makers at the front door from 8am to midnight."],
        SwotItem.Kind.WEAKNESS: ["Cubicles full of patients waiting for a bed."],
        SwotItem.Kind.OPPORTUNITY: [
            "Direct referral from ambulance crews to same-day emergency care."
        ],
        SwotItem.Kind.THREAT: ["Staff burnout after successive hard winters."],
    },
    "NHT-CSS-PATH": {
        SwotItem.Kind.STRENGTH: ["UKAS-accredited laboratories."],
        SwotItem.Kind.WEAKNESS: ["Night shifts run short of biomedical scientists."],
        SwotItem.Kind.OPPORTUNITY: ["Automation of the blood sciences track."],
        SwotItem.Kind.THREAT: ["Savings targets met by holding posts vacant."],
    },
    "NHT-CSS-IMG": {
        SwotItem.Kind.STRENGTH: ["New CT and MRI scanners at the community diagnostic centre."],
        SwotItem.Kind.WEAKNESS: ["Reporting capacity lags behind scanning capacity."],
        SwotItem.Kind.OPPORTUNITY: ["Radiographer reporting of plain films."],
        SwotItem.Kind.THREAT: ["Outsourced reporting costs rising."],
    },
}

Category = Stakeholder.Category
HIGH, LOW = Stakeholder.Level.HIGH, Stakeholder.Level.LOW
STAKEHOLDERS = {
    "NHT": [
        (
            "Northshire Integrated Care Board",
            "Commissioner of most of our services",
            Category.COMMISSIONERS,
            HIGH,
            HIGH,
            "Monthly contract and performance meetings; agree recovery trajectories together.",
        ),
        (
            "NHS England (regional team)",
            "Oversight and regulation",
            Category.COMMISSIONERS,
            HIGH,
            LOW,
            "Quarterly oversight meetings; share the scorecard before they ask.",
        ),
        (
            "Care Quality Commission",
            "Regulator of quality and safety",
            Category.COMMENTATORS,
            HIGH,
            LOW,
            "Relationship meetings each quarter; keep evidence of improvement to hand.",
        ),
        (
            "Patients and carers",
            "The people we care for",
            Category.CUSTOMERS,
            LOW,
            HIGH,
            "Patient panels, FFT comments and complaints read by the board every month.",
        ),
        (
            "Healthwatch Northshire",
            "Independent voice of local people",
            Category.COMMENTATORS,
            LOW,
            HIGH,
            "Invite to the patient experience group; share the quality account draft.",
        ),
        (
            "Staff and staff-side unions",
            "The people who deliver care",
            Category.CONTRIBUTORS,
            HIGH,
            HIGH,
            "Joint partnership forum, staff survey action plans and listening events.",
        ),
        (
            "Northshire County Council adult social care",
            "Partner for hospital discharge",
            Category.COLLABORATORS,
            HIGH,
            HIGH,
            "Weekly joint discharge meeting; shared flow dashboard.",
        ),
        (
            "Northshire Ambulance Service",
            "Partner in urgent care",
            Category.COLLABORATORS,
            HIGH,
            HIGH,
            "Daily handover calls; joint action plan on handover delays.",
        ),
        (
            "GP practices and primary care networks",
            "Referrers and partners in care",
            Category.CHANNELS,
            LOW,
            HIGH,
            "Advice and guidance, a GP bulletin and a named liaison for each network.",
        ),
        (
            "Independent sector providers",
            "Providers of some planned surgery",
            Category.COMPETITORS,
            LOW,
            LOW,
            "Watch referral shares; agree subcontracts where they shorten waits.",
        ),
        (
            "Northshire Hospitals Charity",
            "Funds extras for patients and staff",
            Category.CHAMPIONS,
            LOW,
            LOW,
            "Share the trust's priorities so appeals support them.",
        ),
        (
            "Local authority public health team",
            "Uses our data for population health",
            Category.CONSUMERS,
            LOW,
            LOW,
            "Quarterly data sharing on admissions and outcomes.",
        ),
    ],
    "NHT-SURG": [
        (
            "Trust executive team",
            "Holds the directorate to account",
            Category.COMMISSIONERS,
            HIGH,
            HIGH,
            "Monthly performance review; quarterly strategy review.",
        ),
        (
            "Patients on the surgical waiting list",
            "Waiting for operations",
            Category.CUSTOMERS,
            LOW,
            HIGH,
            "Letters with expected waits and a named contact for each specialty.",
        ),
        (
            "Theatre staff",
            "Run every list",
            Category.CONTRIBUTORS,
            HIGH,
            HIGH,
            "Theatre user group each month; involve them in scheduling changes.",
        ),
        (
            "Imaging and Pathology",
            "Provide the tests surgery relies on",
            Category.COLLABORATORS,
            HIGH,
            HIGH,
            "Joint service review each quarter on turnaround for surgical patients.",
        ),
    ],
    "NHT-MED": [
        (
            "Trust executive team",
            "Holds the directorate to account",
            Category.COMMISSIONERS,
            HIGH,
            HIGH,
            "Monthly performance review.",
        ),
        (
            "County council social care",
            "Arranges care at home",
            Category.COLLABORATORS,
            HIGH,
            HIGH,
            "Daily discharge calls and a joint escalation route.",
        ),
        (
            "Older patients and families",
            "The largest group of our inpatients",
            Category.CUSTOMERS,
            LOW,
            HIGH,
            "Ward family meetings and carer passports.",
        ),
    ],
    "NHT-UEC": [
        (
            "Trust executive team",
            "Holds the directorate to account",
            Category.COMMISSIONERS,
            HIGH,
            HIGH,
            "Daily flow meeting and monthly performance review.",
        ),
        (
            "Northshire Ambulance Service",
            "Brings a third of our patients",
            Category.COLLABORATORS,
            HIGH,
            HIGH,
            "Joint handover action plan; daily calls in winter.",
        ),
        (
            "NHS 111",
            "Directs patients to us",
            Category.CHANNELS,
            LOW,
            HIGH,
            "Share waiting times so 111 can direct patients to the urgent treatment centre.",
        ),
    ],
    "NHT-CSS": [
        (
            "Clinical directorates",
            "Rely on our tests and medicines",
            Category.CUSTOMERS,
            HIGH,
            HIGH,
            "Service agreements with turnaround times, reviewed each quarter.",
        ),
        (
            "Regional pathology network",
            "Shares specialist work",
            Category.COLLABORATORS,
            HIGH,
            LOW,
            "Network board each month.",
        ),
        (
            "Staff in pathology and imaging",
            "Scarce specialist staff",
            Category.CONTRIBUTORS,
            HIGH,
            HIGH,
            "Career pathways and training posts; listen before changing rotas.",
        ),
    ],
    "NHT-WAC": [
        (
            "Maternity and Neonatal Voices Partnership",
            "Voice of local families",
            Category.COMMENTATORS,
            LOW,
            HIGH,
            "Co-design service changes with them.",
        ),
        (
            "Trust executive team",
            "Holds the directorate to account",
            Category.COMMISSIONERS,
            HIGH,
            HIGH,
            "Monthly performance review; maternity safety report to the board.",
        ),
        (
            "Local maternity and neonatal system",
            "Regional oversight",
            Category.COMMISSIONERS,
            HIGH,
            LOW,
            "Quarterly assurance meetings.",
        ),
    ],
    "NHT-UEC-ED": [
        (
            "Ambulance crews",
            "Bring the sickest patients",
            Category.COLLABORATORS,
            HIGH,
            HIGH,
            "A handover nurse at the door and shared escalation triggers.",
        ),
        (
            "Inpatient specialties",
            "Accept admitted patients",
            Category.COLLABORATORS,
            HIGH,
            HIGH,
            "Agreed times for specialty review and a route to escalate.",
        ),
        (
            "Patients and relatives in the department",
            "Waiting to be seen",
            Category.CUSTOMERS,
            LOW,
            HIGH,
            "Waiting time screens and hourly comfort rounds.",
        ),
    ],
    "NHT-CSS-PATH": [
        (
            "Emergency Department",
            "Needs urgent results within the hour",
            Category.CUSTOMERS,
            HIGH,
            HIGH,
            "Monthly turnaround report and a direct line to the duty biochemist.",
        ),
        (
            "Cancer services",
            "Needs histology within 7 days",
            Category.CUSTOMERS,
            HIGH,
            HIGH,
            "Weekly list of cancer pathway cases awaiting reports.",
        ),
    ],
    "NHT-CSS-IMG": [
        (
            "Wards",
            "Need inpatient scans reported within a day",
            Category.CUSTOMERS,
            HIGH,
            HIGH,
            "Daily list of inpatient requests awaiting scans or reports.",
        ),
        (
            "Outsourced reporting company",
            "Reports overnight and overflow work",
            Category.CONTRIBUTORS,
            LOW,
            HIGH,
            "Monthly quality audit of outsourced reports.",
        ),
    ],
}

# A published scorecard has every stage complete (the builder refuses to
# publish one that has not), so a department without SWOT items or
# stakeholders of its own above gets these, written for it.
DEPARTMENT_SWOT = {
    SwotItem.Kind.STRENGTH: "An experienced {unit} team that knows its patients and its pathways.",
    SwotItem.Kind.WEAKNESS: "Gaps in the {unit} rota are filled with bank and agency staff.",
    SwotItem.Kind.OPPORTUNITY: "{directorate}'s shared improvement team can help {unit} "
    "redesign its busiest pathway.",
    SwotItem.Kind.THREAT: "Rising demand on {unit} with no growth in staff or space.",
}
DEPARTMENT_STAKEHOLDERS = [
    (
        "Patients of {unit} and their families",
        "Use the service and tell us how it feels",
        Category.CUSTOMERS,
        LOW,
        HIGH,
        "The Friends and Family Test each month and a patient panel twice a year.",
    ),
    (
        "{directorate} leadership team",
        "Holds {unit} to account and decides its budget",
        Category.COMMISSIONERS,
        HIGH,
        HIGH,
        "The monthly performance review of this scorecard.",
    ),
    (
        "{unit} staff",
        "Deliver the care and the improvements",
        Category.CONTRIBUTORS,
        HIGH,
        HIGH,
        "Team briefs after each review and the annual staff survey.",
    ),
]
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


# ---------------------------------------------------------------------------
# Stage 7: initiatives; the key-target review
# ---------------------------------------------------------------------------


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

KEY_TARGETS = [
    (
        "RTT18",
        "18-week referral to treatment",
        "92% of patients on incomplete pathways waiting under 18 weeks",
        "The NHS Constitution's right to start consultant-led treatment within 18 weeks of "
        "referral. Review every scorecard against it: which measures support it, which "
        "support it without saying so, which hinder it and what is missing. Pathology and "
        "imaging must be part of the review.",
    ),
    (
        "AE4H",
        "4-hour A&E standard",
        "95% of A&E patients admitted, transferred or discharged within 4 hours of arrival",
        "The constitutional standard for urgent and emergency care; the interim ambition for "
        "March 2026 is 78%.",
    ),
    (
        "CA62",
        "Cancer 62-day standard",
        "85% of patients start treatment within 62 days of an urgent suspected cancer referral",
        "The cancer waiting times standard from referral to first treatment; the interim "
        "ambition for March 2026 is 75%.",
    ),
]

# The review of the trust scorecard against key targets: (key target, kind,
# measure code or objective group or None, description for a missing item, note).
Fit = Alignment.Kind
ALIGNMENTS = [
    (
        "RTT18",
        Fit.SUPPORTS,
        "RTT18",
        "",
        "The standard itself, with the national target and an action trigger.",
    ),
    (
        "RTT18",
        Fit.SUPPORTS,
        "RTT52",
        "",
        "The tail of the same waiting list; its trigger starts "
        "weekly tracking of the longest waiters.",
    ),
    (
        "RTT18",
        Fit.SUPPORTS,
        "RTT1ST",
        "",
        "Supports the target, but it has no action trigger "
        "yet, so a shortfall starts nothing: agree one.",
    ),
    (
        "RTT18",
        Fit.SUPPORTS,
        "THEATRE",
        "",
        "More operating time within sessions means more patients treated from the list.",
    ),
    (
        "RTT18",
        Fit.SUPPORTS,
        "DM01",
        "",
        "Most pathways include a diagnostic test; a 6-week "
        "wait for it uses a third of the 18 weeks.",
    ),
    (
        "RTT18",
        Fit.IMPLICIT,
        "DNA",
        "",
        "Each missed appointment is a slot lost to the waiting "
        "list, but the scorecard does not link the measure to RTT.",
    ),
    (
        "RTT18",
        Fit.IMPLICIT,
        "IMGTAT",
        "",
        "Faster inpatient reporting frees beds that elective "
        "patients need; framed as an imaging measure only.",
    ),
    (
        "RTT18",
        Fit.IMPLICIT,
        "L2",
        "",
        "Filling anaesthetic, radiographer and biomedical "
        "scientist posts is what elective capacity depends on.",
    ),
    (
        "RTT18",
        Fit.HINDERS,
        "CIP",
        "",
        "Savings found by holding pathology and imaging posts "
        "vacant lengthen the diagnostic part of every pathway: see the drop in pathology "
        "turnaround when three posts were frozen.",
    ),
    (
        "RTT18",
        Fit.HINDERS,
        "AGENCY",
        "",
        "Cutting agency anaesthetists before permanent posts are filled cancels elective lists.",
    ),
    (
        "RTT18",
        Fit.MISSING,
        None,
        "Turnaround of pathology and imaging for outpatient and elective requests",
        "Only urgent ED samples and inpatient scans are measured; the "
        "requests that hold up elective pathways are not.",
    ),
    (
        "RTT18",
        Fit.MISSING,
        None,
        "Share of the waiting list validated in the last 12 weeks",
        "Validation is done but not measured, so nobody knows how much of the list is real.",
    ),
    ("AE4H", Fit.SUPPORTS, "AE4H", "", "The standard itself."),
    ("AE4H", Fit.SUPPORTS, "ED12H", "", "The longest waits in the same department."),
    ("AE4H", Fit.SUPPORTS, "BEDOCC", "", "Free beds let admitted patients leave the department."),
    ("AE4H", Fit.IMPLICIT, "LOSNEL", "", "Shorter stays free the beds the department needs."),
    ("AE4H", Fit.IMPLICIT, "PATHTAT", "", "Urgent blood results decide who is admitted."),
    (
        "AE4H",
        Fit.MISSING,
        None,
        "Time from decision to admit to leaving the department",
        "The delay that most affects the 4-hour standard is not on the trust scorecard.",
    ),
    ("CA62", Fit.SUPPORTS, "CA62", "", "The standard itself."),
    ("CA62", Fit.SUPPORTS, "CAFDS", "", "The diagnostic part of the same pathway."),
    ("CA62", Fit.SUPPORTS, "CA31", "", "The treatment part of the same pathway."),
    (
        "CA62",
        Fit.IMPLICIT,
        "DM01",
        "",
        "Scans and endoscopy for cancer pathways sit in the same queues.",
    ),
    (
        "CA62",
        Fit.MISSING,
        None,
        "Histology turnaround at trust level",
        "Measured only inside Pathology's own scorecard, so the board does not see it.",
    ),
]
