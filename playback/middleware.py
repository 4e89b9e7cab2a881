"""Route requests to the playback origin to the playback URLs, and nothing else there."""

from playback.origin import is_playback_request


class PlaybackOriginMiddleware:
    """On the playback origin only the playback URLs exist (no newsroom, admin or API); the app's
    own URLconf has none of them, so the replay is never served on the app's host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_playback_request(request):
            request.urlconf = "playback.urls"
            request.is_playback = True
        return self.get_response(request)
