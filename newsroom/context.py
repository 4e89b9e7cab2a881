from verdicts.notifications import notifications_unread_count


def unread_notifications(request) -> dict:
    """How many notifications the signed-in person has not read (one count per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.path.startswith(("/api/", "/admin/")):
        return {}
    return {"unread_notifications": notifications_unread_count(user=user)}
