import datetime
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import extract_claims
from claims.intake import article_bytes_text
from factcheck.errors import InvalidInput


def read_article(path: str) -> str:
    """The article in a file (or on standard input for "-"), decoded as the intake decodes uploads."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        return article_bytes_text(raw)
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except InvalidInput as exc:
        raise CommandError(f"{path}: {exc}") from None


def parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date wants YYYY-MM-DD, not “{value}”.") from None


def add_article_arguments(parser, *, date_default: str, outlet_default: str) -> None:
    parser.add_argument("--date", help=f"the article's date, YYYY-MM-DD (default: {date_default})")
    parser.add_argument(
        "--outlet", default="", help=f"who published it: the claimant of its own statements ({outlet_default})"
    )


class Command(BaseCommand):
    help = "Propose the check-worthy claims in an article (a text file, or - for stdin). Touches no database."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        add_article_arguments(parser, date_default="read from its dateline", outlet_default="none by default")
        parser.add_argument("--json", action="store_true", help="print a JSON list of the proposals")

    def handle(self, *args, path, date, outlet, json: bool, **options):
        proposals = [
            p.as_dict() for p in extract_claims(read_article(path), published=parse_date(date), outlet=outlet or None)
        ]
        if json:
            self.stdout.write(_dumps(proposals))
            return
        for number, p in enumerate(proposals, 1):
            self.stdout.write(f"{number:>3}. [{p['score']:.2f}] {p['text']}")
            details = [f"{key}: {p[key]}" for key in ("claimant", "said_on", "medium", "cited_source") if p[key]]
            self.stdout.write("     " + " · ".join(details))
        self.stdout.write(f"{len(proposals)} claims proposed.")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
