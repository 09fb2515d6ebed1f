"""Short Annotated aliases for route dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.governance import Governance, current_user, get_governance, require_role
from api.observability import Metrics
from db.users import User
from services.build import Services


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def _user(request: Request) -> User:
    return current_user(request)


UserDep = Annotated[User, Depends(_user)]
"""The caller: an API key, SSO header or session user, else anonymous (public documents only)."""
StaffDep = Annotated[User, Depends(require_role("staff"))]
EditorDep = Annotated[User, Depends(require_role("editor"))]
AdminDep = Annotated[User, Depends(require_role("admin"))]
GovernanceDep = Annotated[Governance, Depends(get_governance)]


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


MetricsDep = Annotated[Metrics, Depends(get_metrics)]
