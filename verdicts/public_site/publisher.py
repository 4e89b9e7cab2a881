"""Who publishes: set by an editor in the admin, else the PUBLISHER_NAME and PUBLISHER_URL settings."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from factcheck.audit import audit_record
from factcheck.errors import Conflict
from factcheck.guards import apply_changes, require_permission, validate_instance
from verdicts.models import LOGO_TYPES, Publisher
from verdicts.selectors import public_pages_changed

PUBLISHER_FIELDS = ("name", "url", "logo", "about", "contact")
CHANGE_PERMISSION = "verdicts.change_publisher"


@dataclass(frozen=True, slots=True)
class PublicPublisher:
    name: str
    url: str
    about: str = ""
    contact: str = ""
    logo_path: str = ""  # the logo's address on this site, changing with each new logo

    @property
    def logo_url(self) -> str:
        return settings.SITE_URL + self.logo_path if self.logo_path else ""

    @property
    def contact_href(self) -> str:
        """A link for the contact, when it is an e-mail or a web address."""
        contact = self.contact.strip()
        if contact.startswith(("https://", "http://")):
            return contact
        if "@" in contact and " " not in contact:
            return "mailto:" + contact
        return ""

    def as_organization(self) -> dict:
        """schema.org Organization."""
        org = {"@type": "Organization", "name": self.name, "url": self.url}
        if self.logo_path:
            org["logo"] = {"@type": "ImageObject", "url": self.logo_url}
        return org


def publisher_current() -> PublicPublisher:
    """The publisher as readers see it (one query)."""
    row = Publisher.objects.values("name", "url", "about", "contact", "logo", "updated_at").first()
    if row is None or not row["name"].strip():
        return PublicPublisher(name=settings.PUBLISHER_NAME, url=settings.PUBLISHER_URL)
    logo_path = ""
    if row["logo"]:
        logo_path = f"{reverse('publisher-logo')}?v={int(row['updated_at'].timestamp())}"
    return PublicPublisher(
        name=row["name"],
        url=row["url"] or settings.PUBLISHER_URL,
        about=row["about"],
        contact=row["contact"],
        logo_path=logo_path,
    )


def publisher_logo_file():
    """The stored logo (a File) and its content type, or None."""
    publisher = Publisher.objects.only("logo").first()
    if publisher is None or not publisher.logo:
        return None
    try:
        from PIL import Image

        handle = publisher.logo.open("rb")
        kind = LOGO_TYPES.get(Image.open(handle).format or "")
        handle.seek(0)
    except (OSError, ValueError):
        return None
    if kind is None:
        handle.close()
        return None
    return handle, kind


def publisher_save(*, actor, **changes) -> Publisher:
    """Set the publisher (the one row, made on the first save). Editors holding the change
    permission only; audited; every public page shows it at once."""
    require_permission(actor, CHANGE_PERMISSION, _("change the publisher"))
    changes = {name: value for name, value in changes.items() if name in PUBLISHER_FIELDS}
    if "logo" in changes and not changes["logo"]:
        changes["logo"] = ""  # the admin's "clear" box
    with transaction.atomic():
        publisher = Publisher.objects.select_for_update().first() or Publisher()
        created = publisher.pk is None
        diff = apply_changes(publisher, changes)
        if not created and not diff:
            return publisher
        validate_instance(publisher)
        try:
            with transaction.atomic():
                publisher.save()
        except IntegrityError:
            raise Conflict(_("Someone else set the publisher meanwhile; reload and try again.")) from None
        if "logo" in diff:
            diff["logo"] = [str(diff["logo"][0] or ""), publisher.logo.name]
        audit_record(actor=actor, action="publisher.set", target=publisher, data={"created": created, "changes": diff})
        public_pages_changed()
    return publisher
