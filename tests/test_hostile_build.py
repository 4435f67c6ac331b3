"""Hostile and odd inputs to build, bundle and import (issue 23): the build never replaces what it did
not make, and every failure is one located message with a non-zero exit, never a traceback.

Each case runs on a throwaway copy of the project (tests/conftest.py: copy_project) from inside it,
as a user types the command, and asserts the exact message and that nothing changed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SOURCE

from generator.cli import main
from generator.write import MARKER, MARKER_HEAD


def tree_hash(folder: Path) -> str:
    """One hash of every name, link target and file byte under `folder` (links not followed)."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            h.update(f"L {rel} -> {os.readlink(path)}\n".encode())
        elif path.is_dir():
            h.update(f"D {rel}\n".encode())
        else:
            h.update(f"F {rel} ".encode() + hashlib.sha256(path.read_bytes()).digest() + b"\n")
    return h.hexdigest()


def marked_site(folder: Path, files: tuple[str, ...] = ("index.html", "articles/art-01.html")) -> None:
    """A folder as an earlier build left it: its files and the marker listing them."""
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("old", encoding="utf-8")
    (folder / MARKER).write_text("\n".join([MARKER_HEAD, *files]) + "\n", encoding="utf-8")


# Each case: (id, set-up in the project copy, command line, message after "<project>/").
Setup = Callable[[Path], None]


def nothing(p: Path) -> None:
    pass


def admin_folder(p: Path) -> None:
    (p / "admin/backups").mkdir(parents=True)
    (p / "admin/README-admin.txt").write_text("do not delete", encoding="utf-8")


def five_files(p: Path) -> None:
    (p / "out").mkdir()
    for name in "abcde":
        (p / "out" / f"{name}.txt").write_text(name, encoding="utf-8")


def a_file(p: Path) -> None:
    (p / "notes.txt").write_text("notes", encoding="utf-8")


def marked_plus_file(p: Path) -> None:
    marked_site(p / "out")
    (p / "out/extra.txt").write_text("mine", encoding="utf-8")


def marked_plus_nested(p: Path) -> None:
    marked_site(p / "out")
    (p / "out/articles/notes.html").write_text("mine", encoding="utf-8")


def hidden_only(p: Path) -> None:
    (p / "out").mkdir()
    (p / "out/.htaccess").write_text("Deny from all", encoding="utf-8")


def link_inside(p: Path) -> None:
    (p / "out").mkdir()
    (p / "out/data").symlink_to(p / "content")


def forged_marker(p: Path) -> None:
    (p / "out").mkdir()
    (p / "out" / MARKER).write_text("not ours\n", encoding="utf-8")
    (p / "out/keep.txt").write_text("mine", encoding="utf-8")


def link_to_content(p: Path) -> None:
    (p / "out").symlink_to(p / "content")


def link_to_project(p: Path) -> None:
    (p / "up").symlink_to(p)


def bad_regulation(p: Path) -> None:
    (p / "imp").mkdir()
    (p / "imp/regulation.yaml").write_text("title: x\nchapters: [1, 2\n", encoding="utf-8")


def list_regulation(p: Path) -> None:
    (p / "imp").mkdir()
    (p / "imp/regulation.yaml").write_text("- a\n- b\n", encoding="utf-8")


def bad_article(p: Path) -> None:
    (p / "imp/articles").mkdir(parents=True)
    (p / "imp/articles/art-02.yaml").write_text("number: 2\ncaption: [\n", encoding="utf-8")


def tab_article(p: Path) -> None:
    (p / "imp/articles").mkdir(parents=True)
    (p / "imp/articles/art-03.yaml").write_text("number: 3\n\tcaption: x\n", encoding="utf-8")


def bomb_article(p: Path) -> None:
    # A YAML alias bomb in a record of the output folder: refused at once, never expanded.
    (p / "imp/articles").mkdir(parents=True)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (p / "imp/articles/art-04.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


WILL_NOT_BUILD = "will not build the site here"
HOLDS = "it holds files the build did not write ({}); move them away or choose another folder"
SOURCE_TXT = str(SOURCE)

# fmt: off
CASES: list[tuple[str, Setup, list[str], str]] = [
    # build --site-dir: the project and its source folders
    ("content", nothing, ["build", "--site-dir", "content"], "content: {b}: it is content/, a source folder of the project"),
    ("content-slash", nothing, ["build", "--site-dir", "content/"], "content: {b}: it is content/, a source folder of the project"),
    ("content-dotdot", nothing, ["build", "--site-dir", "content/../content"], "content: {b}: it is content/, a source folder of the project"),
    ("content-laws", nothing, ["build", "--site-dir", "content/laws"], "content/laws: {b}: it is inside content/, a source folder of the project"),
    ("content-new", nothing, ["build", "--site-dir", "content/articles/new"], "content/articles/new: {b}: it is inside content/, a source folder of the project"),
    ("project", nothing, ["build", "--site-dir", "."], ": {b}: it is the project folder"),
    ("project-abs", nothing, ["build", "--site-dir", "{root}"], ": {b}: it is the project folder"),
    ("checklists", nothing, ["build", "--site-dir", "checklists"], "checklists: {b}: it is checklists/, a source folder of the project"),
    ("generator", nothing, ["build", "--site-dir", "generator/templates"], "generator/templates: {b}: it is inside generator/, a source folder of the project"),
    ("overrides", nothing, ["build", "--site-dir", "site_overrides/assets"], "site_overrides/assets: {b}: it is inside site_overrides/, a source folder of the project"),
    ("tests", nothing, ["build", "--site-dir", "tests"], "tests: {b}: it is tests/, a source folder of the project"),
    ("git", nothing, ["build", "--site-dir", ".git"], ".git: {b}: it is .git/, a source folder of the project"),
    ("link-to-content", link_to_content, ["build", "--site-dir", "out"], "out: {b}: it is content/, a source folder of the project"),
    ("link-to-project", link_to_project, ["build", "--site-dir", "up"], "up: {b}: it is the project folder"),
    # build --site-dir: folders and files the build did not make
    ("admin-folder", admin_folder, ["build", "--site-dir", "admin"], "admin: {b}: " + HOLDS.format("README-admin.txt, backups/")),
    ("five-files", five_files, ["build", "--site-dir", "out"], "out: {b}: " + HOLDS.format("a.txt, b.txt, c.txt and 2 more")),
    ("hidden-file", hidden_only, ["build", "--site-dir", "out"], "out: {b}: " + HOLDS.format(".htaccess")),
    ("link-inside", link_inside, ["build", "--site-dir", "out"], "out: {b}: " + HOLDS.format("data")),
    ("forged-marker", forged_marker, ["build", "--site-dir", "out"], "out: {b}: " + HOLDS.format(f"{MARKER}, keep.txt")),
    ("marked-plus-file", marked_plus_file, ["build", "--site-dir", "out"], "out: {b}: " + HOLDS.format("extra.txt")),
    ("marked-plus-nested", marked_plus_nested, ["build", "--site-dir", "out"], "out: {b}: " + HOLDS.format("articles/notes.html")),
    ("a-file", a_file, ["build", "--site-dir", "notes.txt"], "notes.txt: {b}: it is a file, not a folder"),
    ("parent-is-file", a_file, ["build", "--site-dir", "notes.txt/site"], "notes.txt/site: {b}: {root}/notes.txt is a file, not a folder"),
    ("grandparent-is-file", a_file, ["build", "--site-dir", "notes.txt/a/b"], "notes.txt/a/b: {b}: {root}/notes.txt is a file, not a folder"),
    # bundle --out: adds a zip, but never to the project or its sources, and never over a file
    ("bundle-content", nothing, ["bundle", "--out", "content"], "content: will not write here: it is content/, a source folder of the project"),
    ("bundle-project", nothing, ["bundle", "--out", "."], ": will not write here: it is the project folder"),
    ("bundle-checklists", nothing, ["bundle", "--out", "checklists/dist"], "checklists/dist: will not write here: it is inside checklists/, a source folder of the project"),
    ("bundle-file", a_file, ["bundle", "--out", "notes.txt"], "notes.txt: will not write here: it is a file, not a folder"),
    ("bundle-parent-file", a_file, ["bundle", "--out", "notes.txt/dist"], "notes.txt/dist: will not write here: {root}/notes.txt is a file, not a folder"),
]
# fmt: on


@pytest.mark.parametrize(("setup", "argv", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_refused_output_folders(project_copy: Path, monkeypatch, capsys, setup, argv, message) -> None:
    monkeypatch.chdir(project_copy)
    setup(project_copy)
    before = tree_hash(project_copy)
    root = str(project_copy)
    code = main(["--root", root, *[a.format(root=root) for a in argv]])
    err = capsys.readouterr().err
    assert (code, err) == (
        1,
        f"{root}/{message.format(b=WILL_NOT_BUILD, root=root)}\n".replace(f"{root}/:", f"{root}:"),
    )
    assert tree_hash(project_copy) == before


# fmt: off
IMPORT_CASES: list[tuple[str, Setup, str, str]] = [
    ("out-is-a-file", a_file, "notes.txt", "notes.txt: --out must be a folder: it is a file, not a folder"),
    ("out-parent-is-a-file", a_file, "notes.txt/imp", "notes.txt/imp: --out must be a folder: {root}/notes.txt is a file, not a folder"),
    ("regulation-syntax", bad_regulation, "imp", "imp/regulation.yaml:3: -: cannot read the existing record: invalid YAML: expected ',' or ']', but got '<stream end>'\n1 problem(s); nothing was written"),
    ("regulation-a-list", list_regulation, "imp", "imp/regulation.yaml:1: -: the existing record is not a mapping; fix or remove it\n1 problem(s); nothing was written"),
    ("article-syntax", bad_article, "imp", "imp/articles/art-02.yaml:3: -: cannot read the existing record: invalid YAML: expected the node content, but found '<stream end>'\n1 problem(s); nothing was written"),
    ("article-bomb", bomb_article, "imp", "imp/articles/art-04.yaml:1: -: cannot read the existing record: anchor &a0: YAML anchors and aliases are not allowed in content; write the value out\n1 problem(s); nothing was written"),
    ("article-tab", tab_article, "imp", "imp/articles/art-03.yaml:2: -: cannot read the existing record: invalid YAML: found character '\\t' that cannot start any token\n1 problem(s); nothing was written"),
]
# fmt: on


@pytest.mark.parametrize(
    ("setup", "out", "message"), [c[1:] for c in IMPORT_CASES], ids=[c[0] for c in IMPORT_CASES]
)
def test_import_refuses_bad_output_folders(
    project_copy: Path, monkeypatch, capsys, setup, out, message
) -> None:
    monkeypatch.chdir(project_copy)
    setup(project_copy)
    before = tree_hash(project_copy)
    code = main(["import", SOURCE_TXT, "--out", out])
    captured = capsys.readouterr()
    assert (code, captured.err, captured.out) == (1, message.format(root=project_copy) + "\n", "")
    assert tree_hash(project_copy) == before


@pytest.mark.slow
@pytest.mark.parametrize("site_dir", ["content", "."])
def test_the_readme_commands_refuse_and_change_nothing(project_copy: Path, site_dir: str) -> None:
    """`python -m generator build --site-dir content` (and `.`), typed in the project folder."""
    before = tree_hash(project_copy)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", site_dir],
        cwd=project_copy,
        capture_output=True,
        text=True,
    )
    where = project_copy / site_dir if site_dir != "." else project_copy
    reason = (
        "it is content/, a source folder of the project"
        if site_dir == "content"
        else "it is the project folder"
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{Path(os.path.abspath(where))}: {WILL_NOT_BUILD}: {reason}\n"
    assert tree_hash(project_copy) == before


@pytest.mark.slow
def test_a_site_is_marked_rebuilt_in_place_and_stale_staging_is_removed(project_copy: Path, capsys) -> None:
    site = project_copy / "site"
    assert main(["--root", str(project_copy), "-q", "build"]) == 0
    listed = (site / MARKER).read_text(encoding="utf-8").split("\n")
    assert listed[0] == MARKER_HEAD and "index.html" in listed and "404.html" in listed
    # Killed builds: a staging folder carrying the marker, an empty one, an old site; and a folder
    # of the same pattern that is not ours (kept).
    marked_site(project_copy / ".site-new-k1ll3d")
    (project_copy / ".site-new-empty").mkdir()
    marked_site(project_copy / ".site-old")
    (project_copy / ".site-new-mine").mkdir()
    (project_copy / ".site-new-mine/keep.txt").write_text("mine", encoding="utf-8")
    assert main(["--root", str(project_copy), "-q", "build"]) == 0
    assert sorted(p.name for p in project_copy.iterdir() if p.name.startswith(".site")) == [".site-new-mine"]
    assert (site / "index.html").is_file()
    capsys.readouterr()


def _mount_tmpfs(where: Path, options: str) -> bool:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "strerror"), [("size=256k", "No space left on device"), ("ro", "Read-only file system")]
)
def test_a_full_or_read_only_disk_is_one_message(
    project_copy: Path, tmp_path: Path, capsys, options, strerror
) -> None:
    """A real tiny or read-only file system (tmpfs, needs root), with an earlier site on the full one."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, options):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        if options != "ro":
            marked_site(disk / "site")
        before = tree_hash(disk)
        code = main(["--root", str(project_copy), "-q", "build", "--site-dir", str(disk / "site")])
        err = capsys.readouterr().err
        assert code == 1
        assert "Traceback" not in err
        last = err.strip().split("\n")[-1]
        # A file MkDocs copies from the theme is named with its source: "src -> dest: error".
        assert re.fullmatch(rf"(\S+ -> )?{re.escape(str(disk))}/\.site-new-\w+(/\S*)?: {strerror}", last), err
        assert tree_hash(disk) == before  # the earlier site as it was, no staging folder left
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.slow
def test_a_failed_write_is_one_message_and_keeps_the_last_site(
    project_copy: Path, monkeypatch, capsys
) -> None:
    import mkdocs.utils

    marked_site(project_copy / "site")
    before = tree_hash(project_copy / "site")

    def full(content: bytes, output_path: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    code = main(["--root", str(project_copy), "-q", "build"])
    err = capsys.readouterr().err
    assert code == 1
    assert re.fullmatch(
        rf"{re.escape(str(project_copy))}/\.site-new-\w+/[\w/.-]+\.(html|xml): No space left on device",
        err.strip().split("\n")[-1],
    ), err
    assert tree_hash(project_copy / "site") == before
    assert sorted(p.name for p in project_copy.iterdir() if p.name.startswith(".site")) == []


def _break(path: str, old: str, new: str) -> Setup:
    def setup(p: Path) -> None:
        target = p / path
        if new is None:
            target.unlink()
            return
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return setup


def _line_of(p: Path, path: str, needle: str) -> int:
    return next(
        n for n, line in enumerate((p / path).read_text(encoding="utf-8").split("\n"), 1) if needle in line
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "old", "new", "needle", "message"),
    [
        (
            "site_overrides/main.html",
            "{% block content %}",
            "{% block content %}{% if %}",
            "{% if %}",
            "Expected an expression, got 'end of statement block'",
        ),
        (
            "site_overrides/main.html",
            "{% block content %}",
            "{% block content %}{{ no_such.thing }}",
            "no_such",
            "'no_such' is undefined",
        ),
        (
            "site_overrides/main.html",
            "{% block content %}",
            "{% block content %}{% include 'partials/kb-nothing.html' %}",
            "kb-nothing",
            "template partials/kb-nothing.html not found",
        ),
    ],
    ids=["syntax", "undefined", "missing-include"],
)
def test_a_broken_template_is_one_located_message(
    project_copy: Path, monkeypatch, capsys, path, old, new, needle, message
) -> None:
    monkeypatch.chdir(project_copy)
    _break(path, old, new)(project_copy)
    code = main(["-q", "build"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert (
        err.strip().split("\n")[-1] == f"{path}:{_line_of(project_copy, path, needle)}: template: {message}"
    )
    assert not (project_copy / "site").exists()


def _legacy_site(folder: Path, extra: dict[str, str]) -> None:
    (folder / "assets/javascripts").mkdir(parents=True)
    (folder / "index.html").write_text(
        '<head><meta name="kb-site-key" content="jlzfzrz"></head>', encoding="utf-8"
    )
    (folder / "assets/javascripts/kb.js").write_text("//", encoding="utf-8")
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_a_site_of_an_earlier_release_is_replaced(tmp_path: Path) -> None:
    # Built before sites carried the marker: the next build may replace it (the README's upgrade path).
    from generator.write import check_output

    _legacy_site(tmp_path / "site", {"sitemap.xml": "<urlset/>"})
    check_output(tmp_path / "site", tmp_path / "project")


def test_an_earlier_site_holding_an_administrators_file_is_refused(tmp_path: Path) -> None:
    from generator.write import OutputError, check_output

    _legacy_site(tmp_path / "site", {"README-admin.txt": "备份说明"})
    with pytest.raises(OutputError) as caught:
        check_output(tmp_path / "site", tmp_path / "project")
    assert str(caught.value) == (
        f"{tmp_path}/site: will not build the site here: it holds files the build did not write "
        "(README-admin.txt, assets/, index.html); move them away or choose another folder"
    )
