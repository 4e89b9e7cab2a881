"""Domain errors raised by services.

Every interface maps them the same way: admin and views show the message,
the API answers 400 (InvalidInput), 403 (ActionForbidden) or 409 (Conflict).
"""


class DomainError(Exception):
    """A refusal with a message meant for the person who asked; `http_status` is what the API and
    the pages answer with."""

    http_status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """The request is missing something or contains something wrong."""


class ActionForbidden(DomainError):
    """The person may not take this action."""

    http_status = 403


class Conflict(DomainError):
    """The object is not in a state that allows this, or changed meanwhile."""

    http_status = 409


class StaleVersion(Conflict):
    """Somebody else saved first; nothing was overwritten."""
