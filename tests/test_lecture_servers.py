"""The two web servers the lecture tests step the page over (tests/lecture_support.py).

The page must step over ``python -m http.server``, which ignores byte ranges, and over a
server that answers them (nginx, Apache, learning platforms); these tests prove the two
stand-ins behave that way, and that neither leaves a request thread running after it is
shut (a daemon thread printing at interpreter exit can abort Python).
"""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lecture_support import served

SIZE = 5000
DATA = bytes(i % 251 for i in range(SIZE))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "clip.mp4").write_bytes(DATA)
    return tmp_path


def get(url: str, wanted: str | None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Range": wanted} if wanted else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def test_http_server_answers_a_range_with_the_whole_file(folder: Path) -> None:
    with served(folder) as base:
        status, headers, body = get(base + "clip.mp4", "bytes=10-19")
    assert status == 200
    assert "Content-Range" not in headers
    assert body == DATA


@pytest.mark.parametrize(
    ("wanted", "first", "last"),
    [
        ("bytes=10-19", 10, 19),
        ("bytes=4990-", 4990, 4999),
        ("bytes=-7", 4993, 4999),
        ("bytes=0-999999", 0, 4999),
    ],
)
def test_the_range_server_answers_each_range_with_its_bytes(
    folder: Path, wanted: str, first: int, last: int
) -> None:
    with served(folder, ranges=True) as base:
        status, headers, body = get(base + "clip.mp4", wanted)
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/5000"
    assert headers["Content-Length"] == str(last - first + 1)
    assert body == DATA[first : last + 1]


def test_the_range_server_refuses_a_range_past_the_end_and_serves_whole_files(
    folder: Path,
) -> None:
    with served(folder, ranges=True) as base:
        past, _, _ = get(base + "clip.mp4", "bytes=6000-")
        status, headers, body = get(base + "clip.mp4", None)
    assert past == 416
    assert status == 200
    assert headers["Content-Length"] == "5000"
    assert body == DATA


@pytest.mark.parametrize("ranges", [False, True])
def test_no_request_thread_outlives_the_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ranges: bool
) -> None:
    # Far more than the sockets buffer: the server blocks sending it to a reader that stops.
    (tmp_path / "big.mp4").write_bytes(bytes(32 * 1024 * 1024))
    served_here = served(tmp_path, ranges=ranges)
    base = served_here.__enter__()
    port = int(base.rsplit(":", 1)[1].strip("/"))
    reader = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        reader.sendall(b"GET /big.mp4 HTTP/1.0\r\nRange: bytes=0-\r\n\r\n")
        assert reader.recv(1024).startswith(b"HTTP/1.0 20")  # it is sending, and we stop
        closed = threading.Event()

        def close() -> None:
            served_here.__exit__(None, None, None)
            closed.set()

        threading.Thread(target=close, daemon=True).start()
        assert closed.wait(20), "shutting the server waited for a reader that stopped"
        left = [t.name for t in threading.enumerate() if "process_request" in t.name]
        assert left == []
    finally:
        reader.close()
    # A connection cut on the way out is expected, not an error to print.
    assert capsys.readouterr().err == ""
