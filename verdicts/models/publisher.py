"""The publisher named on the readers' site and in ClaimReview."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The logo's kinds, as served (verdicts.public_site.publisher), and its size: every reader's browser decodes it.
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
LOGO_MAX_SIDE = 2000


def validate_logo(file) -> None:
    """A logo the site will serve: one of LOGO_TYPES (by its content), at most LOGO_MAX_SIDE pixels a side."""
    from PIL import Image

    try:
        file.seek(0)
        with Image.open(file) as image:
            kind, size = image.format, image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("The logo is not an image that can be read."), code="logo_unreadable") from None
    finally:
        file.seek(0)
    if kind not in LOGO_TYPES:
        raise ValidationError(_("A logo is a PNG, JPEG, GIF or WebP image."), code="logo_type")
    if max(size) > LOGO_MAX_SIDE:
        raise ValidationError(
            _("A logo is at most %(side)d pixels on its longer side; this one is %(width)d × %(height)d."),
            code="logo_size",
            params={"side": LOGO_MAX_SIDE, "width": size[0], "height": size[1]},
        )


class Publisher(models.Model):
    """Who publishes the verdicts, as the public site and ClaimReview name it. One row at most
    (the settings PUBLISHER_NAME and PUBLISHER_URL stand in until an editor sets it)."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web address"), max_length=500, blank=True, help_text=_("The organisation's home page."))
    logo = models.ImageField(
        _("logo"),
        upload_to="publisher/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG, GIF or WebP, shown in the public pages' header and in link previews."),
    )
    about = models.TextField(
        _("about"), blank=True, validators=[MaxLengthValidator(2000)], help_text=_("A few sentences for readers.")
    )
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("An e-mail address or a web address readers can write to."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("publisher")
        verbose_name_plural = _("publisher")
        constraints = [models.CheckConstraint(condition=Q(singleton=True), name="publisher_single_row")]

    def __str__(self):
        return self.name
