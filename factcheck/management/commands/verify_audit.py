from django.core.management.base import BaseCommand, CommandError

from factcheck.audit import audit_verify_chain
from factcheck.models import AuditEvent


class Command(BaseCommand):
    help = "Walk the audit chain; exit non-zero naming the first row altered, removed or inserted."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head",
            metavar="SEQ:HASH",
            help="A head recorded earlier (printed by a previous run): also catch rows cut from the end.",
        )

    def handle(self, *args, expect_head=None, **options):
        report = audit_verify_chain()
        if report.problem:
            raise CommandError(f"Audit chain broken after {report.checked} good events: {report.problem}.")
        if expect_head:
            seq, _, digest = expect_head.partition(":")
            if not seq.isdigit() or int(seq) > report.head_seq:
                raise CommandError(
                    f"Audit chain ends at #{report.head_seq}, before the recorded head #{seq}: rows were removed."
                )
            # The recorded head must still be part of the chain.
            if not AuditEvent.objects.filter(seq=int(seq), hash=digest).exists():
                raise CommandError(f"Event #{seq} no longer has the recorded hash: the chain was rewritten.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {report.checked} events, head #{report.head_seq}:{report.head_hash}"
            )
        )
