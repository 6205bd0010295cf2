"""The HTML reports in a real browser: headless Chromium over every page of every report.

Reports of the seeds, of the three-outlet corpus and of a generated corpus of 20 outlets, plus
any corpus folders listed in FRAMING_BROWSER_CORPORA (separated by the path separator; for
example real three-outlet coverage of a few events, never copied into the project). On every
page: no console error, every image shown, nothing fetched but file: and data: URLs, no
absolute path of this machine, no pandas "…" truncation row inside a table, no code cell nor
prompt (the reader's version is the default). The summary page renders at 1280 px wide
without horizontal scrolling, and its screenshot is checked. In the explorer, searching a term
and clicking it must list its sentences for each outlet that uses it. Every page is saved as a
screenshot under reports/screenshots/.

Debian's `chromium` and `chromium-driver` drive the pages (`make test-browser` installs them);
Selenium is pointed at them and kept offline, so nothing downloads a browser.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(
        "browser tests need Chromium: run `make test-browser`, which installs it",
        allow_module_level=True,
    )

from matplotlib import image  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from framing.cli import main  # noqa: E402
from framing.explore import write_explorer  # noqa: E402
from framing.pipeline import analyze  # noqa: E402
from framing.report import notebook_paths  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "reports" / "screenshots"
#: Folders of further corpora to check the same way (real coverage kept outside the project).
EXTRA_CORPORA = [
    Path(p) for p in os.environ.get("FRAMING_BROWSER_CORPORA", "").split(os.pathsep) if p
]
#: Generated in the test: many outlets on one page.
MANY_OUTLETS = 20
CORPORA = {
    "seeds": ROOT / "seeds",
    "three_outlets": ROOT / "tests" / "fixtures" / "three_outlets",
    "many_outlets": None,
    **{f"extra_{path.name}": path for path in EXTRA_CORPORA},
}
SUMMARY_PAGE = "06_framing_summary.html"
PAGES = ["index.html", *(f"{path.stem}.html" for path in notebook_paths()), "explorer.html"]
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
)
#: Tallest screenshot saved (pixels); longer pages are cut there.
MAX_SHOT_HEIGHT = 12000


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    """Headless Debian Chromium with console and network logs; Selenium Manager kept offline."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield browser
    browser.quit()


def _generator():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    """Each corpus folder; the many-outlet one generated: two articles per outlet."""
    many = tmp_path_factory.mktemp("many") / "many_outlets"
    _generator().generate(many, 2 * MANY_OUTLETS, MANY_OUTLETS)
    return {name: path or many for name, path in CORPORA.items()}


@pytest.fixture(scope="module")
def reports(tmp_path_factory, corpora) -> dict[str, Path]:
    """`framing report` (the reader's version, the default) of every corpus, built once."""
    built = {}
    for name, corpus in corpora.items():
        out = tmp_path_factory.mktemp(f"report-{name}") / "report"
        assert main(["report", str(corpus), "--out", str(out)]) == 0
        built[name] = out
    return built


#: An absolute path of a POSIX machine, as a page could leak it ("/home/...", "/tmp/...").
MACHINE_PATH = re.compile(r"(?<![\w.:/])/(?:home|root|tmp|work|Users|var|mnt|srv|opt|private)/")


def machine_paths(driver, corpus: Path, report: Path) -> list[str]:
    """Absolute paths of this machine in the page: its text, links and sources (data: URIs
    left out)."""
    text = driver.execute_script(
        "return [document.body.innerText,"
        " ...Array.from(document.querySelectorAll('[href],[src]'))"
        ".map((e) => e.getAttribute('href') || e.getAttribute('src'))"
        ".filter((u) => !u.startsWith('data:'))].join('\\n');"
    )
    found = [p for p in (str(corpus.resolve()), str(report.resolve().parent)) if p in text]
    return found + MACHINE_PATH.findall(text)


def truncated_cells(driver) -> list[str]:
    """Table cells holding only pandas' "…" (or "...") marker of rows or columns left out."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('td, th')).map((c) => c.textContent.trim())"
        ".filter((t) => t === '...' || t === '\u2026');"
    )


def code_cells(driver) -> int:
    """Code inputs and prompts on the page: none in the reader's version."""
    return driver.execute_script(
        "return document.querySelectorAll('.jp-CodeMirrorEditor, .jp-InputPrompt,"
        " .jp-OutputPrompt, .jp-CodeCell:not(.jp-mod-noInput)').length;"
    )


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def open_page(driver, path: Path) -> None:
    """Load a page after draining the logs, so the logs read next belong to it alone."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())


def requested_urls(driver) -> list[str]:
    """Every URL the page asked for since it was opened (DevTools network events)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map((entry) => entry.name);"
    )
    return urls + resources


def save_screenshot(driver, target: Path) -> None:
    """A full-page PNG (up to MAX_SHOT_HEIGHT pixels tall)."""
    width, height = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];"
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {
                "x": 0,
                "y": 0,
                "width": width,
                "height": min(height, MAX_SHOT_HEIGHT),
                "scale": 1,
            },
        },
    )
    target.write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_page_loads_offline_with_every_image_visible(
    driver, corpora, reports, screenshots, corpus, page
):
    path = reports[corpus] / page
    assert path.is_file(), f"{page} missing from the {corpus} report"
    open_page(driver, path)
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], f"{corpus}/{page}: console errors"
    images = driver.execute_script(
        "return Array.from(document.images).map((img) => [img.src.slice(0, 40), img.complete,"
        " img.naturalWidth, img.naturalHeight, img.getBoundingClientRect().width]);"
    )
    hidden = [image for image in images if not (image[1] and min(image[2:]) > 0)]
    assert hidden == [], f"{corpus}/{page}: images not shown"
    for svg in driver.find_elements(By.CSS_SELECTOR, "svg#scatter"):
        assert svg.size["width"] > 0 and svg.size["height"] > 0
        assert svg.find_elements(By.CSS_SELECTOR, "circle.dot"), f"{corpus}: empty scatter"
    outside = [url for url in requested_urls(driver) if not url.startswith(("file:", "data:"))]
    assert outside == [], f"{corpus}/{page}: requests left file://"
    assert machine_paths(driver, corpora[corpus], reports[corpus]) == [], f"{corpus}/{page}"
    assert truncated_cells(driver) == [], f"{corpus}/{page}: a table was cut"
    assert code_cells(driver) == 0, f"{corpus}/{page}: code in the reader's version"
    save_screenshot(driver, screenshots / f"{corpus}_{Path(page).stem}.png")


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_summary_page_fits_1280_pixels_and_its_screenshot_shows_it(
    driver, reports, screenshots, corpus
):
    driver.set_window_size(1280, 1000)
    open_page(driver, reports[corpus] / SUMMARY_PAGE)
    scroll, viewport = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )
    assert scroll <= viewport, f"{corpus}: the summary scrolls sideways ({scroll} > {viewport})"
    target = screenshots / f"{corpus}_summary_1280.png"
    save_screenshot(driver, target)
    pixels = image.imread(io.BytesIO(target.read_bytes()), format="png")[..., :3]
    assert pixels.shape[1] <= viewport
    ink = (pixels.min(axis=2) < 0.5).mean()  # dark pixels: text, axes, bars
    colours = len(np.unique((pixels * 15).round().reshape(-1, 3), axis=0))
    assert ink > 0.005, f"{corpus}: the summary screenshot is (nearly) blank"
    assert colours >= 8, f"{corpus}: the summary screenshot shows no chart colours"
    headings = driver.find_elements(By.CSS_SELECTOR, "h3[id^='findings-']")
    outlets = pd.read_csv(reports[corpus] / "tables" / "documents.csv", dtype=str)["outlet"]
    assert len(headings) == outlets.nunique()
    assert driver.find_elements(By.CSS_SELECTOR, "details.finding table.evidence td")


def test_index_links_each_outlets_findings(driver, reports):
    for name, report in reports.items():
        open_page(driver, report / "index.html")
        links = driver.find_elements(By.CSS_SELECTOR, f"a[href^='{SUMMARY_PAGE}#findings-']")
        outlets = pd.read_csv(report / "tables" / "documents.csv", dtype=str)["outlet"]
        assert sorted(link.text for link in links) == sorted(outlets.unique()), name
        links[-1].click()
        anchor = driver.execute_script("return location.hash.slice(1);")
        assert driver.find_element(By.ID, anchor).is_displayed(), name


def test_index_links_the_explorer(reports):
    for report in reports.values():
        assert 'href="explorer.html"' in (report / "index.html").read_text(encoding="utf-8")


def shared_and_own_terms(report: Path) -> tuple[str, str, set[str]]:
    """From the report's terms table: the term most used across every outlet, and a word that
    the fewest outlets use (one, where a word is only one outlet's), with those outlets."""
    table = pd.read_csv(
        report / "tables" / "terms.csv", keep_default_na=False, dtype={"term": str, "outlet": str}
    )
    used = table[table["count"] > 0]
    outlets = used.groupby("term")["outlet"].nunique()
    everywhere = outlets[outlets == used["outlet"].nunique()].index
    shared = (
        used[used["term"].isin(everywhere)]
        .groupby("term")["count"]
        .sum()
        .sort_values(ascending=False, kind="stable")
        .index[0]
    )
    words = used[used["n"] == 1].assign(users=lambda f: f["term"].map(outlets))
    rare = words.groupby("term").agg(users=("users", "first"), count=("count", "sum"))
    own = rare.sort_values(["users", "count"], ascending=[True, False], kind="stable").index[0]
    return shared, own, set(used.loc[used["term"] == own, "outlet"])


def pick_term(driver, term: str) -> None:
    """Type a term in the search box and click it in the list."""
    search = driver.find_element(By.ID, "search")
    search.clear()
    search.send_keys(term)
    more = driver.find_element(By.ID, "show-all")
    if more.is_displayed():  # more matches than the list shows at first
        more.click()
    driver.find_element(By.CSS_SELECTOR, f'#terms .term[data-term="{term}"]').click()


def listed_outlets(driver) -> set[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#sentences .sentence[data-outlet]")
    return {row.get_attribute("data-outlet") for row in rows}


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_explorer_lists_a_searched_terms_sentences_in_each_outlet(
    driver, reports, screenshots, corpus
):
    report = reports[corpus]
    shared, own, owners = shared_and_own_terms(report)
    outlets = set(pd.read_csv(report / "tables" / "documents.csv", dtype=str)["outlet"])
    open_page(driver, report / "explorer.html")

    pick_term(driver, own)
    assert listed_outlets(driver) == owners
    marks = driver.find_elements(By.CSS_SELECTOR, "#sentences .sentence mark")
    assert marks and all(mark.text.lower().startswith(own.split()[0][:3]) for mark in marks)

    pick_term(driver, shared)
    assert listed_outlets(driver) == outlets
    heads = driver.find_elements(By.CSS_SELECTOR, "#sentences section[data-outlet] h3")
    assert {head.text.split(":")[0] for head in heads} == outlets
    assert driver.find_element(By.ID, "sentences").get_attribute("data-term") == shared
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    save_screenshot(driver, screenshots / f"{corpus}_explorer_term_selected.png")


def test_explorer_outlet_picker_redraws_the_scatter(driver, reports):
    report = reports["three_outlets"]
    open_page(driver, report / "explorer.html")
    picker = driver.find_element(By.ID, "outlet")
    options = picker.find_elements(By.TAG_NAME, "option")
    assert len(options) == 3
    labels = []
    for option in options:
        option.click()
        axis = driver.find_elements(By.CSS_SELECTOR, "#scatter text")
        labels.append(" ".join(text.text for text in axis))
        assert option.text in labels[-1]
    assert len(set(labels)) == 3


def test_hostile_article_text_is_shown_as_text_never_run(driver, tmp_path, corpus_copy):
    corpus = corpus_copy(CORPORA["three_outlets"])
    article = corpus / "northern_wire_0604.txt"
    hostile = (
        "Delegates said the pledge <script>window.pwned = 1</script> was a pledge in name only. "
        'Another pledge <img src=x onerror="window.pwned = 2"> was posted online.'
    )
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("Related Coverage", f"{hostile}\n\n{hostile}"), encoding="utf-8"
    )
    page = write_explorer(analyze(corpus), tmp_path / "explorer.html")
    open_page(driver, page)
    pick_term(driver, "pledge")
    texts = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#sentences .sentence")]
    assert any("<script>window.pwned = 1</script>" in text for text in texts)
    assert driver.execute_script("return window.pwned === undefined;")
    assert driver.find_elements(By.CSS_SELECTOR, "#sentences script, #sentences img") == []
    outside = [url for url in requested_urls(driver) if not url.startswith(("file:", "data:"))]
    assert outside == []
