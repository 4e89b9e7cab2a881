"""API keys: made and revoked by admins (services), checked on every API request."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from rest_framework import authentication, exceptions, permissions

from factcheck.audit import audit_record
from factcheck.errors import InvalidInput
from factcheck.guards import require_permission
from factcheck.models import ApiKey

KEY_PREFIX = "fck"
_TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is precise to a minute, not a write per request


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_key_create(*, actor, name: str, owner, scope: str = ApiKey.Scope.READ_PUBLISHED, rate: str = ""):
    """Create a key; returns (ApiKey, the key itself), which is never shown again."""
    require_permission(actor, "factcheck.add_apikey", gettext_noop("create API keys"))
    if scope not in ApiKey.Scope.values:
        raise InvalidInput(gettext("“%(scope)s” is not a key scope.") % {"scope": scope})
    if not (name or "").strip():
        raise InvalidInput(gettext("Name the client the key is for."))
    if rate and not _valid_rate(rate):
        raise InvalidInput(gettext("A rate looks like “1000/min” (per sec, min, hour or day)."))
    prefix = secrets.token_hex(4)
    plaintext = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        key = ApiKey.objects.create(
            name=name.strip(), owner=owner, scope=scope, prefix=prefix, key_hash=_hash(plaintext),
            rate=rate, created_by=actor,
        )  # fmt: skip
        audit_record(actor=actor, action="apikey.create", target=key, data={"scope": scope, "owner": owner.pk})
    return key, plaintext


def api_key_revoke(*, actor, key_id: int) -> ApiKey:
    require_permission(actor, "factcheck.change_apikey", gettext_noop("revoke API keys"))
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=key_id)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            audit_record(actor=actor, action="apikey.revoke", target=key)
    return key


def _valid_rate(rate: str) -> bool:
    count, _, period = rate.partition("/")
    return count.isdigit() and period[:1] in ("s", "m", "h", "d")


def api_key_check(presented: str) -> ApiKey | None:
    """The live key matching `presented`, or None."""
    parts = presented.split("_", 2)  # the secret part may itself contain "_"
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    key = ApiKey.objects.select_related("owner").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if key is None or not hmac.compare_digest(key.key_hash, _hash(presented)) or not key.owner.is_active:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > _TOUCH_EVERY:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Api-Key fck_…`: the request acts as the key's owner, within its scope."""

    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        keyword, _, presented = header.partition(" ")
        if keyword != self.keyword:
            return None
        key = api_key_check(presented.strip())
        if key is None:
            raise exceptions.AuthenticationFailed("This API key is not valid, or was revoked.")
        return key.owner, key

    def authenticate_header(self, request):
        return self.keyword


def key_scope(request) -> str | None:
    return request.auth.scope if isinstance(request.auth, ApiKey) else None


class StaffRead(permissions.BasePermission):
    """Staff endpoints: a signed-in person, or a key that may read everything (or write).
    Writes need a person or a write key. The owner's role still decides."""

    message = "This needs a signed-in person or an API key with a wider scope."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        scope = key_scope(request)
        if scope is None:
            return True
        if request.method in permissions.SAFE_METHODS:
            return scope in (ApiKey.Scope.READ_ALL, ApiKey.Scope.WRITE)
        return scope == ApiKey.Scope.WRITE
