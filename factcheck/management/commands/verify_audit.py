from django.core.management.base import BaseCommand, CommandError

from factcheck.audit import ExpectedHead, audit_verify_chain
from factcheck.audit_heads import audit_heads_recorded


class Command(BaseCommand):
    help = (
        "Walk the audit chain and check it against every head recorded in the head log; exit non-zero "
        "naming the first row altered, removed or inserted, or the recorded head that no longer matches."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head",
            metavar="SEQ:HASH",
            help="One more head recorded elsewhere (printed by a previous run), checked like the logged ones.",
        )

    def handle(self, *args, expect_head=None, **options):
        heads, unreadable, log = audit_heads_recorded()
        if expect_head:
            seq, _, digest = expect_head.partition(":")
            if not seq.isdigit() or int(seq) < 1 or len(digest) != 64:
                raise CommandError("--expect-head takes SEQ:HASH, as printed by an earlier run.")
            heads.append(ExpectedHead(int(seq), digest, "given with --expect-head"))
        for entry in unreadable:
            self.stderr.write(f"Could not read {entry} of the head log {log}: skipped.")
        report = audit_verify_chain(heads=heads)
        if report.problem:
            raise CommandError(f"Audit chain broken after {report.checked} good events: {report.problem}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {report.checked} events, head #{report.head_seq}:{report.head_hash}; "
                f"{report.heads_checked} recorded heads on it (head log: {log})"
            )
        )
