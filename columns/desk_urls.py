"""Staff routes under /desk/: sign-in, dashboard, queue and triage."""

from django.contrib.auth import views as auth_views
from django.urls import path

from columns.views.desk import actions, bulk, dashboard, letters, queue

app_name = "desk"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="desk/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", dashboard.dashboard, name="dashboard"),
    path("queue/", queue.queue, name="queue"),
    path("queue/bulk/", bulk.bulk, name="bulk"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter"),
    path("letters/<int:pk>/edit/", actions.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/check/", actions.letter_check, name="letter_check"),
    path("letters/<int:pk>/assign/", actions.letter_assign, name="letter_assign"),
    path(
        "letters/<int:pk>/duplicate/",
        actions.letter_duplicate,
        name="letter_duplicate",
    ),
    path("letters/<int:pk>/merge/", actions.letter_merge, name="letter_merge"),
    path(
        "letters/<int:pk>/<slug:action>/",
        actions.letter_decide,
        name="letter_decide",
    ),
]
