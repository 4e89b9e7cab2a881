from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.intake import article_from_source, article_keep, article_proposals
from claims.management.commands.extract_claims import add_article_arguments, parse_date, read_article
from factcheck.errors import DomainError
from sources.capture import snapshot_capture, snapshot_request
from sources.services import source_get_or_create


class Command(BaseCommand):
    help = "Store the claims proposed from an article (a text file, or a URL captured first) as new claims."

    def add_arguments(self, parser):
        parser.add_argument("target", metavar="PATH_OR_URL")
        add_article_arguments(
            parser, date_default="its capture's or dateline's", outlet_default="default: the source's publisher or site"
        )
        parser.add_argument("--user", help="who adds the claims (default: the first superuser)")

    def handle(self, *args, target, date, outlet, user, **options):
        actor = self._actor(user)
        published, origin = parse_date(date), None
        try:
            if target.startswith(("http://", "https://")):
                origin, _ = source_get_or_create(url=target, actor=actor)
                outcome = snapshot_capture(snapshot_id=snapshot_request(source=origin, force=True, enqueue=False).pk)
                if outcome.snapshot is None or outcome.snapshot.status != "succeeded":
                    reason = outcome.snapshot.error_message if outcome.snapshot else "it could not be started"
                    raise CommandError(f"The capture of {target} failed: {reason}")
                origin, text, page_date, site = article_from_source(source_id=origin.pk)
                published, outlet = published or page_date, outlet or site
            else:
                text = read_article(target)
            _, proposals = article_proposals(text=text, published=published, outlet=outlet)
            if not proposals:
                self.stdout.write("No check-worthy claim was found; nothing stored.")
                return
            kept = article_keep(actor=actor, proposals=proposals, origin=origin)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        for claim in kept:
            self.stdout.write(f"#{claim.pk} {claim.text}")
        self.stdout.write(f"{len(kept)} new claims stored.")

    def _actor(self, username):
        users = get_user_model().objects.filter(is_active=True)
        actor = users.filter(username=username).first() if username else users.filter(is_superuser=True).first()
        if actor is None:
            raise CommandError(
                f"No active user “{username}”." if username else "Create a superuser first, or pass --user."
            )
        return actor
