"""The demo's local KPIs: departments' own measures, not reported above them."""

from scorecard.sample_data.demo.kpis.sheet import (
    HIGHER,
    LOWER,
    Kpi,
    local,
    ratio,
)

KPIS = [
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
        **ratio("Held by due date", "Follow-ups due"),
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
        **ratio("Cancelled on the day", "Operations planned"),
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
        **ratio("Handed over within 30 minutes", "Ambulance arrivals"),
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
        **ratio("Assessed within 15 minutes", "Arrivals"),
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
        **ratio("Reported within 7 days", "Cases received"),
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
        **ratio("Ready within 2 hours", "Discharge prescriptions"),
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
        **ratio("Booked by 10 weeks", "Women booked"),
    ),
]
