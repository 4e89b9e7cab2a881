import json

from django.core.management.base import BaseCommand, CommandError

from verdicts.verification import verdict_verify


class Command(BaseCommand):
    help = (
        "Verify a published verdict: each pinned capture's SHA-256 recomputed from its stored file and "
        "checked against the pinned copy, the publish event and the capture's receipt; the audit events "
        "that approved and published it (digests, four eyes); the chain from there to its head, and the "
        "heads recorded outside the database. Exit 1 naming every check that failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("verdict_id", type=int, help="The verdict's number (as in its public address).")
        parser.add_argument("--json", action="store_true", help="Print the report as one JSON object.")

    def handle(self, *args, verdict_id: int, json: bool = False, **options):
        report = verdict_verify(verdict_id=verdict_id)
        if report is None:
            raise CommandError(f"Verdict {verdict_id} does not exist or was never published.")
        if json:
            self.stdout.write(_dumps(report.as_json()))
        else:
            for check in report.checks:
                mark = "ok  " if check.ok else "FAIL"
                self.stdout.write(f"{mark} {check.what}" + (f": {check.detail}" if check.detail else ""))
        if not report.ok:
            failed = "; ".join(f"{c.what} ({c.detail})" if c.detail else c.what for c in report.failures)
            raise CommandError(f"Verdict {verdict_id} failed verification: {failed}.", returncode=1)
        if not json:
            self.stdout.write(self.style.SUCCESS(f"Verdict {verdict_id} verified: {len(report.checks)} checks passed."))


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
