from django.core.management.base import BaseCommand

from verdicts.demo import demo_password, load_demo


class Command(BaseCommand):
    help = "Load the demo article, claims, verdicts and demo users from seeds/ (idempotent)."

    def handle(self, *args, **options):
        result = load_demo()
        if result["loaded"]:
            self.stdout.write(self.style.SUCCESS(f"Demo loaded: {result['claims']} claims."))
        else:
            self.stdout.write("Demo data already present: nothing changed.")
        self.stdout.write(f"Demo users: journalist, editor, admin (password: {demo_password()!r}).")
