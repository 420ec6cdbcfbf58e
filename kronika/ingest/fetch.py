"""Fetch one URL over HTTP(S), safely enough to point at untrusted links.

kronika fetches URLs that come from feeds and from users, so a URL is
untrusted input. Two things follow:

* **SSRF guard.** Before the first request and again before every redirect
  hop, the host is resolved and the fetch is refused (``BlockedAddress``) if
  *any* address is private, loopback, link-local, multicast, reserved,
  unspecified or in the shared 100.64.0.0/10 range, so that a public-looking
  URL cannot redirect us into the local network or a cloud metadata service.
  ``Settings.allow_private`` (``--allow-private``) turns the guard off, e.g.
  for a news site on the intranet. Redirects are followed here, not by httpx,
  precisely so that each hop is checked.
* **Caps.** A timeout on every request, a limit on redirects, and a limit on
  body size: ``Content-Length`` is checked up front and the body is streamed
  and abandoned as soon as it passes ``Settings.max_bytes`` (counted after
  content decoding, so a gzip bomb is caught too).

Known limitation: the guard resolves the host, then httpx resolves it again
when it connects. A hostile DNS server can answer with a public address for the
check and a private one for the connection (DNS rebinding). Closing that window
needs connecting to the checked address itself; this module does not.

This module only fetches; deciding what the bytes are is the caller's job.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from kronika.errors import BlockedAddress, FetchError, InputTooLarge
from kronika.settings import Settings

Resolver = Callable[[str], list[str]]
"""Maps a host name to the IP addresses it resolves to (as strings)."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
SHARED_ADDRESS_SPACE = ipaddress.IPv4Network("100.64.0.0/10")  # RFC 6598, carrier-grade NAT


@dataclass(frozen=True)
class Fetched:
    """The body of a successful fetch and what the server said it is."""

    url: str
    """Final URL, after redirects."""
    content: bytes
    """The body, content-decoded (gzip etc.), at most ``max_bytes`` long."""
    content_type: str | None
    """Media type from the Content-Type header, lower-cased, without parameters."""
    charset: str | None
    """The ``charset`` parameter of the Content-Type header, lower-cased, if any."""


def fetch_url(
    url: str,
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolver | None = None,
) -> Fetched:
    """GET ``url``, following redirects ourselves so every hop passes the SSRF guard.

    ``transport`` and ``resolve`` exist for tests (``httpx.MockTransport``, fake DNS).
    Raises ``FetchError`` (or its subclass ``BlockedAddress``) or ``InputTooLarge``.
    """
    resolver = resolve or resolve_host
    target = _parse_url(url)
    with httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(settings.http_timeout),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent},
    ) as client:
        for _hop in range(settings.max_redirects + 1):
            _check_target(target, settings, resolver)
            outcome = _request_once(client, target, settings)
            if isinstance(outcome, Fetched):
                return outcome
            target = outcome
    raise FetchError(f"too many redirects (more than {settings.max_redirects}) fetching {url}")


def resolve_host(host: str) -> list[str]:
    """Every address ``host`` resolves to, via the system resolver (``getaddrinfo``)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    addresses: list[str] = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    return addresses


def blocked_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched from by default, or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 reaches 127.0.0.1
    checks = (
        (address.is_loopback, "loopback"),
        (address.is_unspecified, "unspecified"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address in SHARED_ADDRESS_SPACE, "shared address space"),
        (address.is_reserved, "reserved"),
        (address.is_private, "private"),
        (not address.is_global, "not globally routable"),
    )
    return next((reason for hit, reason in checks if hit), None)


def _parse_url(url: str | httpx.URL) -> httpx.URL:
    """Parse and vet a URL: http(s) only, with a host."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL {str(url)!r}: {exc}") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        shown = parsed.scheme or "none"
        raise FetchError(f"unsupported URL scheme {shown!r} in {str(url)!r}; only http and https")
    if not parsed.host:
        raise FetchError(f"URL has no host: {str(url)!r}")
    return parsed


def _check_target(target: httpx.URL, settings: Settings, resolver: Resolver) -> None:
    """Refuse ``target`` if its host has any non-public address (unless allowed)."""
    if settings.allow_private:
        return
    host = target.raw_host.decode("ascii")  # IDNA-encoded: the name httpx will look up
    for address in _addresses_of(host, resolver):
        reason = blocked_reason(address)
        if reason is not None:
            raise BlockedAddress(
                f"refusing to fetch {host!r}: it resolves to {address} ({reason}); "
                "use --allow-private to allow private addresses"
            )


def _addresses_of(host: str, resolver: Resolver) -> list[IPAddress]:
    """The host itself if it is an IP literal, else what the resolver says."""
    literal = _ip_literal(host)
    if literal is not None:
        return [literal]
    resolved = resolver(host)
    if not resolved:
        raise FetchError(f"cannot resolve host {host!r}: no addresses")
    addresses: list[IPAddress] = []
    for raw in resolved:
        address = _ip_literal(raw)
        if address is None:
            raise FetchError(f"resolver returned {raw!r} for {host!r}, which is not an IP address")
        addresses.append(address)
    return addresses


def _ip_literal(text: str) -> IPAddress | None:
    """Parse an IP address (IPv6 with or without brackets), or None if it is not one."""
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def _request_once(
    client: httpx.Client, target: httpx.URL, settings: Settings
) -> Fetched | httpx.URL:
    """One request: the fetched body, or the URL a redirect points to next."""
    try:
        with client.stream("GET", target) as response:
            if response.status_code in REDIRECT_STATUSES:
                return _redirect_target(response)
            _raise_for_status(response)
            _check_declared_length(response, settings.max_bytes)
            content = _read_capped(response, settings.max_bytes)
            return Fetched(
                url=str(response.url),
                content=content,
                content_type=_media_type(response),
                charset=response.charset_encoding,
            )
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.http_timeout:g}s fetching {target}") from exc
    except httpx.HTTPError as exc:
        detail = str(exc) or type(exc).__name__
        raise FetchError(f"could not fetch {target}: {detail}") from exc


def _redirect_target(response: httpx.Response) -> httpx.URL:
    """The (vetted, absolute) URL a redirect response points to."""
    location = response.headers.get("Location")
    if not location:
        raise FetchError(
            f"HTTP {response.status_code} redirect without a Location from {response.url}"
        )
    try:
        absolute = response.url.join(location)
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid redirect Location {location!r} from {response.url}") from exc
    return _parse_url(absolute)


def _raise_for_status(response: httpx.Response) -> None:
    if not response.is_success:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise FetchError(f"HTTP {response.status_code}{phrase} from {response.url}")


def _check_declared_length(response: httpx.Response, max_bytes: int) -> None:
    """Refuse early when the server announces a body over the cap."""
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise InputTooLarge(
            f"{response.url} is {int(declared)} bytes (Content-Length), over the "
            f"{max_bytes}-byte cap"
        )


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """Read the body, stopping as soon as it passes ``max_bytes``."""
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise InputTooLarge(f"{response.url} is over the {max_bytes}-byte cap")
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(response: httpx.Response) -> str | None:
    header = response.headers.get("Content-Type")
    if header is None:
        return None
    media_type = header.split(";", 1)[0].strip().lower()
    return media_type or None
