"""The page in real headless Chromium (Debian's chromium + chromium-driver, driven by selenium):
the ask flow with citations, the personal-information warning, an upload with progress and
department isolation, a streamed answer. Screenshots go to reports/browser/ (the path is printed).

Run with `make test-browser`; skipped when chromium, chromedriver or selenium is missing.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from eval.llm_server import running_llm_server
from tests.api.auth_fixtures import HR, PASSWORD, SECRET, TAX, open_city
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SHOTS = REPO_ROOT / "reports" / "browser"
HR_QUERY = "人事評価の結果の記録はどこで保管する？"
WAIT_S = 60


def _selenium() -> Any:
    try:
        import selenium.webdriver as webdriver
    except ImportError:
        pytest.skip("selenium is not installed (pip install selenium==4.43.0)")
    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip("chromium / chromedriver not found: apt-get install -y chromium "
                    "chromium-driver")
    return webdriver


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app on a real uvicorn server on a free 127.0.0.1 port, in a thread."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(city_template: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _selenium()
    services, app, _actors = open_city(*city_template, tmp_path_factory.mktemp("city-browser"),
                                       abstain_threshold=0.0)
    with serving(app) as base:
        yield base
    services.close()


@pytest.fixture(scope="module")
def llm_page(city_template: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page with an LLM that streams slowly (eval/llm_server.py, model 'drip')."""
    _selenium()
    with running_llm_server() as (url, _requests):
        services, app, _actors = open_city(
            *city_template, tmp_path_factory.mktemp("city-browser-llm"), abstain_threshold=0.0,
            llm_base_url=url, llm_model="drip")
        with serving(app) as base:
            yield base
        services.close()


@pytest.fixture
def browser(server: str, tmp_path: Path) -> Iterator[Any]:
    webdriver = _selenium()
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
                "--window-size=1200,1000", "--lang=ja"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    driver.base = server
    yield driver
    driver.quit()


def wait_for(driver: Any, predicate: Any, what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_S, poll_frequency=0.1).until(
        lambda d: predicate(d), message=f"timed out waiting for {what}")


def by_id(driver: Any, element_id: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def shot(driver: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")
    return path


def ask(driver: Any, query: str) -> None:
    from selenium.webdriver.common.keys import Keys

    box = by_id(driver, "query")
    box.clear()
    box.send_keys(query, Keys.ENTER)  # keyboard only


def answered(driver: Any) -> bool:
    return by_id(driver, "answer").is_displayed() or by_id(driver, "similar").is_displayed()


def login(driver: Any, name: str) -> None:
    driver.get(driver.base + "/#login")
    wait_for(driver, lambda d: by_id(d, "login-name").is_displayed(), "the login form")
    by_id(driver, "login-name").clear()
    by_id(driver, "login-name").send_keys(name)
    by_id(driver, "login-password").send_keys(PASSWORD)
    by_id(driver, "login-form").submit()
    wait_for(driver, lambda d: name in by_id(d, "who").text, f"{name} logged in")


def test_ask_flow_with_citation_and_feedback(browser: Any) -> None:
    browser.get(browser.base + "/")
    assert "庁内QA" in browser.title
    ask(browser, "年休は何日もらえる？")
    wait_for(browser, answered, "an answer")
    assert "[1]" in by_id(browser, "answer-text").text
    citation = css(browser, "#citations .cite-open")[0]
    assert "勤務時間" in citation.text or "FAQ" in citation.text
    shot(browser, "01-answer")
    # the first regulation citation opens the article with the cited 項 highlighted
    regulation = next((c for c in css(browser, "#citations .cite-open") if "条" in c.text),
                      citation)
    regulation.click()
    wait_for(browser, lambda d: css(d, "#doc-body .chunk.cited, #doc-body .cited"),
             "the article text with the cited paragraph")
    assert css(browser, "#doc-body mark.quote")
    shot(browser, "02-article")
    by_id(browser, "doc-close").click()
    css(browser, "button.rate[data-rating='1']")[0].click()
    wait_for(browser, lambda d: "送信しました" in by_id(d, "feedback-status").text, "feedback")


def test_streamed_answer_shows_a_draft_then_the_checked_reply(browser: Any,
                                                             llm_page: str) -> None:
    browser.get(llm_page + "/")
    ask(browser, "年休は何日もらえる？")
    wait_for(browser, lambda d: css(d, "#answer-text .draft"), "the draft while tokens arrive")
    assert "下書き" in by_id(browser, "status").text
    shot(browser, "10-streaming-draft")
    wait_for(browser, lambda d: css(d, "#citations .cite-open"), "the checked answer")
    assert not css(browser, "#answer-text .draft")
    assert "[1]" in by_id(browser, "answer-text").text
    assert "抜粋" not in by_id(browser, "answer-text").text  # generated, not the excerpt fallback
    assert by_id(browser, "status").text == ""
    shot(browser, "11-streaming-final")


def test_personal_information_warning(browser: Any) -> None:
    browser.get(browser.base + "/")
    ask(browser, "田中さん（090-1234-5678）の年休は何日？")
    wait_for(browser, lambda d: by_id(d, "pii-dialog").is_displayed(), "the warning popup")
    listed = by_id(browser, "pii-list").text
    assert "氏名" in listed
    assert "電話番号" in listed
    shot(browser, "03-pii-warning")
    by_id(browser, "pii-rephrase").click()
    assert not by_id(browser, "pii-dialog").is_displayed()
    assert browser.switch_to.active_element == by_id(browser, "query")
    assert not answered(browser)
    ask(browser, "田中さんの年休は何日？")
    wait_for(browser, lambda d: by_id(d, "pii-dialog").is_displayed(), "the warning again")
    by_id(browser, "pii-confirm").click()
    wait_for(browser, answered, "the confirmed answer")


def test_upload_with_progress(browser: Any, tmp_path: Path) -> None:
    login(browser, "tax_editor")
    browser.get(browser.base + "/#upload")
    wait_for(browser, lambda d: css(d, "input[name=departments][value='税務課']"),
             "the department choice")
    path = tmp_path / "市税窓口要領.txt"
    path.write_text("みどり市市税窓口要領\n令和六年四月一日\n\n（趣旨）\n第一条　この要領は、"
                    "市税の窓口事務に関し必要な事項を定める。\n\n（受付時間）\n第二条　窓口の"
                    "受付時間は、午前八時三十分から午後五時までとする。\n", encoding="utf-8")
    by_id(browser, "upload-files").send_keys(str(path))
    css(browser, "input[name=departments][value='*']")[0].click()  # not public
    css(browser, "input[name=departments][value='税務課']")[0].click()
    by_id(browser, "upload-form").submit()
    wait_for(browser, lambda d: css(d, "#upload-progress li"), "per-file progress")
    wait_for(browser, lambda d: css(d, "#report"), "the ingestion report")
    assert "登録が完了しました" in by_id(browser, "upload-status").text
    row = css(browser, "#upload-progress li")[0]
    assert "完了" in row.text
    assert css(browser, "#upload-progress progress")[0].get_attribute("value") == "100"
    assert "市税窓口要領" in by_id(browser, "doc-table").text
    shot(browser, "04-upload-report")


def test_department_isolation(browser: Any) -> None:
    login(browser, "tax_staff")
    browser.get(browser.base + "/#ask")
    ask(browser, HR_QUERY)
    wait_for(browser, answered, "tax_staff's answer")
    page = browser.find_element("tag name", "main").text
    assert SECRET not in page
    assert HR not in by_id(browser, "citations").text
    shot(browser, "05-isolation-tax")
    by_id(browser, "who").find_element("tag name", "button").click()  # log out
    wait_for(browser, lambda d: "ゲスト" in by_id(d, "who").text, "logged out")
    login(browser, "hr_staff")
    browser.get(browser.base + "/#ask")
    ask(browser, HR_QUERY)
    wait_for(browser, lambda d: SECRET in by_id(d, "main").text, "hr_staff sees the secret")
    shot(browser, "06-isolation-hr")
    assert TAX not in by_id(browser, "who").text


def test_readable_at_200_percent_zoom(browser: Any) -> None:
    browser.set_window_size(640, 900)  # a 1280px screen at 200% zoom
    browser.get(browser.base + "/")
    ask(browser, "公印を押してもらうには？")
    wait_for(browser, answered, "an answer")
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    shot(browser, "07-zoom-200")


def test_admin_and_feedback_pages(browser: Any) -> None:
    browser.get(browser.base + "/")
    ask(browser, "庁舎の屋上でバーベキューをしてよいか")  # logged; may be an abstention
    wait_for(browser, lambda d: answered(d) or by_id(d, "status").text, "a reply")
    login(browser, "admin")
    browser.get(browser.base + "/#admin")
    wait_for(browser, lambda d: css(d, "#stats dd"), "usage statistics")
    wait_for(browser, lambda d: css(d, "#audit-table tbody tr"), "the audit log")
    by_id(browser, "audit-verify").click()
    wait_for(browser, lambda d: "改ざんは見つかりませんでした" in by_id(d, "audit-status").text,
             "the chain check")
    assert "tax_editor" in by_id(browser, "users-table").text
    shot(browser, "08-admin")
    browser.get(browser.base + "/#feedback")
    wait_for(browser, lambda d: css(d, "#feedback-list li"), "the feedback list")
    shot(browser, "09-feedback")
