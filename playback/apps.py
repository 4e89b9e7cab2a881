from django.apps import AppConfig


class PlaybackConfig(AppConfig):
    name = "playback"
    verbose_name = "Playback"

    def ready(self):
        from playback import checks  # noqa: F401 (registers the system checks)
