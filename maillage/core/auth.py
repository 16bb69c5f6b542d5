"""Sign-in helpers shared by the site's and the admin's login forms."""

USERNAME_MAX_LENGTH = 150  # Django's User.username


def axes_username(request, credentials=None):
    """The username django-axes records for an attempt, cut to what a username can be.

    Django's login forms do not bound the username they authenticate; axes stores it in a
    255-character column, which PostgreSQL refuses to overflow (a 500 on a very long input).
    """
    username = credentials.get("username") if credentials else getattr(request, "POST", {}).get("username")
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username
