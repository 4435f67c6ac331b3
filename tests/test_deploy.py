"""nginx configuration, served headers, and the release bundle."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import PREFIX, ROOT

from generator.deploy import check_prefix, make_bundle, sha256sums


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@pytest.mark.slow
def test_shipped_nginx_conf_is_current(tmp_path: Path) -> None:
    """deploy/nginx.conf must allow exactly this build's inline scripts (regenerate after upgrades)."""
    out = tmp_path / "nginx.conf"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "nginx", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8"), (
        "deploy/nginx.conf is stale: run python -m generator nginx --out deploy/nginx.conf"
    )


def test_prefix_is_checked() -> None:
    assert check_prefix("/a/b-c/") == "/a/b-c/"
    with pytest.raises(ValueError) as exc:
        check_prefix("zfzrz")
    assert str(exc.value) == "--prefix must be a URL path that starts and ends with '/', e.g. /zfzrz/: zfzrz"


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("articles/art-19.html", "text/html; charset=utf-8"),
        ("assets/stylesheets/kb.css", "text/css; charset=utf-8"),
        ("assets/javascripts/jump.js", "application/javascript; charset=utf-8"),
        ("data/regulation.json", "application/json; charset=utf-8"),
    ],
)
def test_nginx_types_compression_and_headers(nginx_site, path: str, mime: str) -> None:
    status, headers, body = fetch(nginx_site.url(PREFIX + path))
    assert status == 200
    assert headers["content-type"] == mime
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (nginx_site.site / path).read_bytes()
    assert headers["cache-control"] == "no-cache"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["content-security-policy"].startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "frame-ancestors 'self'" in headers["content-security-policy"]


def test_nginx_caches_fingerprinted_bundles_for_good(nginx_site) -> None:
    bundle = next((nginx_site.site / "assets/javascripts").glob("bundle.*.min.js")).name
    status, headers, _ = fetch(nginx_site.url(f"{PREFIX}assets/javascripts/{bundle}"))
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "content-security-policy" in headers


def test_nginx_redirects_and_404(nginx_site) -> None:
    status, headers, _ = fetch(nginx_site.url(PREFIX.rstrip("/")))
    assert status == 200  # followed the 301 to /zfzrz/
    status, headers, body = fetch(nginx_site.url(PREFIX + "no-such-page.html"), gzip_ok=False)
    assert status == 404
    # Relative links; the page's script points them at the root it finds (tests/test_browser_pages.py).
    assert b'data-kb-css="./assets/stylesheets/kb.css"' in body and "页面不存在".encode() in body


@pytest.mark.slow
def test_bundle(tmp_path: Path) -> None:
    zip_path = make_bundle(ROOT, tmp_path / "dist")
    assert re.fullmatch(r"jilin-zfzrz-[0-9a-f]{12}\.zip", zip_path.name)
    top = zip_path.stem
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "x")
    assert f"{top}/site/index.html" in names
    assert f"{top}/使用说明.txt" in names and f"{top}/nginx.conf" in names and f"{top}/SHA256SUMS" in names
    assert not [n for n in names if n.endswith(".map")]
    # The site's own search ships its index as scripts (the laws' in shards under
    # assets/javascripts/search/); the theme's search files (lunr, its worker, search/ at the root)
    # are not shipped.
    theme_search = ("/lunr/", "/workers/", f"{top}/site/search/")
    assert [n for n in names if any(part in n for part in theme_search)] == []
    assert f"{top}/site/assets/javascripts/search-index.js" in names
    assert f"{top}/site/assets/javascripts/search/meta.js" in names
    unpacked = tmp_path / "x" / top
    check = subprocess.run(
        ["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    listed = (unpacked / "SHA256SUMS").read_text(encoding="utf-8")
    assert len(listed.splitlines()) == len(names) - 1
    assert (
        (unpacked / "使用说明.txt")
        .read_text(encoding="utf-8-sig")
        .startswith("《吉林市行政执法责任制规定》离线知识库")
    )
    # Same content, same bytes.
    again = make_bundle(ROOT, tmp_path / "again")
    assert again.name == zip_path.name
    assert again.read_bytes() == zip_path.read_bytes()


def test_sha256sums_format(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_bytes(b"x")
    (tmp_path / "b" / "c.txt").write_bytes(b"")
    assert sha256sums(tmp_path) == (
        "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  a.txt\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b/c.txt\n"
    )


def _get_all(server, prefix: str, site: Path) -> dict[str, int]:
    """Status of every file of the site as the server returns it (only the ones that are not 200)."""
    bad = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        status, _, _ = fetch(server.url(prefix + urllib.parse.quote(rel)))
        if status != 200:
            bad[rel] = status
    return bad


@pytest.mark.slow
def test_readme_nginx_steps_with_workers_as_another_user(tmp_path: Path) -> None:
    """The README's hosting steps, followed literally, with nginx workers running as another user
    than the builder (nginx.WORKER_USER when the tests run as root): every file is served (200)."""
    import os
    import shutil

    from generator.nginx import Nginx

    # Build as a user would: `python -m generator build` (into a private folder of the builder's).
    built = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(built)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    # 1. copy site/ to the server, e.g. /srv/zfzrz/site (a plain `cp -r`, which keeps the modes).
    srv = Path(tempfile.mkdtemp(prefix="kb-srv-"))
    try:
        srv.chmod(0o755)
        (srv / "zfzrz").mkdir(mode=0o755)
        served = srv / "zfzrz" / "site"
        subprocess.run(["cp", "-r", str(built), str(served)], check=True)
        # 2. include deploy/nginx.conf after adjusting alias (and the prefix, kept /zfzrz/ here) ...
        shipped = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
        assert "alias /srv/zfzrz/site/;" in shipped
        block = shipped.replace("alias /srv/zfzrz/site/;", f"alias {served}/;")
        # 3. nginx -t (Nginx checks the configuration with -t before starting), then open /zfzrz/.
        server = Nginx(block, tmp_path / "nginx-shipped")
        try:
            if os.geteuid() == 0:
                workers = subprocess.run(
                    ["ps", "-o", "user=", "--ppid", str(server.process.pid)], capture_output=True, text=True
                ).stdout.split()
                assert workers and set(workers) == {"nobody"}
            assert fetch(server.url("/zfzrz/"))[0] == 200
            assert _get_all(server, "/zfzrz/", served) == {}
        finally:
            server.stop()
        # 2'. ... or generate one for your paths with `python -m generator nginx ... --out zfzrz.conf`.
        conf = tmp_path / "zfzrz.conf"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "nginx",
                "--prefix",
                "/zfzrz/",
                "--site-root",
                str(served),
                "--out",
                str(conf),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        server = Nginx(conf.read_text(encoding="utf-8"), tmp_path / "nginx-generated")
        try:
            assert _get_all(server, "/zfzrz/", served) == {}
            status, _, body = fetch(server.url("/zfzrz/articles/art-99.html"), gzip_ok=False)
            assert status == 404 and "页面不存在".encode() in body
        finally:
            server.stop()
    finally:
        shutil.rmtree(srv)


@pytest.mark.browser
@pytest.mark.parametrize(
    "missing", ["no/such.html", "no/such/page.html", "a/b/c/d.html"], ids=["depth-1", "depth-2", "depth-3"]
)
def test_not_found_page_at_any_depth_under_the_prefix(browser, nginx_site, missing: str) -> None:
    """A missing path in folders the site does not have: the styled Chinese 404 page, its links at
    the site's root (the page asks each folder of the path for itself, deepest first)."""
    from conftest import OfflinePage

    origin = nginx_site.url("")
    context = browser.new_context()
    watched = OfflinePage(context, (origin + "/",))
    page = watched.page
    response = page.goto(origin + PREFIX + missing)
    assert response.status == 404
    # Styled once the probes found the root: the theme's stylesheet lays the header out.
    page.wait_for_function(
        "() => document.querySelector('.md-header') &&"
        " getComputedStyle(document.querySelector('.md-header')).position === 'sticky'"
    )
    assert page.evaluate("() => document.baseURI") == origin + PREFIX
    assert page.locator("h1").inner_text() == "页面不存在"
    assert page.locator(".md-header__button.md-logo svg").bounding_box()["height"] < 60
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert hrefs and [h for h in hrefs if not h.startswith(origin + PREFIX)] == []
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_load_state("load")
    assert page.url == origin + PREFIX + "index.html"
    assert page.locator("h1").first.inner_text() == "吉林市行政执法责任制规定"
    context.close()
    # The page itself, and one probe per folder below the root (each a 404 the browser logs).
    depth = missing.count("/")
    assert watched.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ] * (1 + depth)
    assert watched.external == []
