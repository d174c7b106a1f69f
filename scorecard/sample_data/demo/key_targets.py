"""The demo's key targets and the review of the trust scorecard against them."""

from measures.models import Alignment

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
