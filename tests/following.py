"""What the tests of scheduled runs share (history, feed, alerts): a check of Atom against RFC 4287, a throwaway
self-signed certificate, a local SMTP server with STARTTLS (aiosmtpd) and a local web server on 127.0.0.1 that
records the webhooks it receives."""

from __future__ import annotations

import json
import re
import ssl
import subprocess
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from lxml import etree

from conftest import free_port

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check_atom(xml: bytes) -> etree._Element:
    """What RFC 4287 requires of a feed and its entries (section 4.1): one id (an absolute IRI), title and
    updated (RFC 3339) each; an author for the feed or for every entry; each entry's id unique, and a
    content or an alternate link; a link to itself. Returns the feed element."""
    feed = etree.fromstring(xml)  # well-formed, or lxml raises
    assert feed.tag == f"{ATOM}feed"

    def one(element, name):
        found = element.findall(f"{ATOM}{name}")
        assert len(found) == 1, f"{element.tag} has {len(found)} {name}"
        return found[0]

    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        assert re.match(r"^[a-z][a-z0-9+.-]*:", one(element, "id").text)  # an absolute IRI (urn:uuid:...)
        assert one(element, "title").text.strip()
        assert RFC3339.match(one(element, "updated").text)
    entries = feed.findall(f"{ATOM}entry")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None or all(
        entry.find(f"{ATOM}author") is not None for entry in entries
    )
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry.find(f"{ATOM}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        )
    assert any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link"))
    return feed


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1 (Debian's openssl), and its key."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


class Inbox:
    """An aiosmtpd handler keeping each message (sender, recipients, whether it came over TLS, the message)."""

    def __init__(self):
        self.messages, self.logins = [], []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.mail_from,
                list(envelope.rcpt_tos),
                session.ssl is not None,
                message_from_bytes(envelope.content, policy=policy.default),
            )
        )
        return "250 OK"


def smtp_server(inbox: Inbox, certificate=None, password: str | None = None) -> Controller:
    """A started SMTP server on 127.0.0.1 delivering to ``inbox``: with a certificate, it offers STARTTLS and
    requires it; with a password, it takes a login (after STARTTLS) with that password."""
    context = None
    if certificate:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*certificate)

    def authenticate(server, session, envelope, mechanism, data):
        inbox.logins.append(data.login.decode())
        return AuthResult(success=data.password.decode() == password)

    extra = {"authenticator": authenticate, "auth_require_tls": True} if password else {}
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=bool(context),
        ready_timeout=10,
        **extra,
    )
    controller.start()
    return controller


class Hook(BaseHTTPRequestHandler):
    """Each POST as (path, headers, JSON body) in ``received``; the answer's status is ``answer``."""

    received: list = []
    answer = 204

    def do_POST(self):  # noqa: N802 - the standard library's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, dict(self.headers), json.loads(body)))
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def webhook_server():
    """A web server on 127.0.0.1 recording each POST in Hook.received, answering Hook.answer."""
    Hook.received, Hook.answer = [], 204
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def unresolved_links(page: Path, out: Path) -> list[str]:
    """Every relative address on ``page`` (a link or a file it loads) that does not resolve on disk from where
    the page is, inside the outputs folder ``out``, or whose #fragment names no id on the page it reaches;
    addresses of other hosts, in-page anchors and inline data are left out."""
    from urllib.parse import unquote, urlsplit

    from briefs_scenario import parse_html

    collected = parse_html(page.read_text(encoding="utf-8"))
    broken = []
    for address in collected.links + collected.loads:
        parts = urlsplit(address)
        if parts.scheme or address.startswith(("#", "//")) or not parts.path:
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(out.resolve()) or not target.is_file():
            broken.append(address)
        elif parts.fragment and f'id="{parts.fragment}"' not in target.read_text(encoding="utf-8", errors="replace"):
            broken.append(address)
    return broken
