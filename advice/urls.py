"""URL configuration: the back office under /admin/, everything else in the app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("columns.urls")),
]
