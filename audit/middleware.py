from .context import during_request


class CurrentUserMiddleware:
    """Makes the request's user known to the audit log while the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with during_request(request):
            return self.get_response(request)
