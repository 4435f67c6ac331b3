"""Deployment artifacts: the nginx configuration and the release bundle (zip with SHA256SUMS)."""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import jinja2

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
# Plain-text templates (nginx.conf, 使用说明.txt): no HTML escaping.
_TEXT = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
)
DEFAULT_PREFIX = "/zfzrz/"
DEFAULT_SITE_ROOT = "/srv/zfzrz/site"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed member dates keep the zip byte-identical across builds


def inline_script_hashes(*sites: Path) -> list[str]:
    """CSP source expressions ('sha256-…') for every distinct executable inline script in the sites."""
    hashes = set()
    for page in sorted(p for site in sites for p in site.rglob("*.html")):
        for m in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            kind = re.search(r'type\s*=\s*"([^"]+)"', m.group("attrs"))
            if kind and kind.group(1) not in ("text/javascript", "module"):
                continue  # data blocks (application/json) are never executed
            digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def content_security_policy(*sites: Path) -> str:
    """A policy the whole site works under: same-origin everything, inline scripts by hash only."""
    scripts = " ".join(["'self'", *inline_script_hashes(*sites)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def check_prefix(prefix: str) -> str:
    """A URL path prefix such as /zfzrz/; raise ValueError otherwise."""
    if not re.fullmatch(r"/(?:[A-Za-z0-9._~-]+/)*", prefix):
        raise ValueError(f"--prefix must be a URL path that starts and ends with '/', e.g. /zfzrz/: {prefix}")
    return prefix


def nginx_conf(sites: list[Path], prefix: str, root: str, title: str) -> str:
    """The nginx location block for hosting a site under `prefix`, files at `root` on the server.

    `sites` are builds of the same content whose inline scripts the policy must allow: the site as
    shipped, and a build with a site_url under `prefix` (its 404 page names the prefix in a script).
    """
    return _TEXT.get_template("nginx.conf.j2").render(
        prefix=check_prefix(prefix), root=root, title=title, csp=content_security_policy(*sites)
    )


def prefixed_build(root: Path, prefix: str, dest: Path) -> Path:
    """A throwaway build with site_url under prefix; only its inline scripts are used."""
    from generator.build import build_site

    return build_site(root, dest, site_url=f"http://localhost{check_prefix(prefix)}")


def sha256sums(folder: Path) -> str:
    """`sha256sum`-compatible listing of every file under folder, sorted by path."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def tree_hash(folder: Path) -> str:
    """Short content hash of a folder: names the bundle, changes whenever any byte of the site does."""
    return hashlib.sha256(sha256sums(folder).encode("utf-8")).hexdigest()[:12]


def write_zip(folder: Path, top: str, zip_path: Path) -> None:
    """Zip every file of folder under `top/`, sorted, with fixed dates and permissions."""
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


def make_bundle(root: Path, out: Path, **overrides: Any) -> Path:
    """Build the site and pack it as <slug>-<content hash>.zip in `out`.

    The zip holds <name>/site/ (the site), <name>/使用说明.txt, <name>/nginx.conf and
    <name>/SHA256SUMS covering every other file; the same content gives the same zip, byte for byte.
    Raises write.OutputError, before building, when `out` is the project, one of its source
    folders or a file.
    """
    from generator.build import build_site, load_project
    from generator.write import check_destination

    check_destination(out, root)
    project = load_project(root)
    reg = project.regulation
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / "stage"
        site = build_site(root, stage / "site", **overrides)
        name = f"{reg.slug}-{tree_hash(site)}"
        other = prefixed_build(root, DEFAULT_PREFIX, Path(tmp) / "prefixed")
        (stage / "nginx.conf").write_text(
            nginx_conf([site, other], DEFAULT_PREFIX, DEFAULT_SITE_ROOT, reg.title), encoding="utf-8"
        )
        readme = _TEXT.get_template("readme.txt.j2").render(
            title=reg.title, name=name, citation_code=reg.citation_code
        )
        # CRLF and a BOM so that every Windows Notepad shows the Chinese text correctly.
        (stage / "使用说明.txt").write_text("\ufeff" + readme.replace("\n", "\r\n"), encoding="utf-8")
        (stage / "SHA256SUMS").write_text(sha256sums(stage), encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        zip_path = out / f"{name}.zip"
        write_zip(stage, name, zip_path)
    return zip_path
