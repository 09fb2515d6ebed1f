"""Login for the page (session cookie + CSRF token) and who-am-I for every client."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import GovernanceDep, ServicesDep, UserDep
from api.governance import SESSION_COOKIE
from api.schemas import LoginReply, LogoutReply, MeReply

router = APIRouter(prefix="/api/auth", tags=["auth"])


class LoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


@router.post("/login", response_model=LoginReply,
             summary="Log in with name and password; sets the session cookie")
def login(body: LoginBody, response: Response, services: ServicesDep,
          gov: GovernanceDep) -> dict[str, Any]:
    """JSON only (a cross-site form cannot send it), and the cookie is HttpOnly + SameSite=Strict;
    state-changing calls must echo `csrf_token` in the X-CSRF-Token header."""
    token, user = gov.users.login(body.name, body.password)
    settings = services.settings
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_ttl_s, httponly=True,
                        samesite="strict", secure=settings.cookie_secure, path="/")
    gov.audit.record(user=user.name, role=user.role, action="login",
                     department=",".join(user.departments) or None)
    return {"user": user.to_dict(), "csrf_token": user.csrf_token}


@router.post("/logout", response_model=LogoutReply,
             summary="End the session")
def logout(request: Request, response: Response, user: UserDep,
           gov: GovernanceDep) -> dict[str, Any]:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        gov.users.logout(token)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True, "user": user.name}


@router.get("/me", response_model=MeReply,
             summary="The caller, its role, departments and CSRF token")
def me(user: UserDep, services: ServicesDep) -> dict[str, Any]:
    return {"user": user.to_dict(), "csrf_token": user.csrf_token,
            "auth_required": services.settings.auth_required,
            "pii_guard": services.settings.pii_guard}
