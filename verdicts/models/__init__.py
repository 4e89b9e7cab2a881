"""The verdicts app's models, a module each: verdicts, their translations, webhooks, the publisher."""

from verdicts.models.publisher import LOGO_MAX_SIDE, LOGO_TYPES, Publisher, validate_logo
from verdicts.models.translation import TranslationStatus, VerdictTranslation
from verdicts.models.verdict import Verdict, VerdictStatus
from verdicts.models.webhooks import WebhookDelivery, WebhookEvent, WebhookSubscription

__all__ = [
    "LOGO_MAX_SIDE",
    "LOGO_TYPES",
    "Publisher",
    "TranslationStatus",
    "Verdict",
    "VerdictStatus",
    "VerdictTranslation",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
    "validate_logo",
]
