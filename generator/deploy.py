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

# An inline script element in a template's source: no src attribute (data-kb-src is one too).
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
# The theme's templates whose inline scripts the site's pages carry (mkdocs-material 9.x): the storage
# helpers, the colour palette, the tab link. Every template of the project's own theme folder
# (site_overrides) and of each part's theme folder counts as well. test_render_escape checks a build carries no other inline script.
THEME_SCRIPTS = (
    "base.html",
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)
PROJECT_ROOT = Path(__file__).parent.parent
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


def theme_dirs(root: Path) -> tuple[Path, Path]:
    """The project's theme folder (mkdocs.yml theme.custom_dir) and mkdocs-material's templates."""
    import material
    import yaml

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    custom = (config.get("theme") or {}).get("custom_dir", "site_overrides")
    return root / custom, Path(material.__file__).parent / "templates"


def template_scripts(root: Path) -> list[str]:
    """The Jinja source of every executable inline script the project's templates hold: each
    template of its theme folder, and the theme's THEME_SCRIPTS unless the folder overrides them."""
    from generator.parts import PARTS

    custom, theme = theme_dirs(root)
    files = sorted(custom.rglob("*.html"))
    # The parts' theme folders are theme folders too (the plugin adds them after custom_dir).
    files += sorted(p for part in PARTS if part.theme is not None for p in part.theme.rglob("*.html"))
    files += [theme / name for name in THEME_SCRIPTS if not (custom / name).exists()]
    bodies = []
    for path in files:
        source = _JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for m in _INLINE_SCRIPT.finditer(source):
            kind = re.search(r'type\s*=\s*"([^"]+)"', m.group("attrs"))
            if kind and kind.group(1) not in ("text/javascript", "module"):
                continue  # data blocks (application/json, text/plain) are never executed
            bodies.append(m.group("body"))
    return bodies


def page_depth(*sites: Path) -> int:
    """How many folders deep the deepest page of the sites lies (articles/art-1.html: 1)."""
    return max(
        (len(p.relative_to(site).parts) - 1 for site in sites for p in site.rglob("*.html")), default=0
    )


def inline_script_hashes(*sites: Path, root: Path = PROJECT_ROOT) -> list[str]:
    """CSP source expressions ('sha256-…') for the project's own inline scripts, taken from its
    templates (template_scripts), never from built pages: text of the content that a page shows as
    a script can never be allowed. A script that names the page's base_url (the theme's storage
    scope: "..", "../..") is hashed for each depth a page of the sites has."""
    env = jinja2.Environment(autoescape=False)
    depth = page_depth(*sites)
    bases = [".", *("/".join([".."] * n) for n in range(1, depth + 1))]
    hashes = set()
    for body in template_scripts(root):
        template = env.from_string(body)
        for base in bases if "{" in body else ["."]:
            text = template.render(base_url=base, config={"extra": {}})
            digest = hashlib.sha256(text.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def content_security_policy(*sites: Path, root: Path = PROJECT_ROOT) -> str:
    """A policy the whole site works under: same-origin everything, inline scripts by hash only."""
    scripts = " ".join(["'self'", *inline_script_hashes(*sites, root=root)])
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


def nginx_conf(sites: list[Path], prefix: str, root: str, title: str, project: Path = PROJECT_ROOT) -> str:
    """The nginx location block for hosting a site under `prefix`, files at `root` on the server.

    `sites` are builds of the same content: the policy allows the inline scripts of the templates of
    `project` (the project folder) at every page depth they have.
    """
    return _TEXT.get_template("nginx.conf.j2").render(
        prefix=check_prefix(prefix), root=root, title=title, csp=content_security_policy(*sites, root=project)
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
