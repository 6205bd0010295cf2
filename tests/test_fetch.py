"""`framing fetch` against a local HTTP server on 127.0.0.1 serving pages the test writes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.fetch import USER_AGENT, Target, fetch_corpus, page_file, read_url_list
from framing.load import CorpusError, read_article

PAGE = """<html><head><title>{title}</title></head><body><nav>Home | News | Sport</nav>
<article><h1>{title}</h1><p>{text}</p><p>{text} It was the second time this year.</p>
</article><footer>Copyright 2024</footer></body></html>"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve tmp_path/site on a free loopback port; yields the base URL and the user agents."""
    site = tmp_path / "site"
    site.mkdir()
    for name, title in (("one", "Pier closes"), ("two", "Ferries detour")):
        (site / f"{name}.html").write_text(
            PAGE.format(
                title=title,
                text=f"The harbour board said on Tuesday that {title.lower()} from May, "
                "after engineers found cracks in the old concrete supports of the pier.",
            ),
            encoding="utf-8",
        )
    agents: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def do_GET(self):
            agents.append(self.headers.get("User-Agent", ""))
            super().do_GET()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", agents
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetch_saves_pages_writes_the_manifest_and_resumes(tmp_path, server):
    base, agents = server
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# pages\n{base}/one.html\n{base}/missing.html\n{base}/two.html,Island Post\n\n"
    )
    out = tmp_path / "corpus"
    result = fetch_corpus(read_url_list(urls), out, delay=0, allow_local=True)
    assert (result.fetched, result.kept) == (2, 0)
    assert len(result.failures) == 1 and "missing.html" in result.failures[0]
    assert "404" in result.failures[0]
    manifest = pd.read_csv(out / "manifest.csv", dtype=str)
    assert manifest["url"].tolist() == [f"{base}/one.html", f"{base}/two.html"]
    assert manifest["outlet"].tolist() == ["127.0.0.1", "Island Post"]
    assert set(agents) == {USER_AGENT}
    article = read_article(out, {**manifest.iloc[0].to_dict(), "doc_id": "one"})
    assert article.title == "Pier closes" and "cracks" in article.text
    # a second run fetches only what failed before
    requests_before = len(agents)
    again = fetch_corpus(read_url_list(urls), out, delay=0, allow_local=True)
    assert (again.fetched, again.kept, len(again.failures)) == (0, 2, 1)
    assert len(agents) == requests_before + 1
    assert (out / page_file(f"{base}/one.html")).is_file()


def test_fetch_command_reports_failures_without_stopping(tmp_path, server, capsys):
    base, _ = server
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{base}/gone.html\n{base}/one.html\n")
    out = tmp_path / "corpus"
    assert main(["fetch", str(urls), "--out", str(out), "--delay", "0", "--allow-local"]) == 0
    err = capsys.readouterr().err
    assert "gone.html: not fetched" in err and "1 pages fetched" in err
    assert len(pd.read_csv(out / "manifest.csv")) == 1


def test_local_addresses_are_refused_by_default(tmp_path, server):
    base, agents = server
    result = fetch_corpus([Target(f"{base}/one.html")], tmp_path / "corpus", delay=0)
    assert result.fetched == 0 and "not fetched" in result.failures[0] and agents == []


def test_a_url_list_with_a_bad_line_is_refused(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1/a.html\nnot a url\n")
    with pytest.raises(CorpusError, match="line 2"):
        read_url_list(urls)
