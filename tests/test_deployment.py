"""Deployment is right by default (issue 16, item 8), checked statically: no Docker engine runs
in CI, so the compose file and Dockerfile are read and held to what production needs."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


def dockerfile() -> list[str]:
    """Instructions with continuation lines joined."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def pinned(name: str) -> str:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    return next(d.split("==")[1] for d in deps if d.startswith(f"{name}=="))


def test_production_services_do_not_load_the_sample_city() -> None:
    services = compose()["services"]
    for name in ("app", "app-cluster"):
        command = " ".join(services[name].get("command") or [])
        assert "--load-sample" not in command, name
        assert "CHONAI_SAMPLE_DIR" not in (services[name].get("environment") or {})
        assert services[name]["environment"]["CHONAI_AUTH_REQUIRED"] == "true"


def test_qdrant_image_matches_the_qdrant_client_minor_version() -> None:
    client = pinned("qdrant-client").split(".")[:2]
    images = [s["image"] for s in compose()["services"].values()
              if str(s.get("image", "")).startswith("qdrant/qdrant:")]
    assert images
    for image in images:
        tag = image.split(":", 1)[1]
        assert re.fullmatch(r"v\d+\.\d+\.\d+", tag), image  # an exact release, not latest
        assert tag[1:].split(".")[:2] == client, (image, client)


def test_image_is_pinned_non_root_and_has_a_healthcheck() -> None:
    lines = dockerfile()
    base_arg = next(line for line in lines if line.startswith("ARG BASE="))
    base = base_arg.split("=", 1)[1]
    assert re.fullmatch(r"python:3\.11\.\d+-slim-[a-z]+(@sha256:[0-9a-f]{64})?", base), base
    assert "FROM ${BASE}" in lines
    users = [line.split(None, 1)[1] for line in lines if line.startswith("USER ")]
    assert users, "no USER instruction"
    assert users[-1] not in ("root", "0")
    cmd_index = next(i for i, line in enumerate(lines) if line.startswith("CMD "))
    assert lines.index(f"USER {users[-1]}") < cmd_index  # the server itself runs unprivileged
    health = [line for line in lines if line.startswith("HEALTHCHECK ")]
    assert len(health) == 1
    assert "/api/ready" in health[0]
    assert "--load-sample" not in lines[cmd_index]


def test_env_example_lists_every_setting_with_its_default() -> None:
    make = runpy.run_path(str(REPO / "scripts" / "make_env_example.py"))
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    assert text == make["render"](), "run: python scripts/make_env_example.py"
    from core.settings import Settings

    listed = dict(re.findall(r"^#(CHONAI_[A-Z0-9_]+)=(.*)$", text, re.M))
    assert set(listed) == {f"CHONAI_{n.upper()}" for n in Settings.model_fields}
    assert listed["CHONAI_TOP_K"] == str(Settings.model_fields["top_k"].default)
    assert listed["CHONAI_AUTH_REQUIRED"] == "false"


def test_version_flag() -> None:
    out = subprocess.run([sys.executable, "-m", "api.cli", "--version"], cwd=REPO,
                         capture_output=True, text=True, check=True)
    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert out.stdout.strip() == f"chonai {version}"
