"""URL configuration: the back office under /admin/; the app adds its own routes."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
