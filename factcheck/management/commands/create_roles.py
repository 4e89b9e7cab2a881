from django.core.management.base import BaseCommand

from factcheck.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the journalist, editor and admin groups (idempotent)."

    def handle(self, *args, **options):
        for name, count in sync_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
