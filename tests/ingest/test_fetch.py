"""fetch_url: redirects, the SSRF guard, size caps and error mapping.

Almost everything runs against httpx.MockTransport with a fake resolver, so no
test touches the network; one test uses a real local HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from kronika.errors import BlockedAddress, FetchError, InputTooLarge
from kronika.ingest.fetch import Fetched, blocked_reason, fetch_url, resolve_host
from kronika.settings import Settings

# Any globally routable address will do: with a mock transport nothing connects to it.
PUBLIC_ADDRESS = "93.184.216.34"
PAGE = b"<!doctype html><html><head><title>Rainfall</title></head><body><p>Wet.</p></body></html>"

Handler = Callable[[httpx.Request], httpx.Response]


class FakeDNS:
    """A resolver that answers from a table and remembers what it was asked."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise AssertionError(f"unexpected DNS lookup of {host!r}")
        return self.table[host]


class Recorder:
    """A MockTransport handler that records every request it serves."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    @property
    def urls(self) -> list[str]:
        return [str(r.url) for r in self.requests]


def run_fetch(
    url: str,
    handler: Handler,
    dns: dict[str, list[str]] | None = None,
    **settings: object,
) -> Fetched:
    """fetch_url with a mock transport and a fake resolver (all hosts public by default)."""
    resolver = FakeDNS(dns if dns is not None else {})
    resolver.table.setdefault(httpx.URL(url).host, [PUBLIC_ADDRESS])
    return fetch_url(
        url,
        Settings(**settings),  # type: ignore[arg-type]
        transport=httpx.MockTransport(handler),
        resolve=resolver,
    )


def redirect(location: str, status: int = 302) -> httpx.Response:
    return httpx.Response(status, headers={"Location": location})


def html(body: bytes = PAGE) -> httpx.Response:
    return httpx.Response(
        200, headers={"Content-Type": "text/html; charset=ISO-8859-1"}, content=body
    )


# --- success and redirects ---------------------------------------------------------------


def test_fetch_returns_body_final_url_media_type_and_charset() -> None:
    recorder = Recorder(lambda request: html())

    fetched = run_fetch("https://news.example/weather/rain", recorder, user_agent="probe/9")

    assert fetched == Fetched(
        url="https://news.example/weather/rain",
        content=PAGE,
        content_type="text/html",
        charset="iso-8859-1",
    )
    assert recorder.requests[0].headers["User-Agent"] == "probe/9"


def test_missing_content_type_gives_none() -> None:
    fetched = run_fetch("http://news.example/", lambda r: httpx.Response(200, content=b"hi"))

    assert (fetched.content_type, fetched.charset) == (None, None)


def test_redirect_chain_is_followed_and_each_host_is_checked() -> None:
    routes = {
        "https://a.example/start": redirect("/middle", 301),  # relative Location
        "https://a.example/middle": redirect("https://b.example/deep/page?x=1", 307),
        "https://b.example/deep/page?x=1": redirect("../end", 303),  # relative to a path
        "https://b.example/end": html(),
    }
    recorder = Recorder(lambda request: routes[str(request.url)])
    dns = FakeDNS({"a.example": [PUBLIC_ADDRESS], "b.example": [PUBLIC_ADDRESS]})

    fetched = fetch_url(
        "https://a.example/start", Settings(), transport=httpx.MockTransport(recorder), resolve=dns
    )

    assert fetched.url == "https://b.example/end"
    assert fetched.content == PAGE
    assert recorder.urls == list(routes)
    assert dns.asked == ["a.example", "a.example", "b.example", "b.example"]


def test_exactly_max_redirects_is_allowed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        hop = int(request.url.params.get("hop", "0"))
        return redirect(f"/?hop={hop + 1}") if hop < 3 else html()

    fetched = run_fetch("http://loop.example/", handler, max_redirects=3)

    assert fetched.url == "http://loop.example/?hop=3"


@pytest.mark.parametrize("max_redirects", [0, 3])
def test_too_many_redirects(max_redirects: int) -> None:
    recorder = Recorder(lambda request: redirect("/again"))

    with pytest.raises(FetchError, match="too many redirects"):
        run_fetch("http://loop.example/", recorder, max_redirects=max_redirects)

    assert len(recorder.requests) == max_redirects + 1


def test_redirect_without_location_is_an_error() -> None:
    with pytest.raises(FetchError, match="302"):
        run_fetch("http://news.example/", lambda r: httpx.Response(302))


# --- SSRF guard --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.20.30.40", "169.254.169.254", "::1", "100.64.0.7", "::ffff:192.168.1.1"],
)
def test_redirect_to_host_resolving_to_private_address_is_blocked(address: str) -> None:
    recorder = Recorder(
        lambda request: (
            redirect("http://intranet.example/admin")
            if request.url.host == "public.example"
            else html(b"secret")
        )
    )
    dns = {"public.example": [PUBLIC_ADDRESS], "intranet.example": [address]}

    with pytest.raises(BlockedAddress) as caught:
        run_fetch("http://public.example/", recorder, dns)

    assert recorder.urls == ["http://public.example/"]  # the private host was never contacted
    message = str(caught.value)
    assert "intranet.example" in message
    assert str(ipaddress.ip_address(address)) in message
    assert "--allow-private" in message


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
    ],
)
def test_redirect_to_private_ip_literal_is_blocked_without_dns(location: str) -> None:
    recorder = Recorder(lambda request: redirect(location))

    with pytest.raises(BlockedAddress):
        run_fetch("http://public.example/", recorder)

    assert len(recorder.requests) == 1


def test_first_host_is_checked_before_any_request() -> None:
    recorder = Recorder(lambda request: html())

    with pytest.raises(BlockedAddress, match=re.escape("10.0.0.5")):
        run_fetch("http://printer.example/", recorder, {"printer.example": ["10.0.0.5"]})

    assert recorder.requests == []


def test_one_private_address_among_public_ones_is_enough_to_block() -> None:
    dns = {"mixed.example": [PUBLIC_ADDRESS, "2606:4700::1111", "192.168.0.10"]}

    with pytest.raises(BlockedAddress, match=re.escape("192.168.0.10")):
        run_fetch("http://mixed.example/", lambda r: html(), dns)


def test_allow_private_lets_a_private_redirect_through() -> None:
    recorder = Recorder(
        lambda request: (
            redirect("http://intranet.example/page")
            if request.url.host == "public.example"
            else html()
        )
    )
    dns = {"public.example": [PUBLIC_ADDRESS], "intranet.example": ["10.1.1.1"]}

    fetched = run_fetch("http://public.example/", recorder, dns, allow_private=True)

    assert fetched.url == "http://intranet.example/page"
    assert fetched.content == PAGE


def test_dns_failure_is_a_fetch_error() -> None:
    def failing(host: str) -> list[str]:
        return resolve_host("no-such-host.invalid")

    with pytest.raises(FetchError, match="cannot resolve") as caught:
        fetch_url("http://gone.example/", Settings(), resolve=failing)
    assert not isinstance(caught.value, BlockedAddress)


def test_resolver_with_no_addresses_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="no addresses"):
        run_fetch("http://empty.example/", lambda r: html(), {"empty.example": []})


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "shared address space"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        (PUBLIC_ADDRESS, None),
        ("2606:4700:4700::1111", None),
        ("::ffff:" + PUBLIC_ADDRESS, None),
    ],
)
def test_blocked_reason(address: str, reason: str | None) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason


# --- schemes, statuses, network errors ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["ftp://files.example/a.txt", "file:///etc/passwd", "javascript:alert(1)", "news.example"],
)
def test_non_http_scheme_is_refused(url: str) -> None:
    recorder = Recorder(lambda request: html())

    with pytest.raises(FetchError, match="scheme"):
        fetch_url(url, Settings(), transport=httpx.MockTransport(recorder), resolve=FakeDNS({}))

    assert recorder.requests == []


def test_redirect_to_non_http_scheme_is_refused() -> None:
    with pytest.raises(FetchError, match="scheme 'file'"):
        run_fetch("http://news.example/", lambda r: redirect("file:///etc/passwd"))


@pytest.mark.parametrize("status", [404, 500, 304])
def test_non_2xx_status_is_a_fetch_error_naming_the_status(status: int) -> None:
    with pytest.raises(FetchError, match=str(status)) as caught:
        run_fetch("http://news.example/missing", lambda r: httpx.Response(status))
    assert not isinstance(caught.value, BlockedAddress)


def test_connection_error_becomes_fetch_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(FetchError, match="connection refused"):
        run_fetch("http://news.example/", refuse)


def test_timeout_becomes_fetch_error() -> None:
    def stall(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    with pytest.raises(FetchError, match=re.escape("timed out after 1.5s")):
        run_fetch("http://news.example/", stall, http_timeout=1.5)


# --- size cap ----------------------------------------------------------------------------


class CountingBody:
    """A streamed body of ``chunks`` chunks that counts how many were read."""

    def __init__(self, chunks: int, chunk_size: int) -> None:
        self.chunks = chunks
        self.chunk_size = chunk_size
        self.served = 0

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(self.chunks):
            self.served += 1
            yield b"x" * self.chunk_size


def test_streamed_body_over_cap_is_abandoned_early() -> None:
    body = CountingBody(chunks=1000, chunk_size=1000)  # 1 MB, no Content-Length

    with pytest.raises(InputTooLarge, match="10000-byte cap"):
        run_fetch(
            "http://big.example/", lambda r: httpx.Response(200, content=body), max_bytes=10_000
        )

    assert body.served <= 11  # stopped just past the cap, not after the whole megabyte


def test_body_of_exactly_max_bytes_is_accepted() -> None:
    body = CountingBody(chunks=10, chunk_size=1000)

    fetched = run_fetch(
        "http://big.example/", lambda r: httpx.Response(200, content=body), max_bytes=10_000
    )

    assert len(fetched.content) == 10_000


def test_declared_content_length_over_cap_is_refused_before_reading() -> None:
    body = CountingBody(chunks=1, chunk_size=10)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": "5000000"}, content=body)

    with pytest.raises(InputTooLarge, match="Content-Length"):
        run_fetch("http://big.example/", handler, max_bytes=1000)

    assert body.served == 0


# --- a real socket -----------------------------------------------------------------------


class PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def local_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving PAGE; yields its base URL."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), PageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_local_server_is_refused_by_default_and_fetched_when_allowed(local_server: str) -> None:
    url = f"{local_server}/page.html"

    with pytest.raises(BlockedAddress, match=re.escape("127.0.0.1")):
        fetch_url(url, Settings(http_timeout=5))

    fetched = fetch_url(url, Settings(http_timeout=5, allow_private=True))

    assert fetched.url == url
    assert fetched.content == PAGE
    assert (fetched.content_type, fetched.charset) == ("text/html", "utf-8")


def test_localhost_name_is_refused_through_the_system_resolver() -> None:
    with pytest.raises(BlockedAddress, match="localhost"):
        fetch_url("http://localhost:9/", Settings(http_timeout=1))
