"""The demo's unit tree: Northshire Hospitals NHS Foundation Trust, its
directorates and departments, the measures each department reports and which
units rely on which.

Each unit's mission, vision and strategy are in `narrative`.
"""

from dataclasses import dataclass

from organisations.models import OrganisationUnit
from scorecard.models import Scorecard

TRUST_CODE = "NHT"

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
    ops_role: str = ""
    clinical_role: str = ""
    nursing_role: str = ""


Kind = OrganisationUnit.Kind
DRAFT = Scorecard.Status.DRAFT


def _dept(code, name, slug, parent, staff, codes, **extra):
    return UnitSpec(
        code=code,
        name=name,
        slug=slug,
        kind=extra.pop("kind", Kind.DEPARTMENT),
        parent=parent,
        staff=staff,
        codes=tuple(codes),
        **extra,
    )


UNITS = [
    UnitSpec(
        "NHT",
        "Northshire Hospitals NHS Foundation Trust",
        "northshire-hospitals",
        Kind.TRUST,
        None,
    ),
    UnitSpec(
        "NHT-SURG",
        "Surgery",
        "surgery",
        Kind.DIRECTORATE,
        "NHT",
        staff=14,
    ),
    UnitSpec(
        "NHT-MED",
        "Medicine",
        "medicine",
        Kind.DIRECTORATE,
        "NHT",
        staff=14,
    ),
    UnitSpec(
        "NHT-UEC",
        "Urgent and Emergency Care",
        "urgent-and-emergency-care",
        Kind.DIRECTORATE,
        "NHT",
        staff=10,
    ),
    UnitSpec(
        "NHT-CSS",
        "Clinical Support Services",
        "clinical-support-services",
        Kind.DIRECTORATE,
        "NHT",
        staff=12,
    ),
    UnitSpec(
        "NHT-WAC",
        "Women's and Children's",
        "womens-and-childrens",
        Kind.DIRECTORATE,
        "NHT",
        staff=10,
    ),
    # Surgery
    _dept(
        "NHT-SURG-GEN",
        "General Surgery",
        "general-surgery",
        "NHT-SURG",
        185,
        ["RTT18", "RTT52", "RTT1ST", "CA62", "CAFDS", "DAYCASE", "ELECSP", "DNA", "VTE"],
    ),
    _dept(
        "NHT-SURG-TO",
        "Trauma and Orthopaedics",
        "trauma-and-orthopaedics",
        "NHT-SURG",
        165,
        ["RTT18", "RTT52", "RTT1ST", "DAYCASE", "ELECSP", "DNA", "VTE", "FALLS", "FFTIP"],
    ),
    _dept(
        "NHT-SURG-OPH",
        "Ophthalmology",
        "ophthalmology",
        "NHT-SURG",
        90,
        ["RTT18", "RTT52", "RTT1ST", "DAYCASE", "ELECSP", "DNA", "OPH-FU"],
        status=DRAFT,
    ),
    _dept(
        "NHT-SURG-ENT",
        "Ear, Nose and Throat",
        "ear-nose-and-throat",
        "NHT-SURG",
        70,
        ["RTT18", "RTT52", "RTT1ST", "DAYCASE", "ELECSP", "DNA"],
    ),
    _dept(
        "NHT-SURG-THEA",
        "Theatres and Anaesthetics",
        "theatres-and-anaesthetics",
        "NHT-SURG",
        230,
        ["THEATRE", "NEVER", "THEA-OTDC"],
    ),
    # Medicine
    _dept(
        "NHT-MED-CARD",
        "Cardiology",
        "cardiology",
        "NHT-MED",
        150,
        ["RTT18", "RTT52", "RTT1ST", "DM01", "DNA", "READM"],
    ),
    _dept(
        "NHT-MED-GAST",
        "Gastroenterology and Endoscopy",
        "gastroenterology",
        "NHT-MED",
        130,
        ["RTT18", "RTT52", "RTT1ST", "DM01", "CAFDS", "DNA"],
    ),
    _dept(
        "NHT-MED-RESP",
        "Respiratory Medicine",
        "respiratory-medicine",
        "NHT-MED",
        140,
        ["RTT18", "RTT1ST", "READM", "LOSNEL", "FALLS", "PU", "FFTIP"],
        status=DRAFT,
    ),
    _dept(
        "NHT-MED-ELD",
        "Elderly Care",
        "elderly-care",
        "NHT-MED",
        260,
        ["LOSNEL", "FALLS", "PU", "FFTIP", "READM"],
    ),
    _dept(
        "NHT-MED-ONC",
        "Oncology",
        "oncology",
        "NHT-MED",
        120,
        ["CA62", "CAFDS", "CA31", "FFTIP", "DNA"],
    ),
    # Urgent and Emergency Care
    _dept(
        "NHT-UEC-ED",
        "Emergency Department",
        "emergency-department",
        "NHT-UEC",
        240,
        ["AE4H", "ED12H", "ED-AMB"],
    ),
    _dept(
        "NHT-UEC-UTC",
        "Urgent Treatment Centre",
        "urgent-treatment-centre",
        "NHT-UEC",
        60,
        ["AE4H", "UTC-TRIAGE"],
        status=DRAFT,
    ),
    _dept(
        "NHT-UEC-AMU",
        "Acute Medical Unit",
        "acute-medical-unit",
        "NHT-UEC",
        170,
        ["LOSNEL", "READM", "VTE", "FALLS", "PU", "FFTIP"],
    ),
    # Clinical Support Services
    _dept(
        "NHT-CSS-PATH",
        "Pathology",
        "pathology",
        "NHT-CSS",
        200,
        ["PATHTAT", "PATH-HIST"],
        kind=Kind.SERVICE,
        nursing_role="Quality manager",
    ),
    _dept(
        "NHT-CSS-IMG",
        "Imaging",
        "imaging",
        "NHT-CSS",
        180,
        ["IMGTAT", "DM01"],
        kind=Kind.SERVICE,
        nursing_role="Radiology services manager",
    ),
    _dept(
        "NHT-CSS-PHARM",
        "Pharmacy",
        "pharmacy",
        "NHT-CSS",
        110,
        ["PHARM-TTO"],
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
        nursing_role="Head of midwifery",
    ),
    _dept(
        "NHT-WAC-PAED",
        "Paediatrics",
        "paediatrics",
        "NHT-WAC",
        190,
        ["RTT18", "RTT1ST", "DNA", "FFTIP"],
        status=DRAFT,
    ),
    _dept(
        "NHT-WAC-GYN",
        "Gynaecology",
        "gynaecology",
        "NHT-WAC",
        90,
        ["RTT18", "RTT52", "RTT1ST", "CA62", "DAYCASE", "DNA"],
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
