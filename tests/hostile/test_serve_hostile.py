"""The preview server against a hostile page or a careless save: other Host names and paths out
of its folder are refused, and a file saved with a NUL byte or nesting 10,000 deep is reported
at its line in the terminal (no exception)."""

from __future__ import annotations

import http.client
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.test_serve import CORPUS, ROOT, SOURCE, Server


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    root = tmp_path_factory.mktemp("serve-hostile") / "project"
    root.mkdir()
    shutil.copytree(CORPUS / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    # an index.html outside the preview's folder, which /../../ would reach
    (root / "secret").mkdir()
    (root / "secret" / "index.html").write_text("SECRET", encoding="utf-8")
    s = Server(root)
    try:
        yield s, root
    finally:
        s.stop()


def _raw(server: Server, path: str, host: str | None = None) -> tuple[int, str]:
    u = urlsplit(server.url)
    conn = http.client.HTTPConnection(u.hostname or "", u.port, timeout=30)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host if host is not None else u.netloc)
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read().decode("utf-8", "replace")
    conn.close()
    return resp.status, body


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])
def test_local_host_names_are_served(hostile_server: tuple[Server, Path], host: str) -> None:
    server, _ = hostile_server
    port = urlsplit(server.url).port
    for h in (host, f"{host}:{port}"):
        status, body = _raw(server, "/", h)
        assert status == 200, (h, body[:200])


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.evil", ""]
)
def test_other_host_names_are_refused(hostile_server: tuple[Server, Path], host: str) -> None:
    server, _ = hostile_server
    status, body = _raw(server, "/", host)
    assert status == 403, body[:200]
    assert "見本市" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/../../secret/",
        "/../secret/",
        "/assets/../../secret/",
        "/%2e%2e/%2e%2e/secret/",
        "/..%2f..%2fsecret/",
    ],
)
def test_paths_out_of_the_preview_are_refused(
    hostile_server: tuple[Server, Path], path: str
) -> None:
    server, _ = hostile_server
    status, body = _raw(server, path)
    assert "SECRET" not in body
    assert status == 404


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("cover:\n  title: a\x00b\n", r"juki-basic\.yaml:2:\d+: .*制御文字（U\+0000 NUL）"),
        ("x: " + "[" * 10000 + "]" * 10000 + "\n", r"juki-basic\.yaml:1:\d+: .*入れ子が深すぎます"),
    ],
)
def test_a_careless_save_is_reported_at_its_line(
    hostile_server: tuple[Server, Path], text: str, pattern: str
) -> None:
    server, root = hostile_server
    path = root / SOURCE
    original = path.read_bytes()
    try:
        path.write_text(text, encoding="utf-8")
        server.wait_line(pattern)
        assert not any("Traceback" in line for line in server.lines), "".join(server.lines)
    finally:
        path.write_bytes(original)
