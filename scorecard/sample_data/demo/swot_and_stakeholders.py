"""The demo's stage 1 analysis: SWOT items and stakeholders of the trust and the
directorates, and those written for each published department."""

from scorecard.models import Stakeholder, SwotItem

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
