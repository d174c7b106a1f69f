"""Seed the two frameworks every installation starts with.

Perspectives are listed lowest lane first: on a Kaplan & Norton strategy map
learning and growth drives internal processes, which drive the customer,
which drives the financial result.
"""

from django.db import migrations

FRAMEWORKS = [
    (
        "Balanced scorecard (Kaplan & Norton)",
        "The four perspectives of Kaplan and Norton's balanced scorecard.",
        [
            (
                "Learning and growth",
                "To achieve our vision, how will we keep our ability to change and improve?",
                "#7c2855",
            ),
            (
                "Internal business processes",
                "To satisfy our patients and funders, which processes must we excel at?",
                "#00a499",
            ),
            (
                "Customer",
                "To achieve our vision, how should we appear to our patients and service users?",
                "#330072",
            ),
            (
                "Financial",
                "To succeed financially, how should we appear to those who fund us?",
                "#005eb8",
            ),
        ],
    ),
    (
        "NHS Performance Assessment Framework (1999)",
        "The six areas of the NHS Performance Assessment Framework, itself based on the "
        "balanced scorecard.",
        [
            (
                "Health improvement",
                "How is the health of the population we serve changing?",
                "#005eb8",
            ),
            (
                "Fair access",
                "Can people get the services they need, whoever and wherever they are?",
                "#330072",
            ),
            (
                "Effective delivery of appropriate health care",
                "Is the care we give effective, appropriate and in line with agreed standards?",
                "#00a499",
            ),
            ("Efficiency", "Are we getting the most from our resources?", "#7c2855"),
            (
                "Patient/carer experience",
                "How do patients and carers experience our services?",
                "#ae2573",
            ),
            (
                "Health outcomes of NHS care",
                "Does our care improve patients' health and quality of life?",
                "#003087",
            ),
        ],
    ),
]


def seed(apps, schema_editor):
    Framework = apps.get_model("scorecard", "Framework")
    Perspective = apps.get_model("scorecard", "Perspective")
    for name, description, perspectives in FRAMEWORKS:
        framework, _ = Framework.objects.get_or_create(
            name=name, defaults={"description": description}
        )
        for position, (title, question, colour) in enumerate(perspectives, start=1):
            Perspective.objects.get_or_create(
                framework=framework,
                name=title,
                defaults={"key_question": question, "colour": colour, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("scorecard", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
