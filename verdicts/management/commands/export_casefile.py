import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from factcheck.errors import DomainError
from verdicts.casefile import FORMATS, CasefileNotFound, casefile_export, casefile_scope


class Command(BaseCommand):
    help = (
        "Export the case file of a published verdict, or of every verdict published in a date range: "
        "as a ZIP with the evidence files, WARCs, the audit chain's segment and a manifest of SHA-256 sums, "
        "or as JSON or CSV (one row per verdict version) without the files. The export is audited."
    )

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--verdict", type=int, metavar="ID", help="One published verdict.")
        scope.add_argument("--published-from", metavar="YYYY-MM-DD", help="First day of a range (UTC).")
        parser.add_argument("--published-to", metavar="YYYY-MM-DD", help="Last day of the range, included.")
        parser.add_argument("--format", choices=FORMATS, default="zip")
        parser.add_argument("--out", required=True, help="Where to write it (- for standard output).")
        parser.add_argument("--as", dest="username", required=True, help="Who exports it (recorded in the audit log).")

    def handle(self, *args, verdict=None, published_from=None, published_to=None, **options):
        fmt, out, username = options["format"], options["out"], options["username"]
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"No user named “{username}”.")
        if verdict is None and not published_to:
            raise CommandError("--published-from needs --published-to.")
        try:
            scope = casefile_scope(
                verdict_ids=[verdict] if verdict else None, published_from=published_from, published_to=published_to
            )
            if out == "-":
                exported = casefile_export(actor=actor, scope=scope, fmt=fmt, out=sys.stdout.buffer)
            else:
                exported = _to_file(out, lambda handle: casefile_export(actor=actor, scope=scope, fmt=fmt, out=handle))
        except (DomainError, CasefileNotFound) as exc:
            raise CommandError(getattr(exc, "message", None) or str(exc)) from None
        self.stderr.write(
            f"Case file of {len(exported.verdicts)} verdicts written to {out} ({exported.format}, "
            f"{exported.size} bytes, SHA-256 {exported.sha256}); audit event #{exported.audit_event}."
        )


def _to_file(path: str, write):
    """Write through a temporary name, renamed into place once complete: a refusal leaves nothing."""
    part = Path(f"{path}.part")
    try:
        with part.open("wb") as handle:
            result = write(handle)
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    return result
