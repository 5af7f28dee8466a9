import pghistory

from .context import actor_from_request, during_request

# Requests that may write: the row history records who, from where and on which path.
WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CurrentUserMiddleware:
    """Makes the request's user known to the audit log and to the row history while
    the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with during_request(request):
            if request.method not in WRITING_METHODS:
                return self.get_response(request)
            actor = actor_from_request(request)
            with pghistory.context(
                user=actor.user_id,
                username=actor.username,
                ip_address=actor.ip_address,
                url=request.path,
            ):
                return self.get_response(request)
