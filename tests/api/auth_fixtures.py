"""A tiny city corpus with department-restricted documents and one user per role.

Real parts throughout: the bundled e5 model, the Qdrant edge engine (ACL inside its filter),
fugashi and SQLite. 人事課 owns a regulation and FAQ that carry a secret marker (ハヤブサ); a
税務課 member must never see it, by any route.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import SAMPLE_DIR

SECRET = "ハヤブサ"
HR = "人事課"
TAX = "税務課"
HR_TITLE = "みどり市職員人事評価実施要領"
TAX_TITLE = "みどり市市税事務取扱要領"
PASSWORD = "correct-horse-battery"

HR_REGULATION = f"""{HR_TITLE}
令和六年三月一日
人事課長決定

（趣旨）
第一条　この要領は、職員の人事評価の実施に関し必要な事項を定めるものとする。

（評価結果の取扱い）
第二条　人事評価の結果は、昇給及び勤勉手当の決定に用いる。
２　評価結果の記録は、極秘区分{SECRET}として人事課で保管する。
"""

TAX_REGULATION = f"""{TAX_TITLE}
令和五年四月一日
税務課長決定

（趣旨）
第一条　この要領は、市税の賦課及び徴収の事務に関し必要な事項を定めるものとする。

（納税証明書）
第二条　納税証明書の交付は、税務課の窓口で行う。
２　納税証明書の手数料は、一通につき三百円とする。
"""

HR_FAQ = f"""ID,分類,質問,回答,担当課,更新日
HR-001,人事評価,人事評価の結果はどう使われますか。,"人事評価の結果は昇給と勤勉手当に反映され、記録は極秘区分{SECRET}で保管されます。",人事課,2024/04/01
HR-002,人事評価,人事評価の面談はいつありますか。,"期首と期末の年二回、所属長と面談します（{SECRET}手続）。",人事課,2024/04/01
"""


@dataclass
class Actor:
    name: str
    role: str
    departments: tuple[str, ...]
    key: str = ""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


ACTORS = {
    "tax_staff": Actor("tax_staff", "staff", (TAX,)),
    "hr_staff": Actor("hr_staff", "staff", (HR,)),
    "tax_editor": Actor("tax_editor", "editor", (TAX,)),
    "admin": Actor("admin", "admin", ()),
}


def write_corpus(folder: Path) -> dict[str, list[Path]]:
    """Files by audience: public (two sample documents), 人事課 only, 税務課 only."""
    folder.mkdir(parents=True, exist_ok=True)
    public = []
    for name in ("みどり市公印規程.txt", "みどり市職員の勤務時間、休日及び休暇に関する条例.txt"):
        shutil.copy(SAMPLE_DIR / "corpus" / name, folder / name)
        public.append(folder / name)
    (folder / "hr.txt").write_text(HR_REGULATION, encoding="utf-8")
    (folder / "hr_faq.csv").write_text(HR_FAQ, encoding="utf-8")
    (folder / "tax.txt").write_text(TAX_REGULATION, encoding="utf-8")
    return {"public": public, HR: [folder / "hr.txt", folder / "hr_faq.csv"],
            TAX: [folder / "tax.txt"]}


def build_template(data_dir: Path) -> dict[str, Actor]:
    """Ingest the corpus and add the users once; tests copy the folder (embedding is slow)."""
    from core.settings import Settings
    from services.build import build_services

    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    try:
        return _populate(services, data_dir)
    finally:
        services.close()


def open_city(template: Path, actors: dict[str, Actor], data_dir: Path,
              **settings: Any) -> tuple[Any, Any, dict[str, Actor]]:
    """(services, app, actors) on a private copy of the template's data dir."""
    from api.app import create_app
    from core.settings import Settings
    from services.build import build_services

    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    services = build_services(Settings(data_dir=data_dir, _env_file=None, **settings))
    return services, create_app(services=services), actors


def build_city(data_dir: Path, **settings: Any) -> tuple[Any, Any, dict[str, Actor]]:
    """(services, governance-ready app, actors with API keys) over the restricted corpus."""
    from api.app import create_app
    from core.settings import Settings
    from services.build import build_services

    services = build_services(Settings(data_dir=data_dir, _env_file=None, **settings))
    return services, create_app(services=services), _populate(services, data_dir)


def _populate(services: Any, data_dir: Path) -> dict[str, Actor]:
    from db.users import UserStore
    from index.ingest import ingest_files

    files = write_corpus(data_dir / "corpus")
    for audience, paths in files.items():
        report = ingest_files(services.indexer, paths,
                              max_bytes=services.settings.max_upload_bytes,
                              departments=() if audience == "public" else (audience,))
        assert not report["errors"], report["errors"]
    users = UserStore(services.catalog.engine)
    actors = {}
    for key, actor in ACTORS.items():
        users.add(actor.name, role=actor.role, departments=actor.departments,
                  password=PASSWORD)
        actors[key] = Actor(actor.name, actor.role, actor.departments,
                            users.create_key(actor.name)[1])
    return actors
