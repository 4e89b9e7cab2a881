class FetchError(Exception):
    """A capture that did not succeed, with a stable code and a readable message.

    `transient` errors (timeouts, connection trouble, 429/503) are worth retrying;
    the others are recorded as failed snapshots at once.
    """

    def __init__(self, code: str, message: str, *, transient: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.transient = transient
        self.retry_after = retry_after

    def __repr__(self):
        return f"FetchError({self.code!r}, {self.message!r}, transient={self.transient})"
