"""One summary table from several suite reports (their `summary` rows and `ok`), so `make
security` ends with a single answer.

    python -m eval.summary var/security/security_files.json var/security/probes.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def table(reports: Sequence[tuple[str, dict[str, Any]]]) -> str:
    lines = ["| suite | figure | value |", "|---|---|---|"]
    for name, report in reports:
        for label, value in report.get("summary", []):
            lines.append(f"| {name} | {label} | {value} |")
        lines.append(f"| {name} | **passed** | **{'yes' if report.get('ok') else 'NO'}** |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path, help="JSON files written by --json")
    args = parser.parse_args(argv)
    reports = []
    for path in args.reports:
        try:
            reports.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError) as err:
            print(f"summary: error: {path}: {err}", file=sys.stderr)
            return 1
    print(table(reports))
    return 0 if all(r.get("ok") for _, r in reports) else 1


if __name__ == "__main__":
    raise SystemExit(main())
