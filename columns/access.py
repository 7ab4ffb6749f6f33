"""Who may enter the desk. Roles are permissions granted by the Editor and
Columnist groups (see the roles migration); superusers have them all."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def is_editor(user) -> bool:
    return user.is_active and user.has_perm("columns.triage_question")


def is_columnist(user) -> bool:
    return user.is_active and user.has_perm("columns.draft_answer")


def _requires(test: Callable[[object], bool]) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied("Your account has no role on the desk.")
            return view(request, *args, **kwargs)

        return guarded

    return decorator


# Anonymous visitors go to the login page; signed-in users without the role get 403.
desk_member_required = _requires(lambda user: is_editor(user) or is_columnist(user))
editor_required = _requires(is_editor)
