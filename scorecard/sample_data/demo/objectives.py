"""The demo's objectives: the trust's objective groups, its strategic themes and
the cause-and-effect links of its strategy map.
"""

from dataclasses import dataclass

FINANCIAL = "Financial"
CUSTOMER = "Customer"
PROCESSES = "Internal business processes"
LEARNING = "Learning and growth"

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
