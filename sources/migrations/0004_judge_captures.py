"""Judge the captures taken before captures were judged: a successful capture is complete when its
text is not near empty (sources.evidence). No browser capture rendered them, so their own text decides."""

from django.conf import settings
from django.db import migrations
from django.db.models.functions import Length


def judge(apps, schema_editor):
    Snapshot = apps.get_model("sources", "Snapshot")
    unjudged = Snapshot.objects.filter(status="succeeded", complete__isnull=True).annotate(length=Length("text"))
    unjudged.filter(length__gte=settings.CAPTURE_COMPLETE_MIN_CHARS).update(complete=True)
    unjudged.filter(length__lt=settings.CAPTURE_COMPLETE_MIN_CHARS).update(complete=False)


class Migration(migrations.Migration):
    dependencies = [("sources", "0003_capture_methods")]

    operations = [migrations.RunPython(judge, migrations.RunPython.noop)]
