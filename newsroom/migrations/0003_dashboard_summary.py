from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_person_preferences"),
    ]

    operations = [
        migrations.CreateModel(
            name="DashboardSummary",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("figures", models.JSONField()),
                ("charts", models.JSONField(default=dict)),
                ("counted_at", models.DateTimeField()),
            ],
            options={
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)), name="dashboard_summary_one_row")],
            },
        ),
    ]
