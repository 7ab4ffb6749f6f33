"""Staff routes under /desk/: sign-in, two-step sign-in settings, dashboard, queue
and triage."""

from django.contrib.auth import views as auth_views
from django.urls import path

from columns.views.desk import account, actions, bulk, dashboard, letters, queue

app_name = "desk"

urlpatterns = [
    path("login/", account.DeskLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/two-factor/", account.two_factor, name="two_factor"),
    path(
        "account/two-factor/start/",
        account.two_factor_start,
        name="two_factor_start",
    ),
    path(
        "account/two-factor/confirm/",
        account.two_factor_confirm,
        name="two_factor_confirm",
    ),
    path(
        "account/two-factor/recovery-codes/",
        account.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path("account/two-factor/off/", account.two_factor_off, name="two_factor_off"),
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
