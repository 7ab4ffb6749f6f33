"""Project package: settings, URL configuration and the WSGI/ASGI entry points."""
