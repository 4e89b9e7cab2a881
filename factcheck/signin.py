"""Password guesses have one limit, wherever they are made.

Changing a password asks for the current one, so a wrong one there is a guess like a failed
sign-in: it is counted by django-axes against the same user name and address, and once the pair
is locked out, neither the sign-in form nor the password change takes the right password either."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed


class PasswordChangeView(auth_views.PasswordChangeView):
    def post(self, request, *args, **kwargs):
        credentials = {"username": request.user.get_username()}
        if settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, credentials):
            return get_lockout_response(request, None, credentials)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("old_password", "password_incorrect"):
            # axes counts it, and marks the request locked out when this was one guess too many
            user_login_failed.send(
                sender=type(self), credentials={"username": self.request.user.get_username()}, request=self.request
            )
        return super().form_invalid(form)
