"""Development answers a missing page and an error with the site's own pages when
SITE_ERROR_PAGES is on, and with Django's technical pages when it is off."""

import pytest
from django.test import Client
from django.urls import include, path


def boom(request):
    raise RuntimeError("the view broke")


urlpatterns = [
    path("boom/", boom),
    path("", include("advice.urls")),
]

DEVELOPMENT = {"DEBUG": True, "SITE_ERROR_PAGES": True, "ROOT_URLCONF": __name__}


@pytest.fixture
def development(settings):
    for name, value in DEVELOPMENT.items():
        setattr(settings, name, value)
    return settings


@pytest.mark.django_db
def test_an_unknown_address_gets_the_sites_404_page(development):
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We couldn't find that page" in body
    assert "Using the URLconf" not in body


@pytest.mark.django_db
def test_a_view_that_finds_nothing_gets_the_sites_404_page(development):
    response = Client().get("/columns/no-such-column/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_slash_is_still_redirected(development):
    assert Client().get("/columns").status_code == 301


@pytest.mark.django_db
def test_an_error_gets_the_sites_500_page_and_the_traceback_is_logged(
    development, caplog
):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "the view broke" not in response.content.decode()
    error = next(r for r in caplog.records if r.name == "django.request")
    assert error.exc_info[1].args == ("the view broke",)


@pytest.mark.django_db
def test_off_brings_back_djangos_technical_pages(development):
    development.SITE_ERROR_PAGES = False
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert "Using the URLconf" in response.content.decode()
