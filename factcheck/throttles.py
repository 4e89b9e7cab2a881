"""API throttles: per anonymous client, per signed-in person, per API key.

Kept apart from the views so DRF can import them while its settings load.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from factcheck.middleware import client_address
from factcheck.models import ApiKey


class _RateFromSettings:
    """Read the rate when asked, so configuration changes apply without a restart of the class."""

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(self.scope)


class AnonThrottle(_RateFromSettings, AnonRateThrottle):
    def get_ident(self, request):
        return client_address(request)  # the same client the sign-in limit counts


class UserThrottle(_RateFromSettings, UserRateThrottle):
    def get_cache_key(self, request, view):
        if not request.user.is_authenticated or isinstance(request.auth, ApiKey):
            return None  # anonymous clients and keys have their own throttles
        return super().get_cache_key(request, view)


class KeyThrottle(SimpleRateThrottle):
    """Each API key has its own budget: its `rate`, else API_THROTTLE_KEY."""

    scope = "key"

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get("key", "1000/min")

    def allow_request(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return True
        self.rate = request.auth.rate or self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"throttle_key_{request.auth.pk}"
