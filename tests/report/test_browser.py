"""The Mali report and an injection case opened in headless Chromium (selenium): DOM, network, console, pixels."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from tests.report.browser import start_browser, stop_browser
from toolkit.cli import app

INJECTION = [
    "<script>window.__pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.__pwned = 2; alert(2)">',
    '<a href="javascript:window.__pwned = 3">cliquez ici</a> : le compte a été piraté',
    '=HYPERLINK("http://example.org","x") Our account was hacked by criminals.',
]


@pytest.fixture(scope="module")
def browser():
    driver = start_browser()
    yield driver
    stop_browser(driver)


def requests_made(driver, page: str) -> list[str]:
    """URLs requested by the page (CDP ``Network.requestWillBeSent`` events whose document is the page)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent" and message["params"].get("documentURL") == page:
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def test_browser_mali_report(browser, mali_dir):
    from PIL import Image, ImageStat
    from selenium.webdriver.common.by import By

    report = mali_dir / "cases" / "mali-2020" / "report.html"
    browser.get_log("performance"), browser.get_log("browser")
    page = report.resolve().as_uri()
    browser.get(page)
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.tag")
    assert any(m.text == "Twitter en a été informé" for m in marks)
    assert browser.find_elements(By.CSS_SELECTOR, "mark.dim-audience") and browser.find_elements(By.CSS_SELECTOR, "mark.negated")
    table = browser.find_element(By.ID, "claims-evidence")
    assert "contradicted" in table.text and "tiegoum maiga" in table.text and "1 day later" in table.text
    image = browser.find_element(By.ID, "timeline-image")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 100
    assert "opinion nationale et internationale" in browser.find_element(By.ID, "summary").text
    assert not browser.find_elements(By.TAG_NAME, "script")
    urls = requests_made(browser, page)
    assert page in urls and all(u.startswith(("file:", "data:")) for u in urls), urls
    assert console_errors(browser) == []
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("L")
    assert max(ImageStat.Stat(shot).stddev) > 20


def test_browser_injection_is_text(browser, tmp_path):
    import pandas as pd
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    frame = pd.DataFrame({
        "case_id": "inject", "statement_id": [f"s{i}" for i in range(1, 5)],
        "timestamp": ["2020-01-06", "2020-01-07", "2020-01-08", "2020-01-09"],
        "speaker": ["Org", "<b>Org</b>", "Org", "Org"], "speaker_role": "official",
        "language": ["en", "en", "fr", "en"], "text": INJECTION,
        "source_url": ["javascript:window.__pwned = 4", "", "", "https://example.org/post"],
    })
    source = tmp_path / "inject.csv"
    frame.to_csv(source, index=False)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["analyze", str(source), "--out", str(out), "--report", "--quiet"])
    assert result.exit_code == 0, result.output
    browser.get_log("performance"), browser.get_log("browser")
    page = (out / "cases" / "inject" / "report.html").resolve().as_uri()
    browser.get(page)
    body = browser.find_element(By.TAG_NAME, "body").text
    for text in INJECTION[:2]:
        assert text in body
    assert '<a href="javascript:window.__pwned = 3">' in body
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert not browser.find_elements(By.TAG_NAME, "script")
    assert not browser.find_elements(By.CSS_SELECTOR, "img[src='x'], a[href^='javascript']")
    for link in browser.find_elements(By.CSS_SELECTOR, "a[href]"):
        assert link.get_attribute("href").startswith(("file:", "https:")), link.get_attribute("href")
    urls = requests_made(browser, page)
    assert page in urls and all(u.startswith(("file:", "data:")) for u in urls), urls
    assert console_errors(browser) == []
    markdown = (out / "cases" / "inject" / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "<img" not in markdown and "](javascript" not in markdown
