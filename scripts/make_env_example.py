"""Write .env.example from core/settings.py: every setting, its default and its description.

    python scripts/make_env_example.py          # rewrite .env.example
    python scripts/make_env_example.py --check  # exit 1 when .env.example is out of date

tests/test_deployment.py fails while the file is out of date, so it stays true.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.settings import Settings  # noqa: E402

TARGET = REPO / ".env.example"
HEADER = """\
# chonai settings: copy to .env (read from the working directory) or set them in the
# environment. Every line shows the default; uncomment and change what you need.
# Generated from core/settings.py by scripts/make_env_example.py: do not edit by hand.
"""


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render() -> str:
    blocks = [HEADER.rstrip("\n")]
    for name, info in Settings.model_fields.items():
        lines = []
        default = info.get_default(call_default_factory=True)
        text = " ".join(filter(None, [info.description,
                                      "(default: unset)" if default is None else None]))
        lines += [f"# {line}" for line in textwrap.wrap(text, 96)]
        lines.append(f"#CHONAI_{name.upper()}={_value(default)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(".env.example is out of date: run python scripts/make_env_example.py",
                  file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
