"""Reversed URLs, remembered.

Public pages link the same few addresses many times (the header and footer on
every page, each list item's column and topics), and reversing a URL is the
dearest part of drawing them. An address depends only on the URL's name, its
arguments and the script prefix, so each is reversed once per process.
"""

from functools import lru_cache

from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=8192)
def _address(url_name: str, args: tuple, prefix: str) -> str:
    return reverse(url_name, args=args)


def address(url_name: str, *args) -> str:
    """``reverse(url_name, args=args)``, remembered."""
    return _address(url_name, tuple(str(arg) for arg in args), get_script_prefix())
