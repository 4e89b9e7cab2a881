import os
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.backup import backup_restore
from factcheck.errors import DomainError


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the database named by DATABASE_URL and the capture files into MEDIA_ROOT, "
        "then verify the audit chain and every capture's SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="FOLDER")
        parser.add_argument("--replace", action="store_true", help="drop the database first if it holds data")

    def handle(self, *args, folder, replace, **options):
        url = os.environ.get("DATABASE_URL", "")
        if not url:
            raise CommandError("DATABASE_URL is not set.")
        try:
            report = backup_restore(folder=Path(folder), database_url=url, replace=replace)
        except DomainError as error:
            raise CommandError(str(error)) from None
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_restore failed: {error.stderr.decode(errors='replace').strip()}") from None
        for problem in report.problems:
            self.stderr.write(problem)
        summary = (
            f"Restored {folder}: audit chain of {report.audit_events} events (head #{report.audit_head}), "
            f"{report.captures_checked} captures checked against their SHA-256"
        )
        if report.problems:
            raise CommandError(f"{summary}; {len(report.problems)} problems (above).")
        self.stdout.write(self.style.SUCCESS(summary + ": all intact."))
