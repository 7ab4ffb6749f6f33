"""Rendering public pages for baking, through the same views and middleware as a
request from a reader, so that a baked file is the page byte for byte."""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse

from columns.pagecache import BAKING


class PageRenderer:
    """Renders GET requests for paths of the site at ``SITE_URL``."""

    def __init__(self) -> None:
        self.handler = BaseHandler()
        self.handler.load_middleware()
        site = urlsplit(settings.SITE_URL)
        secure = site.scheme == "https"
        self.environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": site.hostname or "localhost",
            "SERVER_PORT": str(site.port or (443 if secure else 80)),
            "HTTP_HOST": site.netloc,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": site.scheme or "http",
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            BAKING: True,
        }

    def request(self, path: str) -> WSGIRequest:
        """A reader's ``GET path``."""
        environ = {**self.environ, "PATH_INFO": path, "wsgi.input": io.BytesIO()}
        return WSGIRequest(environ)

    def get(self, path: str) -> HttpResponse:
        """The response to ``GET path``, as a reader would get it."""
        response = self.handler.get_response(self.request(path))
        if callable(getattr(response, "render", None)):
            response.render()
        return response
