"""WSGI entry point (gunicorn advice.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advice.settings")

application = get_wsgi_application()
