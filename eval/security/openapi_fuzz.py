"""Fuzz the API from its own OpenAPI document with Schemathesis (issue 16, item 9).

Every operation, as an anonymous caller and as an administrator, on real services over two
sample documents: no 500 (no undeclared 5xx at all) and no reply that breaks the declared
schema (status, content type, body). `make security` prints its summary row.

    python -m eval.security.openapi_fuzz [--examples 30] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample" / "corpus"
FILES = ("みどり市公印規程.txt", "みどり市職員FAQ.csv")


def fuzz_app(data_dir: Path) -> tuple[Any, str, Any]:
    """(app, an admin's API key, services) over a fresh data dir with two sample documents."""
    from api.app import create_app
    from core.settings import Settings
    from db.users import UserStore
    from index.ingest import ingest_files
    from services.build import build_services

    settings = Settings(data_dir=data_dir, _env_file=None, rate_limit_per_minute=0)
    services = build_services(settings)
    ingest_files(services.indexer, [SAMPLE / name for name in FILES],
                 max_bytes=settings.max_upload_bytes)
    users = UserStore(services.catalog.engine)
    users.add("fuzz-admin", role="admin")
    _key_id, key = users.create_key("fuzz-admin")
    return create_app(services=services), key, services


def fuzz(app: Any, *, admin_key: str, max_examples: int = 8) -> dict[str, Any]:
    import schemathesis
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [response_schema_conformance, status_code_conformance, content_type_conformance]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    callers = {"anonymous": {}, "admin": {"Authorization": f"Bearer {admin_key}"}}
    out: dict[str, Any] = {"operations": 0, "calls": 0, "statuses": {}, "server_errors": [],
                           "schema_violations": []}
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        out["operations"] += 1
        for who, headers in callers.items():
            try:
                _runner(operation, who, headers, out, checks, max_examples)()
            except Exception as err:  # a failure Hypothesis re-raised after shrinking
                out["schema_violations"].append(
                    f"{who} {operation.method.upper()} {operation.path}: "
                    f"{' '.join(str(err).split())[:300]}")
    out["seconds"] = round(time.monotonic() - started, 1)
    return out


def _runner(operation: Any, who: str, headers: dict[str, str], out: dict[str, Any],
            checks: list[Any], max_examples: int) -> Any:
    """A Hypothesis test that calls `operation` with generated cases and records failures."""
    from hypothesis import HealthCheck, Phase, given, settings

    where = f"{who} {operation.method.upper()} {operation.path}"

    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        try:
            response = case.call(headers=headers)
        except Exception as err:  # the app raised instead of answering: a 500
            out["server_errors"].append(f"{where} raised {type(err).__name__}: {err}"[:300])
            return
        out["calls"] += 1
        status = str(response.status_code)
        out["statuses"][status] = out["statuses"].get(status, 0) + 1
        if response.status_code >= 500 and response.status_code not in (503, 507):
            out["server_errors"].append(f"{where} → {status}: {response.text[:200]}")
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except Exception as err:  # schemathesis' failure group: one line each
            out["schema_violations"].append(
                f"{where} → {status}: {' '.join(str(err).split())[:300]}")

    return run


def summary(report: dict[str, Any]) -> list[list[str]]:
    return [
        ["OpenAPI fuzzing (Schemathesis): operations × callers, calls",
         f"{report['operations']} × 2, {report['calls']} calls in {report['seconds']} s"],
        ["OpenAPI fuzzing: responses 500 (undeclared 5xx)", str(len(report["server_errors"]))],
        ["OpenAPI fuzzing: schema violations (status, content type, body)",
         str(len(report["schema_violations"]))],
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.security.openapi_fuzz",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=30, help="cases per operation and caller")
    parser.add_argument("--json", type=Path, help="write the report here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="chonai-fuzz-") as tmp:
        app, key, services = fuzz_app(Path(tmp))
        try:
            report = fuzz(app, admin_key=key, max_examples=args.examples)
        finally:
            services.close()
    report["summary"] = summary(report)
    report["ok"] = not report["server_errors"] and not report["schema_violations"]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    for label, value in report["summary"]:
        print(f"{label}: {value}")
    for line in report["server_errors"][:5] + report["schema_violations"][:5]:
        print(f"  {line}", file=sys.stderr)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
