"""/docs and /redoc inside LGWAN (issue 16, item 9): headless Chromium with every host but
127.0.0.1 unreachable renders both pages, and every request the pages made went to the service
itself (the browser's network log is read back). `make test-browser`.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from core.settings import Settings
from services.build import build_services
from tests.api.test_browser import CHROMEDRIVER, CHROMIUM, _selenium, serving, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _selenium()
    services = build_services(Settings(data_dir=tmp_path_factory.mktemp("docs-var"),
                                       _env_file=None))
    with serving(create_app(services=services)) as base:
        yield base
    services.close()


@pytest.fixture
def offline_browser(docs_server: str) -> Iterator[Any]:
    webdriver = _selenium()
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chonai-docs-profile-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", f"--user-data-dir={profile}", "--window-size=1200,1000",
                # the network is blocked: no name resolves, no proxy answers
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.base = docs_server
    yield driver
    driver.quit()


def requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_docs_and_redoc_render_with_the_network_blocked(offline_browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = offline_browser
    import urllib.request

    with urllib.request.urlopen(f"{driver.base}/docs", timeout=30) as res:
        policy = res.headers["content-security-policy"]
    assert "http" not in policy  # no outside host allowed; the pages still render under it
    driver.get(f"{driver.base}/docs")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock"),
             "swagger-ui operations")
    operations = driver.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock")
    assert len(operations) >= 25
    assert driver.find_elements(By.CSS_SELECTOR, ".swagger-ui .btn.authorize")  # security
    swagger_urls = requested_urls(driver)

    driver.get(f"{driver.base}/redoc")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "[role=menuitem], "
                                                                 "label[role=menuitem]"),
             "redoc menu")
    assert "ErrorBody" in driver.page_source or "message_ja" in driver.page_source
    redoc_urls = requested_urls(driver)

    shots = Path(__file__).resolve().parents[2] / "reports" / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(shots / "redoc-offline.png"))
    outside = [u for u in swagger_urls + redoc_urls  # chrome:// is the browser's own
               if u.startswith(("http:", "https:", "ws:", "wss:"))
               and not u.startswith(driver.base)]
    assert swagger_urls
    assert redoc_urls
    assert outside == []
