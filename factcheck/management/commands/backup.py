import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.backup import backup_create
from factcheck.errors import DomainError


class Command(BaseCommand):
    help = "Back up the database and the capture files into a new folder, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(Path(settings.BASE_DIR) / "var" / "backups"), help="where to put it")

    def handle(self, *args, to, **options):
        url = os.environ.get("DATABASE_URL", "")
        if not url:
            raise CommandError("DATABASE_URL is not set.")
        try:
            folder = backup_create(database_url=url, into=Path(to))
        except DomainError as error:
            raise CommandError(str(error)) from None
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_dump failed: {error.stderr.decode(errors='replace').strip()}") from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
