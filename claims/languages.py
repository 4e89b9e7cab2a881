"""The languages offered first wherever a claim's language is chosen (any other well-formed BCP 47
tag is taken too: "pt-BR", "sr-Latn")."""

from django.utils.translation import gettext_lazy as _

LANGUAGES = [
    ("en", _("English")), ("uk", _("Ukrainian")), ("ru", _("Russian")), ("de", _("German")), ("fr", _("French")),
    ("es", _("Spanish")), ("it", _("Italian")), ("pl", _("Polish")), ("pt", _("Portuguese")), ("nl", _("Dutch")),
    ("ar", _("Arabic")), ("tr", _("Turkish")), ("zh", _("Chinese")), ("ja", _("Japanese")), ("hi", _("Hindi")),
]  # fmt: skip
