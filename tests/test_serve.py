"""``kohyo serve`` as an editor uses it: the real server in a subprocess, real edits, real HTTP.

One server runs for the whole module on a copy of the fixture corpus; the tests edit files in
that copy in order (edit, break, fix, add a broken new file) and poll the served pages until the
change shows, with bounded timeouts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test builds and serves a preview

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
START_TIMEOUT = 150.0  # the first full build (MkDocs for every page)
EDIT_TIMEOUT = 60.0  # generous: the machine may be busy; the edit itself takes a few seconds
PAGE = "assessments/sample/juki-basic/"
SOURCE = "content/assessments/sample/juki-basic.yaml"
TITLE = "見本市 住民基本台帳事務 基礎項目評価書"


class Server:
    def __init__(self, root: Path) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1", NO_MKDOCS_2_WARNING="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "serve", "--port", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.url = ""
        ready = threading.Event()

        def read() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                self.lines.append(line)
                m = re.search(r"プレビュー: (http://127\.0\.0\.1:\d+/)", line)
                if m:
                    self.url = m.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        ready.wait(START_TIMEOUT)
        assert self.url, "the server did not print its URL:\n" + "".join(self.lines)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as resp:
            return str(resp.read().decode("utf-8"))

    def wait_for(self, path: str, check: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + EDIT_TIMEOUT
        body = ""
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "the server stopped:\n" + "".join(self.lines)
            try:
                body = self.get(path)
            except urllib.error.HTTPError:
                body = ""
            if check(body):
                return body
            time.sleep(0.2)
        raise AssertionError(
            f"timed out waiting for {what} on /{path}\n" + "".join(self.lines[-30:])
        )

    def wait_line(self, pattern: str) -> None:
        deadline = time.monotonic() + EDIT_TIMEOUT
        while time.monotonic() < deadline:
            if any(re.search(pattern, line) for line in list(self.lines)):
                return
            time.sleep(0.1)
        raise AssertionError(
            f"the terminal never showed {pattern!r}:\n" + "".join(self.lines[-30:])
        )

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("serve") / "project"
    root.mkdir()
    shutil.copytree(CORPUS / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    return root


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[Server]:
    s = Server(project)
    try:
        yield s
    finally:
        s.stop()


def _banner(body: str) -> str:
    m = re.search(r'<div id="kohyo-problems".*?</div>', body, re.S)
    return m.group(0) if m else ""


def test_serves_the_site_with_reload_script(server: Server) -> None:
    body = server.get(PAGE)
    assert TITLE in body
    assert "/__kohyo/state" in body  # the reload script, added by the server only
    assert not _banner(body)
    state = json.loads(server.get("__kohyo/state"))
    assert state["problems"] == 0
    assert server.get("en/" + PAGE).count("<html") == 1


def test_footer_has_the_newest_publication_date(server: Server) -> None:
    """The preview's footer says how current the content is, as the built site's does (the
    newest 公表日 of the corpus: 令和8年1月19日)."""
    for path, said in ((PAGE, "令和8年1月19日"), ("en/" + PAGE, "19 January 2026")):
        body = server.get(path)
        footer = body[body.index('<footer class="md-footer kh-footer"') :]
        assert f'<time datetime="2026-01-19">{said}</time>' in footer, footer[:2000]


def test_edit_shows_and_only_that_page_is_rebuilt(server: Server, project: Path) -> None:
    path = project / SOURCE
    path.write_text(
        path.read_text(encoding="utf-8").replace(TITLE, TITLE + "（改訂）", 1), encoding="utf-8"
    )
    body = server.wait_for(PAGE, lambda b: "（改訂）" in b, "the edited title")
    assert not _banner(body)
    server.wait_line(r"更新: .*juki-basic\.yaml → [1-9]\d* ページ")
    # the lists show the new title too
    server.wait_for(
        "assessments/", lambda b: TITLE + "（改訂）" in b, "the edited title in the list"
    )


def test_broken_file_keeps_last_good_page_with_banner(server: Server, project: Path) -> None:
    path = project / SOURCE
    good = path.read_text(encoding="utf-8")
    broken = good.replace("status: 案", "status: 下書き", 1).replace(
        "form_version:", "form_versoin:", 1
    )
    path.write_text(broken, encoding="utf-8")
    body = server.wait_for(PAGE, lambda b: bool(_banner(b)), "the problem banner")
    banner = _banner(body)
    assert "content/assessments/sample/juki-basic.yaml:" in banner
    assert "下書き" in banner and "form_versoin" in banner
    assert "form_version" in banner  # did-you-mean, as in kohyo validate
    assert "最後に正しく読めたとき" in banner
    assert TITLE + "（改訂）" in body  # the last good version stays
    server.wait_line(
        r"^content/assessments/sample/juki-basic\.yaml:\d+:\d+: エラー: "
    )  # the terminal
    home = server.get("")
    assert "content/assessments/sample/juki-basic.yaml" in _banner(home)
    # a YAML syntax error: still running, still the last good page
    path.write_text(good.replace("status: 案", "status: [案", 1), encoding="utf-8")
    body = server.wait_for(
        PAGE, lambda b: "YAML" in _banner(b) or "構文" in _banner(b), "the syntax banner"
    )
    assert TITLE + "（改訂）" in body
    # fixed: banner gone, new text shown
    path.write_text(good.replace(TITLE + "（改訂）", TITLE + "（再改訂）", 1), encoding="utf-8")
    body = server.wait_for(
        PAGE, lambda b: "（再改訂）" in b and not _banner(b), "the recovered page"
    )
    assert json.loads(server.get("__kohyo/state"))["problems"] == 0


def test_new_file_that_never_validated_gets_a_problem_page(server: Server, project: Path) -> None:
    new = project / "content" / "assessments" / "sample" / "draft-basic.yaml"
    text = (
        (project / SOURCE).read_text(encoding="utf-8").replace("process: juki", "process: jukii", 1)
    )
    new.write_text(text, encoding="utf-8")
    body = server.wait_for(
        "assessments/sample/draft-basic/", lambda b: bool(_banner(b)), "the problem page"
    )
    assert "draft-basic.yaml" in body and "jukii" in _banner(body)
    assert "「juki」ではありませんか" in _banner(body)
    new.write_text(
        text.replace("process: jukii", "process: juki", 1).replace(TITLE, "見本市 新しい評価書", 1),
        encoding="utf-8",
    )
    body = server.wait_for(
        "assessments/sample/draft-basic/",
        lambda b: "見本市 新しい評価書" in b and not _banner(b),
        "the new page",
    )
    new.unlink()
    server.wait_for(
        "assessments/",
        lambda b: "見本市 新しい評価書" not in b,
        "the deleted page gone from the list",
    )
    assert server.proc.poll() is None
