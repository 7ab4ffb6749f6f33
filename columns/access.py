"""Who may enter the desk. Roles are permissions granted by the Editor and
Columnist groups (see the roles migration); superusers have them all.

With ``ADVICE_REQUIRE_2FA``, editors and superusers must also have signed in with
two-step sign-in (``columns.twofactor``): one without it set up is sent to set it up,
one who has it but signed in without a code is sent to sign in again.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from columns import twofactor
from columns.workflow.core import may

# What a user still has to do before staff pages open (see ``two_factor_step``).
SET_UP = "set_up"
VERIFY = "verify"
SET_UP_FIRST = "Your account needs two-step sign-in: set it up to continue."
VERIFY_FIRST = "Sign in again with your authenticator app or a recovery code."

# What a columnist is told on an editors' page, by page; then where their work is.
EDITORS_ONLY = {
    "desk:queue": "The review queue is for editors.",
    "desk:bulk": "The review queue is for editors.",
}
EDITORS_ONLY_ELSEWHERE = "Deciding on letters is for editors."


def is_editor(user) -> bool:
    return may(user, "triage_question")


def is_columnist(user) -> bool:
    return may(user, "draft_answer")


def is_staff_member(user) -> bool:
    """Anyone with a desk role or back-office access."""
    return is_editor(user) or is_columnist(user) or (user.is_active and user.is_staff)


def two_factor_required(user) -> bool:
    """Whether ``ADVICE_REQUIRE_2FA`` applies to ``user`` anywhere: on the desk to
    editors and superusers, in the back office to everyone."""
    return settings.ADVICE_REQUIRE_2FA and (is_editor(user) or is_staff_member(user))


def two_factor_step(user, *, everyone: bool = False) -> str | None:
    """``SET_UP`` or ``VERIFY`` when ``ADVICE_REQUIRE_2FA`` holds ``user`` back
    (editors and superusers; with ``everyone``, any user), else None. Costs no
    query when two-step sign-in is not required."""
    if not settings.ADVICE_REQUIRE_2FA or not user.is_authenticated:
        return None
    if not (everyone or is_editor(user)) or twofactor.is_verified(user):
        return None
    return VERIFY if twofactor.has_device(user) else SET_UP


def refusal(request: HttpRequest) -> str:
    """Why ``request.user`` may not open this desk page, and what they may use."""
    user = request.user
    if is_columnist(user):
        match = request.resolver_match
        page = EDITORS_ONLY.get(
            match.view_name if match else "", EDITORS_ONLY_ELSEWHERE
        )
        return (
            f"{page} Your answers are under Answers, and the letters assigned to "
            "you on the dashboard."
        )
    if user.is_active and user.is_staff:
        return "Your account has no role on the desk: it can use the back office only."
    return (
        "Your account has no role on the desk: an administrator can give it the "
        "Editor or Columnist role."
    )


def _requires(test: Callable[[object], bool], *, two_factor: bool = True) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied(refusal(request))
            step = two_factor_step(request.user) if two_factor else None
            if step == SET_UP:
                messages.info(request, SET_UP_FIRST)
                return redirect("desk:two_factor")
            if step == VERIFY:
                messages.info(request, VERIFY_FIRST)
                return redirect_to_login(request.get_full_path())
            return view(request, *args, **kwargs)

        return guarded

    return decorator


# Anonymous visitors go to the login page; signed-in users without the role get 403.
desk_member_required = _requires(lambda user: is_editor(user) or is_columnist(user))
editor_required = _requires(is_editor)
# The user's own sign-in settings: open before two-step sign-in is done, since that
# is where it is set up.
staff_required = _requires(is_staff_member, two_factor=False)
