"""Staff routes under /desk/: sign-in, dashboard, queue and triage."""

from django.contrib.auth import views as auth_views
from django.urls import path

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
]
