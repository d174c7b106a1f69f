import django.utils.timezone
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    """Each target recorded when its first history row says it was; else now (the default).

    Its history rows carry the same moment, so an old version of a target
    says when the target was first recorded too.
    """
    Target = apps.get_model("measures", "Target")
    HistoricalTarget = apps.get_model("measures", "HistoricalTarget")
    first = (
        HistoricalTarget.objects.filter(id=OuterRef("id"))
        .order_by("history_date", "history_id")
        .values("history_date")[:1]
    )
    Target.objects.update(recorded_at=Coalesce(Subquery(first), F("recorded_at")))
    HistoricalTarget.objects.update(recorded_at=Subquery(first))


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0010_observation_numbers_fit"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaltarget",
            name="recorded_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name="target",
            name="recorded_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
