"""`framing fetch`: download a list of article URLs into a corpus folder of saved pages.

Politely: one request at a time, a pause between two requests to the same site, and a user
agent that says what is asking. A page already saved is not fetched again, so a stopped run
resumes where it stopped; a URL that fails is reported and the others go on. The manifest
(file, outlet, url) lists every page saved so far and is rewritten after each one.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from trafilatura.downloads import fetch_response
from trafilatura.settings import DEFAULT_CONFIG

from framing.load import CorpusError

#: Sent with every request, so site owners can see who fetches and why.
USER_AGENT = "framing/0.1 (news framing research; one request at a time)"
#: Seconds allowed for one download.
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Target:
    """One URL to fetch and the outlet to file it under ('' = its site)."""

    url: str
    outlet: str = ""


@dataclass
class FetchResult:
    """What a run did: pages downloaded now, pages already saved, and one line per failure."""

    fetched: int = 0
    kept: int = 0
    failures: list[str] = field(default_factory=list)


def read_url_list(path: str | Path) -> list[Target]:
    """URLs, one a line, optionally followed by a comma or tab and the outlet; blank lines and
    lines starting with # are skipped. Refuses a missing file or a line that is not a URL."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    targets = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        url, _, outlet = line.replace("\t", ",").partition(",")
        url = url.strip()
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise CorpusError(f"{path} line {number}: {url!r} is not an http(s) URL")
        targets.append(Target(url, outlet.strip()))
    if not targets:
        raise CorpusError(f"{path}: lists no URLs; give one URL a line")
    return targets


def site_of(url: str) -> str:
    """The site of a URL, as the outlet when none is given: its host without 'www.'."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def page_file(url: str) -> str:
    """A stable file name for a URL's page: the same URL always lands in the same file."""
    return f"{hashlib.sha1(url.encode('utf-8')).hexdigest()[:16]}.html"


def download(url: str, allow_local: bool = False) -> bytes:
    """The page's bytes, with trafilatura's downloader and framing's user agent; raises
    OSError with the reason when the download fails or the status is not 200.

    Addresses of this machine and of private networks are refused (trafilatura's SSRF
    protection) unless `allow_local`, for an archive served on an intranet or this machine.
    """
    config = copy.deepcopy(DEFAULT_CONFIG)
    config.set("DEFAULT", "USER_AGENTS", USER_AGENT)
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(TIMEOUT_SECONDS))
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_local else "on")
    response = fetch_response(url, config=config)
    if response is None:
        raise OSError("no response (unreachable host, refused connection or time-out)")
    if response.status != 200:
        raise OSError(f"HTTP status {response.status}")
    if not response.data:
        raise OSError("empty response")
    return bytes(response.data)


def _write_manifest(out: Path, rows: Sequence[dict[str, str]]) -> None:
    """Write manifest.csv through a temporary file, so it is never half-written."""
    staging = out / ".manifest.csv.tmp"
    with staging.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "outlet", "url"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(staging, out / "manifest.csv")


def fetch_corpus(
    targets: Sequence[Target],
    out_dir: str | Path,
    delay: float = 2.0,
    allow_local: bool = False,
) -> FetchResult:
    """Download each target's page into out_dir (skipping pages already there) and write the
    manifest of every saved page, in the order of the list.

    Args:
        targets: the URLs (and outlets) to fetch.
        out_dir: the corpus folder; created if needed.
        delay: seconds to wait between two requests to the same site.
        allow_local: also fetch from this machine and private networks (see `download`).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise CorpusError(f"{out}: exists and is a file; give a folder for the corpus")
    out.mkdir(parents=True, exist_ok=True)
    result, rows, last_request = FetchResult(), [], {}
    for target in dict.fromkeys(targets):
        name, site = page_file(target.url), site_of(target.url)
        path = out / name
        if path.is_file() and path.stat().st_size:
            result.kept += 1
        else:
            wait = last_request.get(site, -float("inf")) + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            last_request[site] = time.monotonic()
            try:
                data = download(target.url, allow_local)
            except OSError as problem:
                result.failures.append(f"{target.url}: not fetched ({problem})")
                continue
            staging = path.with_name(f".{name}.tmp")
            staging.write_bytes(data)
            os.replace(staging, path)
            result.fetched += 1
        rows.append({"file": name, "outlet": target.outlet or site, "url": target.url})
        _write_manifest(out, rows)
    if not rows:
        _write_manifest(out, rows)
    return result
