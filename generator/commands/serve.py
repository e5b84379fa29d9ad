"""``kohyo serve``: a live preview for editors.

The preview build (``generator.commands.preview``) builds the site once and then page by page after each
edit; this module serves it on 127.0.0.1 and watches ``content/``, ``theme/`` and
``site_config.yml``.  A page whose file fails validation keeps its last good version and gets a
banner with its problems when the server sends it (the files on disk stay as MkDocs wrote them);
a new file that has never validated gets a page that lists its problems.  Pages carry a small
polling script, added only by this server, that reloads them after each update.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import queue
import re
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.commands.preview import Preview, Update, source_pages
from generator.core.findings import Finding, Severity

STATE_URL = "/__kohyo/state"

# ---------------------------------------------------------------------------------------------
# What the server adds to pages
# ---------------------------------------------------------------------------------------------


def _finding_html(f: Finding) -> str:
    sev = "エラー" if f.severity is Severity.ERROR else "警告"
    hint = (
        f'<br><span style="margin-left:1.5em">→ {html.escape(f.hint_ja)}</span>'
        if f.hint_ja
        else ""
    )
    return (
        f"<li><code>{html.escape(f.path)}:{f.line}:{f.col}</code> {sev}: "
        f"{html.escape(f.message_ja)} [{html.escape(f.code)}]{hint}</li>"
    )


def banner_html(findings: list[Finding], stale: bool) -> str:
    """The box at the top of a page whose source file has problems."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    title = f"このページの元ファイルに問題があります（エラー {errors} 件、警告 {len(findings) - errors} 件）"
    note = (
        "<p>エラーを直して保存するまで、このページは最後に正しく読めたときの内容のままです。</p>"
        if stale and errors
        else ""
    )
    items = "".join(_finding_html(f) for f in findings)
    return (
        '<div id="kohyo-problems" role="alert" style="border:3px solid #b00020;background:#fff4f4;'
        'color:#000;padding:.8em 1em;margin:0 0 1.5em;font-size:.8rem;line-height:1.6">'
        f'<p style="margin:0 0 .4em;font-weight:bold">{html.escape(title)}</p>{note}'
        f'<ul style="margin:0;padding-left:1.2em">{items}</ul></div>'
    )


def home_banner_html(by_file: dict[str, list[Finding]]) -> str:
    n = sum(len(v) for v in by_file.values())
    items = "".join(
        f'<li><a href="/{html.escape(source_pages(path)[0])}">{html.escape(path)}</a>: {len(fs)} 件</li>'
        for path, fs in sorted(by_file.items())
    )
    return (
        '<div id="kohyo-problems" role="alert" style="border:3px solid #b00020;background:#fff4f4;'
        'color:#000;padding:.8em 1em;margin:0 0 1.5em;font-size:.8rem">'
        f'<p style="margin:0 0 .4em;font-weight:bold">問題のあるファイルが {len(by_file)} 個あります（{n} 件）</p>'
        f'<ul style="margin:0;padding-left:1.2em">{items}</ul></div>'
    )


def reload_script(version: int) -> str:
    return (
        "<script>(function(){var v="
        + json.dumps(str(version))
        + ";function p(){fetch("
        + json.dumps(STATE_URL)
        + ",{cache:'no-store'}).then(function(r){return r.json()})"
        ".then(function(s){if(String(s.version)!==v){location.reload()}else{setTimeout(p,500)}})"
        ".catch(function(){setTimeout(p,1500)})}setTimeout(p,500)})();</script>"
    )


def inject(page: str, banner: str, version: int) -> str:
    """Add the banner at the top of the article and the reload script before </body>."""
    if banner:
        at = page.find('<article class="md-content__inner')
        at = page.find(">", at) + 1 if at >= 0 else page.find(">", page.find("<body")) + 1
        page = page[:at] + banner + page[at:]
    script = reload_script(version)
    end = page.rfind("</body>")
    return page[:end] + script + page[end:] if end >= 0 else page + script


def problem_page(folder: str, findings: list[Finding], version: int) -> str:
    """A page for a file that has never been shown (new, and not yet valid)."""
    source = sorted({f.path for f in findings})
    title = f"{', '.join(source)} はまだ表示できません"
    body = banner_html(findings, stale=False)
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        f'<title>{html.escape(title)}</title></head><body style="font-family:sans-serif;max-width:60em;'
        f'margin:2em auto;padding:0 1em"><h1>{html.escape(title)}</h1>'
        "<p>このファイルはまだ一度も検査に通っていません。下の問題を直して保存すると、"
        "このページに評価書が表示されます。</p>"
        f'{body}<p><a href="/">ホームへ</a></p>{reload_script(version)}</body></html>'
    )


# The names the preview answers to (with any port): it listens on this machine only.
ALLOWED_HOST = re.compile(r"(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?", re.IGNORECASE)


class PreviewHandler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, body: str, status: int = 200, ctype: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self) -> None:
        self.do_GET()

    def _refused(self) -> bool:
        """Requests for another host name (DNS rebinding: a web page's script reaching the
        preview through a name that resolves here) and paths out of the preview are refused."""
        if not ALLOWED_HOST.fullmatch(self.headers.get("Host") or ""):
            self._send("<p>Forbidden host</p>", status=403)
            return True
        rel = unquote(urlsplit(self.path).path)
        if ".." in rel.split("/") or "\\" in rel or "\x00" in rel:
            self._send("<p>Not found</p>", status=404)
            return True
        return False

    def do_GET(self) -> None:
        if self._refused():
            return
        pv = self.preview
        url = unquote(urlsplit(self.path).path)
        if url == STATE_URL:
            self._send(
                json.dumps({"version": pv.version, "problems": len(pv.findings())}),
                ctype="application/json",
            )
            return
        folder = url.lstrip("/")
        if folder and not folder.endswith("/") and not Path(folder).suffix:
            folder += "/"
        if folder.endswith("/") or folder == "":
            with pv.lock:
                target = pv.site_dir / folder / "index.html"
                text = target.read_text(encoding="utf-8") if target.is_file() else None
                version = pv.version
                problems = pv.problems_by_page()
            if text is None and folder in problems and folder not in ("", "en/"):
                self._send(problem_page(folder, problems[folder], version))
                return
            if text is not None:
                if folder in ("", "en/") and problems:
                    by_file: dict[str, list[Finding]] = {}
                    for fs in problems.values():
                        for f in fs:
                            by_file.setdefault(f.path, []).append(f)
                    by_file = {k: sorted(set(v)) for k, v in by_file.items()}
                    banner = home_banner_html(by_file)
                else:
                    banner = banner_html(problems[folder], stale=True) if folder in problems else ""
                self._send(inject(text, banner, version))
                return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        rel = unquote(urlsplit(path).path).lstrip("/")
        target = (self.preview.site_dir / rel).resolve()
        base = self.preview.site_dir.resolve()
        if target != base and base not in target.parents:
            return str(base / "__missing__")
        return str(target)


# ---------------------------------------------------------------------------------------------
# Watching and the command
# ---------------------------------------------------------------------------------------------


def watch(root: Path, events: queue.Queue[str]) -> Any:
    """Start a watchdog observer that puts changed paths into ``events``."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            for p in (event.src_path, getattr(event, "dest_path", "")):
                if p:
                    events.put(str(p))

    observer = Observer()
    handler = Handler()
    for sub in ("content", "theme"):
        if (root / sub).is_dir():
            observer.schedule(handler, str(root / sub), recursive=True)
    observer.schedule(handler, str(root), recursive=False)
    observer.start()
    return observer


def _classify(root: Path, paths: set[str]) -> tuple[bool, bool]:
    """(content changed, everything must be rebuilt) for a batch of changed paths."""
    content, full = False, False
    for p in paths:
        rel = Path(p).resolve().relative_to(root.resolve()) if Path(p).is_absolute() else Path(p)
        top = rel.parts[0] if rel.parts else ""
        if top == "content":
            content = True
        elif top == "theme" or rel.as_posix() == "site_config.yml":
            full = True
    return content, full


def print_update(pv: Preview, up: Update) -> None:
    """Say what was rebuilt, then the problems: all of them after a full build, otherwise those of
    the changed files in full and a count for the rest (so the edit's own problem is not buried)."""
    if up.full:
        print(f"サイト全体を作りました（{up.pages} ページ、{up.seconds:.1f} 秒）", flush=True)
    else:
        files = "、".join(up.changed_files)
        print(
            f"更新: {files} → {up.pages} ページを作り直しました（{up.seconds:.1f} 秒）",
            flush=True,
        )
    findings = pv.findings()
    shown = findings if up.full else [f for f in findings if f.path in up.changed_files]
    for f in shown:
        print(f.format("ja"), flush=True)
    n_err = sum(1 for f in shown if f.severity is Severity.ERROR)
    if shown:
        print(
            f"エラー {n_err} 件、警告 {len(shown) - n_err} 件"
            + ("（直すまで、そのページは最後に正しく読めた内容で表示します）" if n_err else ""),
            flush=True,
        )
    elif not up.full:
        print("このファイルに問題はありません", flush=True)
    rest = [f for f in findings if f not in shown]
    if rest:
        r_err = sum(1 for f in rest if f.severity is Severity.ERROR)
        print(
            f"ほかのファイルに エラー {r_err} 件、警告 {len(rest) - r_err} 件"
            "（一覧はホームページの赤い枠か make validate で）",
            flush=True,
        )
    elif up.full and not findings:
        print("問題はありません", flush=True)


def _drain(events: queue.Queue[str], first: str, quiet: float = 0.15) -> set[str]:
    """Collect a burst of events (an editor's save is often several)."""
    batch = {first}
    while True:
        try:
            batch.add(events.get(timeout=quiet))
        except queue.Empty:
            return batch


def _loop(pv: Preview, events: queue.Queue[str], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            first = events.get(timeout=0.5)
        except queue.Empty:
            continue
        batch = _drain(events, first)
        content, full = _classify(pv.root, batch)
        if not (content or full):
            continue
        try:
            up = pv.full() if full else pv.update()
        except Exception as exc:  # the preview must survive any failure and say so
            print(
                f"プレビューを更新できませんでした: {type(exc).__name__}: {exc}",
                file=sys.stderr,
                flush=True,
            )
            print("ファイルを直して保存すると、もう一度試します。", file=sys.stderr, flush=True)
            continue
        if up is not None:
            print_update(pv, up)
        if events.empty():
            try:
                rel = pv.related()
            except Exception as exc:  # the preview must survive any failure and say so
                print(f"関連ページを更新できませんでした: {type(exc).__name__}: {exc}", flush=True)
                continue
            if rel is not None:
                print(
                    f"関連ページ {rel.pages} ページを作り直しました（{rel.seconds:.1f} 秒）",
                    flush=True,
                )


@contextlib.contextmanager
def serving(pv: Preview, server: ThreadingHTTPServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def cmd_serve(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not (root / "content").is_dir():
        print(
            f"{root}/content が見つかりません。--root にプロジェクトのフォルダを指定してください。",
            file=sys.stderr,
        )
        return 2
    handler: type[PreviewHandler] = type("Handler", (PreviewHandler,), {})
    try:
        server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as exc:
        print(
            f"ポート {args.port} を使えません（{exc.strerror}）。--port で別の番号を指定してください。",
            file=sys.stderr,
        )
        return 2
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}/"
    only = set(args.only) if args.only else None
    pv = Preview(root, url, only=only, search=args.search)
    handler.preview = pv
    events: queue.Queue[str] = queue.Queue()
    observer = watch(root, events)
    print("プレビューを準備しています…", flush=True)
    try:
        print_update(pv, pv.full())
    except Exception as exc:  # say what failed instead of a traceback
        print(f"サイトを作れませんでした: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        observer.stop()
        server.server_close()
        return 1
    stop = threading.Event()
    with serving(pv, server):
        print(f"プレビュー: {url}  （止めるには Ctrl+C）", flush=True)
        try:
            _loop(pv, events, stop)
        except KeyboardInterrupt:
            print("\nプレビューを終了しました", flush=True)
        finally:
            stop.set()
            observer.stop()
            observer.join(timeout=2)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "serve",
        help="編集中のサイトをブラウザで確認します（保存すると自動で更新）",
        description="サイトを作って http://127.0.0.1:ポート/ で表示し、content/・theme/・site_config.yml "
        "の変更を見張って作り直します。問題はこの画面と該当ページの上部に表示します。",
    )
    p.add_argument(
        "--port", type=int, default=8000, help="ポート番号（既定 8000、0 なら空いている番号）"
    )
    p.add_argument(
        "--only",
        action="append",
        metavar="団体",
        help="この団体の評価書と一覧ページだけを作ります（大きなコーパスで速く。繰り返し指定可）",
    )
    p.add_argument(
        "--search", action="store_true", help="検索索引も作ります（更新のたびに時間がかかります）"
    )
    p.set_defaults(func=cmd_serve)
