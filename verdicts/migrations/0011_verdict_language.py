"""Each verdict's own language. The column is added with a constant default, which PostgreSQL
records without rewriting the table; the verdicts whose claim is in another language of the
readers' site are then set in batches, each its own short transaction."""

from django.core.exceptions import ValidationError
from django.db import migrations, models, transaction

import claims.languages

BATCH = 5000


def set_languages(apps, schema_editor):
    from verdicts.languages import verdict_language_default

    Verdict = apps.get_model("verdicts", "Verdict")
    last = 0
    while True:
        rows = list(
            Verdict.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "language", "pinned_claim__language", "claim__language")[:BATCH]
        )
        if not rows:
            return
        last = rows[-1][0]
        changed = {}
        for pk, current, pinned, live in rows:
            try:
                wanted = verdict_language_default(pinned or live or "")
            except ValidationError:
                continue
            if wanted != current:
                changed.setdefault(wanted, []).append(pk)
        with transaction.atomic(using=schema_editor.connection.alias):
            for language, ids in changed.items():
                Verdict.objects.filter(pk__in=ids).update(language=language)


class Migration(migrations.Migration):
    # Each batch commits on its own: no lock is held on the whole table while it is filled.
    atomic = False

    dependencies = [
        ("verdicts", "0010_publisher_logo_checked"),
    ]

    operations = [
        migrations.AddField(
            model_name="verdict",
            name="language",
            field=models.CharField(
                blank=True,
                default="en",
                help_text="The language the verdict is written in, such as “en”, “uk” or “es” (BCP 47).",
                max_length=35,
                validators=[claims.languages.validate_language_tag],
                verbose_name="language",
            ),
        ),
        migrations.RunPython(set_languages, migrations.RunPython.noop, elidable=True),
    ]
