"""URL configuration: the back office under /admin/, the desk under /desk/, the
public site (archive, intake) at the root, and the health endpoint /healthz."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from columns.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("desk/answers/", include("columns.editor_urls")),
    path("desk/", include("columns.desk_urls")),
    path("", include("columns.urls")),
]

# Uploaded images in development; production serves MEDIA_ROOT from the web server
# or object storage. (static() adds nothing when DEBUG is off.)
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
