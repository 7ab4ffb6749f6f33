"""Friendly error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form came back without its security token (expired page, cookies off)."""
    return render(request, "403_csrf.html", status=403)
