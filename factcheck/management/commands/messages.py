"""Gather every string marked for translation into locale/<language>/LC_MESSAGES/django.po (for
each of settings.LANGUAGES but English) and compile them; translators then fill in the .po files
and run it again. The tests run it on a copy of the source and refuse any string left untranslated."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Not the project's own strings: environments, local data, and code that never reaches a reader.
IGNORED = [".venv", ".venv-runtime", "var", "node_modules", "benchmarks", "tests", "docs"]


class Command(BaseCommand):
    help = "Gather the strings to translate into locale/*/LC_MESSAGES/django.po, then compile them."

    def handle(self, *args, **options):
        languages = [code for code, _ in settings.LANGUAGES if code != "en"]
        verbosity = options["verbosity"]
        call_command(
            "makemessages", locale=languages, ignore_patterns=IGNORED, no_location=True, no_obsolete=True,
            verbosity=verbosity,
        )  # fmt: skip
        call_command("compilemessages", locale=languages, ignore_patterns=IGNORED, verbosity=verbosity)
