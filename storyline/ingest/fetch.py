"""Fetching pages and feeds over HTTP, behind one narrow interface (:class:`Fetcher`).

A :class:`Fetcher` turns a URL into a :class:`FetchedPage` or a :class:`FetchFailed` with the
reason; it never raises for a network problem. :class:`HttpFetcher` is the httpx implementation;
tests and users plug in their own (anything with ``fetch(url)``).

**Safety (SSRF guard).** Storyline may be run on a server with URLs it did not choose, so by
default a URL whose host resolves to any loopback, private, link-local (the 169.254.169.254
metadata address among them), multicast, reserved or unspecified address, IPv4 or IPv6 (and
IPv4-mapped / 6to4 / Teredo forms of those), is refused. The check is made twice: before each
request, for a clear reason, and again when the connection is opened, on the very address the
socket connects to, so a name that resolves to a public address first and a private one the
second time (DNS rebinding) is still refused. Every redirect is followed by hand (at most
MAX_REDIRECTS) and its target checked the same way. Only http and https are fetched; proxies
from the environment are ignored (a proxy would make the checked address not the connected one).
``allow_private_hosts=True`` turns the guard off (a local server, the tests).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Protocol, runtime_checkable
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from storyline import __version__
from storyline.records import CachedResponse

# A news page is tens to hundreds of kilobytes; the same bound as a file read from disk.
MAX_RESPONSE_BYTES = 10 * 1024 * 1024
# Connecting takes well under a second to a live host; a read stalled this long is a dead one.
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0
# Browsers stop near 20; a news link needs one or two (http→https, a tracker); more is a loop.
MAX_REDIRECTS = 5
USER_AGENT = f"Storyline/{__version__} (news-story builder)"
ALLOWED_SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# One request a second per host is what crawl-delay conventions and most publishers' terms ask
# of a polite client; a story's dozen links from one outlet then take a dozen seconds.
MIN_HOST_INTERVAL_S = 1.0
# The product token robots.txt groups are matched against.
ROBOTS_AGENT = "Storyline"
# A robots.txt is a few kilobytes; a larger one is read no further (RFC 9309 asks for 500 KiB).
MAX_ROBOTS_BYTES = 500 * 1024

Resolver = Callable[..., list[tuple[Any, ...]]]


@dataclass(frozen=True)
class FetchedPage:
    """A response as fetched: the asked ``url``, the ``final_url`` after redirects, and its body."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    # True when the server answered 304 Not Modified and this is the copy a cache kept.
    revalidated: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class FetchFailed:
    """A URL that could not be fetched: ``kind`` is one of scheme, refused-host, dns, timeout,
    network, status, too-large, redirects; ``reason`` says it to a person."""

    url: str
    kind: str
    reason: str
    status: int | None = None  # the HTTP status, for kind "status"


FetchOutcome = FetchedPage | FetchFailed


@runtime_checkable
class Fetcher(Protocol):
    """Anything that fetches a URL: ``fetch(url) -> FetchedPage | FetchFailed``, never raising."""

    def fetch(self, url: str) -> FetchOutcome: ...


@runtime_checkable
class HopFetcher(Protocol):
    """A fetcher that can make one request without following its redirect: ``fetch_hop`` returns
    a redirect as a :class:`FetchedPage` with its 3xx status and ``location`` header. A wrapper
    that must see every hop of a chain (robots.txt and pacing per target host) follows them itself
    with :func:`follow_redirects`."""

    max_redirects: int

    def fetch_hop(self, url: str) -> FetchOutcome: ...


def follow_redirects(fetch_hop: Callable[[str], FetchOutcome], url: str, max_redirects: int) -> FetchOutcome:
    """Fetch ``url`` one hop at a time through ``fetch_hop``, at most ``max_redirects`` redirects;
    the page returned carries the asked ``url`` and the ``final_url`` reached."""
    current = url
    for _ in range(max_redirects + 1):
        hop = fetch_hop(current)
        if isinstance(hop, FetchFailed):
            return replace(hop, url=url)
        if hop.status in REDIRECT_STATUSES and "location" in hop.headers:
            current = urljoin(current, hop.headers["location"])
            continue
        return replace(hop, url=url, final_url=current)
    return FetchFailed(url, "redirects", f"more than {max_redirects} redirects")


@runtime_checkable
class FetchCache(Protocol):
    """Responses kept by URL with their ``ETag``/``Last-Modified`` validators, so the next build
    asks the server whether they changed instead of fetching them again (the store is one:
    :meth:`storyline.store.Store.fetch_cache`)."""

    def get(self, url: str) -> CachedResponse | None: ...

    def put(self, response: CachedResponse) -> None: ...


def cacheable(page: FetchedPage) -> CachedResponse | None:
    """The cache entry of a 200 response that names a validator; None for one that names none
    (it cannot be revalidated, so keeping it would only serve stale copies)."""
    etag, modified = page.headers.get("etag"), page.headers.get("last-modified")
    if page.status != 200 or not (etag or modified):
        return None
    return CachedResponse(url=page.url, headers=dict(page.headers), content=page.content,
                          etag=etag, last_modified=modified)


def conditional_headers(cached: CachedResponse | None) -> dict[str, str]:
    """The request headers that ask a server for ``cached`` only if it changed (RFC 9110 §13)."""
    if cached is None:
        return {}
    headers = {}
    if cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers


class HostRefused(Exception):
    """A host resolves to an address the SSRF guard refuses (``kind`` "refused-host"), or to
    nothing at all ("dns")."""

    def __init__(self, message: str, kind: str = "refused-host") -> None:
        super().__init__(message)
        self.kind = kind


def address_refusal(address: str) -> str | None:
    """Why this IP address may not be fetched from ("loopback", "private", ...), or None."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id (fe80::1%eth0)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is a.b.c.d, nothing more nor less
            reason = address_refusal(str(ip.ipv4_mapped))
            return f"{reason} (embedded in {ip})" if reason else None
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            reason = address_refusal(str(embedded))
            if reason:
                return f"{reason} (embedded in {ip})"
        if ip in _NAT64:  # 64:ff9b::a.b.c.d reaches a.b.c.d through a NAT64 gateway
            reason = address_refusal(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
            if reason:
                return f"{reason} (embedded in {ip})"
    for name in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:  # shared address space 100.64/10 and the like
        return "not globally routable"
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def check_host(host: str, port: int, *, resolver: Resolver = socket.getaddrinfo) -> list[str]:
    """The addresses ``host`` resolves to, every one of them allowed; HostRefused otherwise."""
    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise HostRefused(f"cannot resolve host {host!r}: {error}", "dns") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise HostRefused(f"host {host!r} resolves to no address", "dns")
    for address in addresses:
        reason = address_refusal(address)
        if reason:
            raise HostRefused(f"refused host {host!r}: it resolves to {address}, a {reason} address; "
                              "Storyline fetches public hosts only (--allow-private-hosts to fetch this one)")
    return addresses


@dataclass
class HttpFetcher:
    """Fetch with httpx: timeouts, a size limit (the body is streamed and dropped past it),
    redirects followed by hand and checked, the SSRF guard unless ``allow_private_hosts``.

    >>> HttpFetcher().fetch("http://127.0.0.1/").kind
    'refused-host'
    """

    allow_private_hosts: bool = False
    max_bytes: int = MAX_RESPONSE_BYTES
    connect_timeout: float = CONNECT_TIMEOUT_S
    read_timeout: float = READ_TIMEOUT_S
    max_redirects: int = MAX_REDIRECTS
    user_agent: str = USER_AGENT
    resolver: Resolver = socket.getaddrinfo
    # Responses kept between builds, asked for again only if changed (None: nothing kept).
    cache: FetchCache | None = None
    _client: Any = field(default=None, init=False, repr=False)

    def fetch(self, url: str) -> FetchOutcome:
        return follow_redirects(self.fetch_hop, url, self.max_redirects)

    def fetch_hop(self, url: str) -> FetchOutcome:
        """One request for ``url``, its redirect returned, not followed; the guard checks it.
        With a ``cache``, a response kept with a validator is asked for conditionally, and a
        ``304 Not Modified`` answers with the kept copy."""
        import httpx

        refused = self._refusal(url)
        if refused:
            return refused
        cached = self.cache.get(url) if self.cache is not None else None
        try:
            with self._http().stream("GET", url, headers=conditional_headers(cached)) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code == 304 and cached is not None:
                    return FetchedPage(url=url, final_url=url, status=200, headers=dict(cached.headers),
                                       content=cached.content, revalidated=True)
                if response.status_code in REDIRECT_STATUSES and "location" in headers:
                    return FetchedPage(url=url, final_url=url, status=response.status_code,
                                       headers=headers, content=b"")
                if response.status_code >= 400:
                    return FetchFailed(url, "status", f"HTTP status {response.status_code} "
                                       f"{response.reason_phrase} from {url}", status=response.status_code)
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    return self._too_large(url)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        return self._too_large(url)
                page = FetchedPage(url=url, final_url=url, status=response.status_code,
                                   headers=headers, content=bytes(body))
        except HostRefused as error:  # raised at connect time, past the pre-check
            return FetchFailed(url, error.kind, str(error))
        except httpx.TimeoutException as error:
            return FetchFailed(url, "timeout", f"timed out ({type(error).__name__}) fetching {url}")
        except httpx.HTTPError as error:
            cause = _refusal_cause(error)
            if cause is not None:
                return FetchFailed(url, cause.kind, str(cause))
            return FetchFailed(url, "network", f"cannot fetch {url}: {error or type(error).__name__}")
        kept = cacheable(page) if self.cache is not None else None
        if kept is not None:
            self.cache.put(kept)  # type: ignore[union-attr]
        return page

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _too_large(self, url: str) -> FetchFailed:
        return FetchFailed(url, "too-large", f"response larger than {self.max_bytes:,} bytes; not read")

    def _refusal(self, url: str) -> FetchFailed | None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return FetchFailed(url, "scheme", f"scheme {parts.scheme!r} not fetched; only http and https")
        if not parts.hostname:
            return FetchFailed(url, "scheme", "no host in URL")
        if self.allow_private_hosts:
            return None
        try:
            check_host(parts.hostname, parts.port or (443 if parts.scheme.lower() == "https" else 80),
                       resolver=self.resolver)
        except HostRefused as error:
            return FetchFailed(url, error.kind, str(error))
        except ValueError as error:  # a bad port
            return FetchFailed(url, "scheme", f"malformed URL: {error}")
        return None

    def _http(self) -> Any:
        if self._client is None:
            import httpx

            transport = httpx.HTTPTransport(trust_env=False)
            if not self.allow_private_hosts:
                _guard_connections(transport, self.resolver)
            self._client = httpx.Client(
                transport=transport, follow_redirects=False, trust_env=False,
                timeout=httpx.Timeout(self.read_timeout, connect=self.connect_timeout),
                headers={"User-Agent": self.user_agent})
        return self._client


def _refusal_cause(error: BaseException) -> HostRefused | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, HostRefused):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _guard_connections(transport: Any, resolver: Resolver) -> None:
    """Make ``transport`` connect only to addresses the guard allows, checked at connect time."""
    import httpcore

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None,
                        socket_options: Iterable[Any] | None = None) -> Any:
            address = check_host(host, port, resolver=resolver)[0]
            # Connect to the checked address itself; TLS still verifies the host name (SNI).
            return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                       socket_options=socket_options)

    # httpx builds its httpcore pool privately and takes no backend; httpx is pinned, and
    # test_fetch checks the guard at connect time, so a change here fails loudly.
    transport._pool._network_backend = GuardedBackend()


@dataclass
class PoliteFetcher:
    """A fetcher that respects robots.txt (fetched once per host through ``inner``) and waits
    ``min_interval`` seconds between two requests to one host, robots.txt included.

    A robots.txt that is missing (4xx) allows everything; one that cannot be fetched (5xx, a
    timeout) disallows the host for this run, as RFC 9309 asks. When ``inner`` can make one
    request at a time (a :class:`HopFetcher`, as :class:`HttpFetcher` is), every hop of a redirect
    chain is checked against its own host's robots.txt and paced for that host; any other fetcher
    is asked for the whole chain at once.
    """

    inner: Fetcher
    min_interval: float = MIN_HOST_INTERVAL_S
    respect_robots: bool = True
    agent: str = ROBOTS_AGENT
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, RobotFileParser | FetchFailed] = field(default_factory=dict, init=False, repr=False)
    _last: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def fetch(self, url: str) -> FetchOutcome:
        if isinstance(self.inner, HopFetcher):
            return follow_redirects(self._hop, url, self.inner.max_redirects)
        return self._admitted(url, self.inner.fetch)

    def _hop(self, url: str) -> FetchOutcome:
        return self._admitted(url, self.inner.fetch_hop)  # type: ignore[attr-defined]

    def _admitted(self, url: str, fetch: Callable[[str], FetchOutcome]) -> FetchOutcome:
        """``fetch(url)`` once its host's robots.txt allows it and its host's interval has passed."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if self.respect_robots and parts.scheme.lower() in ALLOWED_SCHEMES and parts.netloc:
            robots = self._robots_for(origin)
            if isinstance(robots, FetchFailed):
                return FetchFailed(url, robots.kind, robots.reason)
            if not robots.can_fetch(self.agent, url):
                return FetchFailed(url, "robots", f"disallowed for {self.agent} by {origin}/robots.txt")
        return self._paced(origin, url, fetch)

    def _paced(self, origin: str, url: str, fetch: Callable[[str], FetchOutcome]) -> FetchOutcome:
        last = self._last.get(origin)
        if last is not None:
            wait = self.min_interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        try:
            return fetch(url)
        finally:
            self._last[origin] = self.clock()

    def _robots_for(self, origin: str) -> RobotFileParser | FetchFailed:
        if origin not in self._robots:
            # robots.txt itself is fetched whole (its redirects followed by ``inner``), paced.
            fetched = self._paced(origin, f"{origin}/robots.txt", self.inner.fetch)
            parser = RobotFileParser()
            if isinstance(fetched, FetchFailed):
                if fetched.status is not None and 400 <= fetched.status < 500:
                    parser.parse([])  # no robots.txt: everything allowed
                    self._robots[origin] = parser
                elif fetched.kind in ("refused-host", "dns", "scheme"):  # the page would fail alike
                    self._robots[origin] = fetched
                else:
                    self._robots[origin] = FetchFailed(fetched.url, fetched.kind,
                                                       f"robots.txt unreachable, host skipped: {fetched.reason}")
            else:
                text = fetched.content[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
                parser.parse(text.splitlines())
                self._robots[origin] = parser
        return self._robots[origin]
