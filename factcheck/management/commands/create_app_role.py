from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.dbroles import app_role_ensure
from factcheck.errors import DomainError


class Command(BaseCommand):
    help = (
        "Create or update the login role the app's processes use: rows only, never the tables' owner. "
        "Run it as the owner (the release step does), after migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="The role's name (default: DATABASE_APP_ROLE).")

    def handle(self, *args, name=None, **options):
        name = name or settings.DATABASE_APP_ROLE
        if not name:
            self.stderr.write(
                "No app role: DATABASE_APP_ROLE is not set, so every process connects as the tables' owner "
                "(see README, Production: the database-role split)."
            )
            return
        try:
            # The password comes from the environment (DATABASE_APP_PASSWORD), never a command line.
            done = app_role_ensure(name=name, password=settings.DATABASE_APP_PASSWORD)
        except DomainError as error:
            raise CommandError(error.message) from None
        for sentence in done:
            self.stdout.write(sentence)
