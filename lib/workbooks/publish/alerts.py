"""Alerts of a run: a mail (SMTP with STARTTLS) and/or a JSON POST to a webhook when a brief fails, and,
when asked, on each new edition.

Where they go is set in ONE file, ``params/alerts.yaml`` (``workbooks run --alerts FILE`` names another;
no file, no alerts): the mail server, its port, the sender and recipients, the webhook's address,
whether new editions are announced too, and the address where outputs/ is published (``site_url``:
links in alerts and the feed). Secrets never go in it: the mail password is read from the environment
(:data:`PASSWORD_VARIABLE`), as is the webhook's token (:data:`TOKEN_VARIABLE`, sent as a bearer token),
and neither is ever printed. A file that cannot be used is an :class:`~workbooks.errors.AlertsConfigError`
naming file, line and key, raised before any brief runs.

An alert that cannot be sent (server down, refused, no answer in time, STARTTLS not offered, a
certificate not trusted, a webhook answering an error) is said in one line and never fails the run.
Every network wait has a time limit (``timeout_seconds``, default :data:`DEFAULT_TIMEOUT_SECONDS`).
Mail is never sent unencrypted: a server that does not offer STARTTLS gets nothing.
"""

from __future__ import annotations

import email.utils
import json
import os
import re
import smtplib
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Callable, Mapping, NoReturn
from urllib.parse import urlsplit

from ..common.moments import shown_moment
from ..common.paths import looked_in, parameter_file_places
from ..common.wording import count_of
from ..common.yaml_files import YamlMapping, line_of, read_yaml_file
from ..errors import AlertsConfigError, located
from .catalogue_page import CATALOGUE_PAGE, HISTORY_PAGE
from .history import editions_kept, outcome_counts
from .run_statuses import NEW_EDITION, NOT_MADE

ALERTS_FILE = Path("params") / "alerts.yaml"  # from the project root
PASSWORD_VARIABLE = "WORKBOOKS_SMTP_PASSWORD"
TOKEN_VARIABLE = "WORKBOOKS_WEBHOOK_TOKEN"
DEFAULT_TIMEOUT_SECONDS = 20
MOST_TIMEOUT_SECONDS = 300
DEFAULT_SMTP_PORT = 587  # submission, with STARTTLS
ADDRESS = re.compile(r"^[^@\s<>,;:\"'()\[\]\\]+@[^@\s<>,;:\"'()\[\]\\]+\.[^@\s<>,;:\"'()\[\]\\]+$")
SECRET_KEYS = {"password": PASSWORD_VARIABLE, "token": TOKEN_VARIABLE}
USER_AGENT = "integration-workbooks (alerts)"


@dataclass(frozen=True)
class MailSettings:
    host: str
    sender: str
    recipients: tuple[str, ...]
    port: int = DEFAULT_SMTP_PORT
    username: str = ""  # its password from $WORKBOOKS_SMTP_PASSWORD; no login when empty
    ca_file: str = ""  # a CA bundle for a server whose certificate the system does not trust (a private CA)
    timeout: float = DEFAULT_TIMEOUT_SECONDS


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    timeout: float = DEFAULT_TIMEOUT_SECONDS


@dataclass(frozen=True)
class AlertSettings:
    path: str
    mail: MailSettings | None = None
    webhook: WebhookSettings | None = None
    on_new_edition: bool = False
    site_url: str = ""


@dataclass(frozen=True)
class Alert:
    subject: str
    text: str
    payload: dict = field(default_factory=dict)


TOP_KEYS = ("site_url", "on_new_edition", "mail", "webhook")
MAIL_KEYS = ("host", "port", "sender", "recipients", "username", "ca_file", "timeout_seconds")
WEBHOOK_KEYS = ("url", "timeout_seconds")


class _Reader:
    """Checks one alerts file's values, each problem raised with its file, line and key."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, mapping, key, reason: str, of: str | None = None) -> NoReturn:
        raise AlertsConfigError(located(self.path, line_of(mapping, key), key, reason, of))

    def mapping(self, value, container, key: str | None, allowed: tuple[str, ...], of: str | None = None) -> dict:
        if not isinstance(value, dict):
            if key is None:
                raise AlertsConfigError(
                    located(
                        self.path,
                        line_of(value),
                        None,
                        "expected keys (site_url, on_new_edition, mail, webhook), one a line",
                    )
                )
            self.fail(container, key, "expected keys, one a line, indented under it")
        for name in value:
            if name in SECRET_KEYS:
                self.fail(
                    value,
                    name,
                    f"a secret is never kept in this file: delete the line and set the "
                    f"environment variable {SECRET_KEYS[name]} where the run starts",
                    of,
                )
            if name not in allowed:
                self.fail(value, name, f"unknown key; the keys here are {', '.join(allowed)}", of)
        return value

    def text(self, mapping, key: str, of: str | None, required: bool = False) -> str:
        value = mapping.get(key)
        if value is None or value == "":
            if required:
                self.fail(mapping, key, "missing: it must be given") if key in mapping else self.fail(
                    mapping, None, f"key {key!r} is missing", of
                )
            return ""
        if not isinstance(value, str) or any(character in value for character in "\r\n"):
            self.fail(mapping, key, f"expected one line of text, not {value!r}", of)
        return value.strip()

    def address(self, mapping, key: str, value, of: str) -> str:
        if not isinstance(value, str) or not ADDRESS.match(value.strip()):
            self.fail(mapping, key, f"{value!r} is not a mail address (name@example.org)", of)
        return value.strip()

    def web_address(self, mapping, key: str, of: str | None) -> str:
        """A web address; one with a user name or password in it is refused (a secret is never kept in this
        file), and no message repeats more of it than its host (:func:`shown_address`)."""
        value = self.text(mapping, key, of, required=of == "webhook")
        if not value:
            return value
        shown = shown_address(value)
        if not re.match(r"^https?://[^\s/]+", value) or not shown:
            self.fail(
                mapping, key, (f"{shown!r} is" if shown else "the value is") + " not a web address (https://...)", of
            )
        if "@" in urlsplit(value).netloc:
            self.fail(
                mapping,
                key,
                f"the address of {shown} holds a user name or password, and a secret is never kept "
                "in this file: take them out of the address"
                + (
                    f" and set the environment variable {TOKEN_VARIABLE} (sent as 'Authorization: Bearer ...')"
                    if of == "webhook"
                    else ""
                ),
                of,
            )
        return value

    def timeout(self, mapping, of: str) -> float:
        value = mapping.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MOST_TIMEOUT_SECONDS:
            self.fail(
                mapping,
                "timeout_seconds",
                f"expected a number of seconds above 0 and at most {MOST_TIMEOUT_SECONDS}, not {value!r}",
                of,
            )
        return float(value)


def _mail(reader: _Reader, top, value, root: Path, environment: Mapping[str, str] | None = None) -> MailSettings:
    """The mail settings; with ``environment`` (a run's), a 'username' whose password it lacks is an error."""
    mail = reader.mapping(value, top, "mail", MAIL_KEYS, "mail")
    username = reader.text(mail, "username", "mail")
    if username and environment is not None and not environment.get(PASSWORD_VARIABLE):
        reader.fail(
            mail,
            "username",
            f"the mail server is to be logged in to, but the environment variable "
            f"{PASSWORD_VARIABLE} is not set: set it to the password of {username!r} where "
            "the run starts (on the crontab's own line, or in the systemd service's drop-in), "
            "or delete the line to send without logging in",
            "mail",
        )
    port = mail.get("port", DEFAULT_SMTP_PORT)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        reader.fail(mail, "port", f"expected a port number (587 for submission with STARTTLS), not {port!r}", "mail")
    recipients = mail.get("recipients")
    listed = [recipients] if isinstance(recipients, str) else recipients
    if not isinstance(listed, list) or not listed:
        reader.fail(
            mail,
            "recipients" if "recipients" in mail else None,
            "expected the recipients' mail addresses, as a list"
            if "recipients" in mail
            else "key 'recipients' is missing",
            "mail",
        )
    ca_file = reader.text(mail, "ca_file", "mail")
    if ca_file:
        found = next(
            (place for place in parameter_file_places(ca_file, Path(reader.path).parent, root) if place.is_file()), None
        )
        if found is None:
            reader.fail(
                mail,
                "ca_file",
                f"{ca_file}: no such file (looked in "
                f"{looked_in(ca_file, Path(reader.path).parent, root, 'beside this file')})",
                "mail",
            )
        ca_file = str(found)
    return MailSettings(
        host=reader.text(mail, "host", "mail", required=True),
        port=port,
        sender=reader.address(mail, "sender", reader.text(mail, "sender", "mail", required=True), "mail"),
        recipients=tuple(reader.address(mail, "recipients", item, "mail") for item in listed),
        username=username,
        ca_file=ca_file,
        timeout=reader.timeout(mail, "mail"),
    )


def load_alert_settings(
    path: Path | str, root: Path | None = None, environment: Mapping[str, str] | None = None
) -> AlertSettings:
    """The alerts' settings in ``path``; AlertsConfigError naming file, line and key for anything wrong. With
    ``environment`` (a run's: :func:`settings_for_run`), the secrets the file calls for must be set in it."""
    path = Path(path)
    root = Path(root or path.parent)
    reader = _Reader(path)
    document = read_yaml_file(path, AlertsConfigError)
    top = reader.mapping(document if document is not None else YamlMapping(line=1), None, None, TOP_KEYS)
    if "mail" not in top and "webhook" not in top:
        raise AlertsConfigError(
            located(
                path,
                None,
                None,
                "says nowhere to send alerts: give 'mail' (an SMTP server "
                "and recipients), 'webhook' (an address), or both",
            )
        )
    on_new = top.get("on_new_edition", False)
    if not isinstance(on_new, bool):
        reader.fail(top, "on_new_edition", f"expected true or false, not {on_new!r}")
    webhook = None
    if "webhook" in top:
        hook = reader.mapping(top["webhook"], top, "webhook", WEBHOOK_KEYS, "webhook")
        webhook = WebhookSettings(
            url=reader.web_address(hook, "url", "webhook"), timeout=reader.timeout(hook, "webhook")
        )
    return AlertSettings(
        path=str(path),
        mail=_mail(reader, top, top["mail"], root, environment) if "mail" in top else None,
        webhook=webhook,
        on_new_edition=on_new,
        site_url=reader.web_address(top, "site_url", None),
    )


def settings_for_run(root: Path, given: str | Path | None = None) -> AlertSettings | None:
    """The run's alert settings: the file given (which must exist), else params/alerts.yaml when there is one."""
    if given:
        return load_alert_settings(given, root, os.environ)
    default = Path(root) / ALERTS_FILE
    return load_alert_settings(default, root, os.environ) if default.is_file() else None


def _link(relative: str, out_dir: Path, site_url: str) -> str:
    """A file of the outputs folder as an alert names it: its address where the folder is published, else its path."""
    return site_url.rstrip("/") + "/" + relative if site_url else str(Path(out_dir) / relative)


def alert_for_run(run: dict, out_dir: Path, settings: AlertSettings) -> Alert | None:
    """What to send about ``run`` (as :func:`.history.record_run` recorded it): its failed briefs, and its new
    editions when the settings ask; None when there is nothing to say."""
    failed = [brief for brief in run.get("briefs", []) if brief.get("outcome") == NOT_MADE]
    new = (
        [brief for brief in run.get("briefs", []) if brief.get("outcome") == NEW_EDITION]
        if settings.on_new_edition
        else []
    )
    if not failed and not new:
        return None
    site, when = settings.site_url, shown_moment(run.get("finished", ""))
    failures = [
        {
            "brief": brief["brief"],
            "title": brief.get("title") or "",
            "status": brief.get("status", ""),
            "why": brief.get("why", ""),
        }
        for brief in failed
    ]
    editions = []
    for brief in new:
        kept = next(
            (edition for edition in editions_kept(out_dir, brief["brief"]) if edition.stamp == brief.get("edition")),
            None,
        )
        facts = kept.facts if kept else {}
        editions.append(
            {
                "brief": brief["brief"],
                "title": facts.get("title") or brief.get("title") or brief["brief"],
                "illustrative": bool(facts.get("illustrative")),
                "key_messages": [str(message) for message in facts.get("summary") or []],
                "link": _link(kept.html if kept else "", out_dir, site) if kept else "",
            }
        )
    counts = outcome_counts({"briefs": failed + new})
    subject = f"Integration Workbooks: {counts} (run of {when})"
    lines = [f"The run of {when} (stamp {run.get('stamp')}): {outcome_counts(run)}.", ""]
    if failures:
        lines.append("Failed: each keeps its last good edition, now marked stale in the catalogue and the feed.")
        lines += [
            f"- {item['title'] or item['brief']} ({item['brief']}): {item['status']}: {item['why']}"
            for item in failures
        ]
        lines.append("")
    if editions:
        lines.append("New editions:")
        for item in editions:
            lines.append(
                f"- {'ILLUSTRATIVE (invented data): ' if item['illustrative'] else ''}{item['title']} "
                f"({item['brief']}): {item['link']}"
            )
            lines += [f"    * {message}" for message in item["key_messages"]]
        lines.append("")
    history, catalogue = _link(HISTORY_PAGE, out_dir, site), _link(CATALOGUE_PAGE, out_dir, site)
    lines += [f"History of runs: {history}", f"Catalogue: {catalogue}"]
    text = "\n".join(lines) + "\n"
    payload = {
        "source": "integration-workbooks",
        "run": run.get("stamp"),
        "finished": run.get("finished"),
        "summary": outcome_counts(run),
        "failed": failures,
        "new_editions": editions,
        "history": history,
        "catalogue": catalogue,
        "text": text,
    }
    return Alert(subject=subject, text=text, payload=payload)


def send_mail(mail: MailSettings, alert: Alert) -> str:
    """Send ``alert`` through the SMTP server, after STARTTLS (certificate and host name checked); what was done."""
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = alert.subject, mail.sender, ", ".join(mail.recipients)
    message["Date"] = email.utils.formatdate(localtime=False, usegmt=True)  # mail readers sort and thread by these
    message["Message-ID"] = email.utils.make_msgid(domain=mail.sender.rpartition("@")[2] or None)
    message.set_content(alert.text)
    context = ssl.create_default_context(cafile=mail.ca_file or None)
    with smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout) as server:
        server.ehlo()
        server.starttls(context=context)  # SMTPNotSupportedError when the server does not offer it: nothing is sent
        server.ehlo()
        if mail.username:
            password = os.environ.get(PASSWORD_VARIABLE)
            if not password:
                raise smtplib.SMTPException(
                    f"'username' is set but the environment variable {PASSWORD_VARIABLE} is not"
                )
            server.login(mail.username, password)
        server.send_message(message)
    return f"mailed {count_of(len(mail.recipients), 'recipient')} through {mail.host}:{mail.port}"


def post_webhook(webhook: WebhookSettings, alert: Alert) -> str:
    """POST ``alert``'s payload as JSON to the webhook; what was done (an answer of 300 or more is an error)."""
    request = urllib.request.Request(
        webhook.url,
        data=json.dumps(alert.payload, ensure_ascii=False).encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    token = os.environ.get(TOKEN_VARIABLE)
    if token and not sends_secrets_safely(webhook.url):
        raise urllib.error.URLError(
            f"the token ({TOKEN_VARIABLE}) is sent over https only (or to this computer), "
            f"not over {urlsplit(webhook.url).scheme}: nothing was sent"
        )
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=webhook.timeout) as response:  # noqa: S310 - http(s) only, checked on load
        if response.status >= 300:
            raise urllib.error.HTTPError(webhook.url, response.status, response.reason, response.headers, None)
        return f"posted to the webhook {shown_address(webhook.url)} (HTTP {response.status})"


def sends_secrets_safely(url: str) -> bool:
    """Whether a secret may go to ``url``: encrypted (https), or to this computer (a local relay, a test)."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.hostname or "") in ("127.0.0.1", "localhost", "::1")


def shown_address(url: str) -> str:
    """A web address as anything this project says or writes names it: its scheme, host and port only, "/..."
    for whatever followed (a token in its path or query is never repeated), never a user name or password;
    "" when it has no host, or cannot be read."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number, a bracket left open
        return ""
    if not parts.scheme or not host:
        return ""
    shown = f"{parts.scheme}://{host}" + (f":{port}" if port else "")
    return shown + ("/..." if parts.path or parts.query or parts.fragment else "")


def without_secrets(text: str, url: str) -> str:
    """``text`` with no part of ``url`` beyond what :func:`shown_address` shows: its user name and password,
    path and query each replaced by "..." wherever they appear (a library's message may quote them); of an
    address that cannot be read, every piece after its scheme."""
    try:
        parts = urlsplit(url)
        userinfo = parts.netloc.rpartition("@")[0]
        secrets = [userinfo, *userinfo.split(":"), parts.path if parts.path != "/" else "", parts.query, parts.fragment]
    except ValueError:
        secrets = [url.partition("//")[2], *re.split(r"[:/@?#&=\[\]]+", url.partition("//")[2])]
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "...")
    return text


def _reason(error: BaseException, timeout: float) -> str:
    """Why an alert was not sent, in a few words (never a secret: no setting is repeated but the host)."""
    causes: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(causes) < 5:  # smtplib says a timeout as "Connection unexpectedly closed"
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(cause, (socket.timeout, TimeoutError)) for cause in causes) or isinstance(
        getattr(error, "reason", None), TimeoutError
    ):
        return f"no answer within {timeout:g} s"
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return "the server does not offer STARTTLS, and mail is never sent unencrypted"
    if isinstance(error, urllib.error.HTTPError):
        return f"the webhook answered HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return _reason(error.reason, timeout) if isinstance(error.reason, BaseException) else str(error.reason)
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"its certificate is not trusted ({error.verify_message}); a private CA goes in 'ca_file'"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused (is the server running, on that port?)"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"the server answered {error.smtp_code} {error.smtp_error.decode('utf-8', 'replace') if isinstance(error.smtp_error, bytes) else error.smtp_error}"
    return f"{type(error).__name__}: {error}"


def send_alerts(run: dict, out_dir: Path, settings: AlertSettings | None, say: Callable[[str], None]) -> list[str]:
    """Send the run's alert wherever the settings say; one line said for each place, sent or not. Never raises:
    an alert that cannot be sent does not fail the run."""
    alert = alert_for_run(run, out_dir, settings) if settings else None
    if settings is None or alert is None:
        return []
    places: list[tuple[str, Callable[[Any, Alert], str], MailSettings | WebhookSettings]] = (
        [(f"mail to {settings.mail.host}:{settings.mail.port}", send_mail, settings.mail)] if settings.mail else []
    ) + (
        [(f"webhook {shown_address(settings.webhook.url)}", post_webhook, settings.webhook)] if settings.webhook else []
    )
    said = []
    for where, send, target in places:
        try:
            line = f"alert: {send(target, alert)}"
        except Exception as error:  # noqa: BLE001 - whatever it is, the run goes on and says so
            line = f"alert not sent: {where}: {_reason(error, target.timeout)}"
        if settings.webhook:  # whatever a library said, nothing of the webhook's address but its host
            line = without_secrets(line, settings.webhook.url)
        say(line)
        said.append(line)
    return said
