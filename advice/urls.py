"""URL configuration: the back office under /admin/, the desk under /desk/, the
public site (archive, intake) at the root."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/answers/", include("columns.editor_urls")),
    path("desk/", include("columns.desk_urls")),
    path("", include("columns.urls")),
]
