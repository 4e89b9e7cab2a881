from django.apps import AppConfig


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = "Verdicts and publishing"
