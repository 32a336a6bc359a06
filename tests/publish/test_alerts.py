"""Alerts of a run (publish/alerts.py): the settings file read with its lines, a mail through a local SMTP server
with STARTTLS (aiosmtpd, a throwaway self-signed certificate made here), a JSON POST to a local web server on
127.0.0.1, and every way an alert cannot go out said in one line, never raised."""

from __future__ import annotations

import socket
import urllib.error
from pathlib import Path

import pytest

from conftest import free_port
from following import Hook, Inbox, make_certificate, smtp_server, webhook_server
from workbooks.errors import AlertsConfigError
from workbooks.publish.alerts import (
    PASSWORD_VARIABLE,
    TOKEN_VARIABLE,
    AlertSettings,
    MailSettings,
    WebhookSettings,
    alert_for_run,
    load_alert_settings,
    send_alerts,
)

RUN = {
    "stamp": "2026-12-07T060000Z",
    "finished": "2026-12-07T06:00:00Z",
    "briefs": [
        {
            "brief": "timeline_progress/real",
            "outcome": "failed",
            "status": "bad data",
            "title": "Real <plan>",
            "why": "data/status_log.csv: line 3, column 'date': '2024-02-30' is not a real date",
        },
        {"brief": "timeline_progress/demo", "outcome": "unchanged", "status": "ok", "title": "Demo"},
    ],
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alerts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the settings file --------------------------------------------------------------------------------------------


def test_a_full_settings_file_is_read(tmp_path):
    (tmp_path / "ca.pem").write_text("not read here", encoding="utf-8")
    settings = load_alert_settings(
        write(
            tmp_path,
            """\
site_url: https://example.org/briefs/
on_new_edition: true
mail:
  host: smtp.example.org
  port: 2525
  sender: briefs@example.org
  recipients: [a@example.org, b@example.org]
  username: briefs
  ca_file: ca.pem
  timeout_seconds: 5
webhook:
  url: https://hooks.example.org/T0/B0
""",
        )
    )
    assert settings.mail == MailSettings(
        host="smtp.example.org",
        sender="briefs@example.org",
        recipients=("a@example.org", "b@example.org"),
        port=2525,
        username="briefs",
        ca_file=str(tmp_path / "ca.pem"),
        timeout=5.0,
    )
    assert settings.webhook == WebhookSettings(url="https://hooks.example.org/T0/B0", timeout=20.0)
    assert settings.on_new_edition and settings.site_url == "https://example.org/briefs/"


def test_the_guides_example_is_a_file_that_works(tmp_path):
    from conftest import ROOT

    guide = (ROOT / "docs" / "briefs.md").read_text(encoding="utf-8")
    example = guide.split("```yaml\n# params/alerts.yaml: where the alerts of a run go\n", 1)[1].split("```", 1)[0]
    settings = load_alert_settings(write(tmp_path, example))
    assert settings.mail.port == 587 and settings.mail.recipients == ("team@example.org",)
    assert settings.webhook.url.startswith("https://") and settings.on_new_edition is False


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "mail:\n  host: h\n  sender: s@example.org\n  recipients: [r@example.org]\n  password: hunter2\n",
            r"alerts.yaml, line 5, key 'password' of mail: a secret is never kept in this file: delete the line and set "
            r"the environment variable WORKBOOKS_SMTP_PASSWORD",
        ),
        (
            "webhook:\n  url: https://x.example.org\n  token: abc\n",
            r"line 3, key 'token' of webhook: .*WORKBOOKS_WEBHOOK_TOKEN",
        ),
        (
            "mail:\n  host: h\n  sender: s@example.org\n  recipient: [r@example.org]\n",
            r"line 4, key 'recipient' of mail: unknown key; the keys here are host, port, sender, recipients",
        ),
        ("mail:\n  host: h\n  sender: s@example.org\n", r"line 2, mail: key 'recipients' is missing"),
        (
            'mail:\n  host: h\n  sender: s@example.org\n  recipients: [r@example.org, "x\\nBcc: y@example.org"]\n',
            r"line 4, key 'recipients' of mail: 'x\\nBcc: y@example.org' is not a mail address",
        ),  # a header's injection
        (
            "mail:\n  host: h\n  port: smtp\n  sender: s@example.org\n  recipients: r@example.org\n",
            r"line 3, key 'port' of mail: expected a port number",
        ),
        (
            "mail:\n  host: h\n  sender: s@example.org\n  recipients: r@example.org\n  timeout_seconds: 0\n",
            r"line 5, key 'timeout_seconds' of mail: expected a number of seconds above 0",
        ),
        (
            "mail:\n  host: h\n  sender: s@example.org\n  recipients: r@example.org\n  ca_file: nowhere.pem\n",
            r"line 5, key 'ca_file' of mail: nowhere.pem: no such file \(looked in",
        ),
        (
            "webhook:\n  url: ftp://x.example.org\n",
            r"line 2, key 'url' of webhook: 'ftp://x.example.org' is not a web address",
        ),
        (
            "on_new_edition: yes please\nwebhook:\n  url: https://x.example.org\n",
            r"line 1, key 'on_new_edition': expected true or false",
        ),
        ("site_url: https://x.example.org\n", r"alerts.yaml: says nowhere to send alerts"),
        ("webhook: https://x.example.org\n", r"line 1, key 'webhook': expected keys, one a line, indented under it"),
        ("mail:\n  host: h\n  host: g\n", r"line 3, key 'host': given twice \(first on line 2\)"),
        ("- a list\n", r"alerts.yaml, line 1: expected keys"),
        (
            "webhook:\n  url: http://user:pa55word@hooks.example.org/T0/B0?token=abc\n",
            r"^[^ ]*alerts.yaml, line 2, key 'url' of webhook: the address of http://hooks.example.org/\.\.\. holds a user name or "
            r"password, and a secret is never kept in this file: take them out of the address and set the environment "
            r"variable WORKBOOKS_WEBHOOK_TOKEN \(sent as 'Authorization: Bearer \.\.\.'\)$",
        ),
        (
            "site_url: https://me:pa55word@briefs.example.org/\nwebhook:\n  url: https://x.example.org\n",
            r"line 1, key 'site_url': the address of https://briefs.example.org/\.\.\. holds a user name or password",
        ),
    ],
)
def test_a_settings_file_that_cannot_be_used_says_file_line_and_key(tmp_path, text, message):
    with pytest.raises(AlertsConfigError, match=message) as raised:
        load_alert_settings(write(tmp_path, text))
    assert not {"pa55word", "user:", "me:", "T0/B0", "token=abc"} & set(str(raised.value).replace("'", " ").split())
    assert "pa55word" not in str(raised.value) and "T0/B0" not in str(raised.value)


def test_the_run_stops_on_bad_settings_before_any_brief_without_a_traceback(tmp_path, capsys, monkeypatch):
    from workbooks.cli import main

    path = write(tmp_path, "webhook:\n  url: https://x.example.org\n  token: abc\n")
    monkeypatch.setattr("workbooks.publish.runner.check_kernel", lambda name: None)
    assert main(["run", "--alerts", str(path), "--out", str(tmp_path / "outputs")]) == 1
    started, error = capsys.readouterr().err.split("\n", 1)
    assert started.startswith("workbooks run, started ")  # dated first: a scheduled log shows which day stopped
    assert error.startswith(f"error: {path}, line 3, key 'token' of webhook: a secret is never kept in this file")
    assert "Traceback" not in error and not (tmp_path / "outputs").exists()


def test_a_run_stops_before_any_brief_when_the_mail_password_is_not_set(tmp_path, capsys, monkeypatch):
    from workbooks.cli import main

    path = write(
        tmp_path,
        "mail:\n  host: smtp.example.org\n  sender: s@example.org\n  recipients: [r@example.org]\n"
        "  username: briefs@example.org\n",
    )
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setattr("workbooks.publish.runner.check_kernel", lambda name: None)
    assert main(["run", "--alerts", str(path), "--out", str(tmp_path / "outputs")]) == 1
    started, error = capsys.readouterr().err.split("\n", 1)
    assert started.startswith("workbooks run, started ")
    assert error.startswith(
        f"error: {path}, line 5, key 'username' of mail: the mail server is to be logged in to, "
        f"but the environment variable {PASSWORD_VARIABLE} is not set: set it to the password of "
        "'briefs@example.org' where the run starts"
    )
    assert "Traceback" not in error and not (tmp_path / "outputs").exists()
    assert load_alert_settings(path, environment={PASSWORD_VARIABLE: "set"}).mail.username == "briefs@example.org"
    assert load_alert_settings(path).mail.username  # read alone (not for a run), the file is not checked against it


# --- what an alert says -------------------------------------------------------------------------------------------


def test_an_alert_names_each_failed_brief_and_why_and_nothing_is_sent_for_a_good_run(tmp_path):
    settings = AlertSettings(
        path="a.yaml", webhook=WebhookSettings("https://x.example.org"), site_url="https://e.org/b/"
    )
    alert = alert_for_run(RUN, tmp_path, settings)
    assert alert.subject == "Integration Workbooks: 1 failed (run of 7 December 2026, 06:00 UTC)"
    assert (
        "- Real <plan> (timeline_progress/real): bad data: data/status_log.csv: line 3, column 'date': "
        "'2024-02-30' is not a real date"
    ) in alert.text
    assert "History of runs: https://e.org/b/history.html" in alert.text
    assert alert.payload["failed"] == [
        {
            "brief": "timeline_progress/real",
            "title": "Real <plan>",
            "status": "bad data",
            "why": RUN["briefs"][0]["why"],
        }
    ]
    good = {**RUN, "briefs": RUN["briefs"][1:]}
    assert alert_for_run(good, tmp_path, settings) is None
    new = {
        **RUN,
        "briefs": [{"brief": "timeline_progress/demo", "outcome": "new edition", "status": "ok", "edition": "x"}],
    }
    assert alert_for_run(new, tmp_path, settings) is None  # new editions only when asked
    asked = alert_for_run(new, tmp_path, AlertSettings(**{**settings.__dict__, "on_new_edition": True}))
    assert (
        asked.subject.startswith("Integration Workbooks: 1 new edition")
        and asked.payload["new_editions"][0]["brief"] == "timeline_progress/demo"
    )


# --- a local SMTP server with STARTTLS, a local web server --------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def webhook():
    with webhook_server() as server:
        yield server


def test_a_failure_is_mailed_over_starttls_with_login_and_posted_to_the_webhook(
    tmp_path, certificate, webhook, monkeypatch
):
    inbox = Inbox()
    controller = smtp_server(inbox, certificate, password="s3cret-pw")
    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret-pw")
    monkeypatch.setenv(TOKEN_VARIABLE, "tok-123")
    settings = AlertSettings(
        path="a.yaml",
        mail=MailSettings(
            host="127.0.0.1",
            port=controller.port,
            sender="briefs@example.org",
            recipients=("a@example.org", "b@example.org"),
            username="briefs",
            ca_file=str(certificate[0]),
            timeout=10,
        ),
        webhook=WebhookSettings(url=f"http://127.0.0.1:{webhook.server_port}/hook/secret-path", timeout=10),
    )
    said = []
    try:
        lines = send_alerts(RUN, tmp_path, settings, said.append)
    finally:
        controller.stop()
    assert (
        lines
        == said
        == [
            f"alert: mailed 2 recipients through 127.0.0.1:{controller.port}",
            f"alert: posted to the webhook http://127.0.0.1:{webhook.server_port}/... (HTTP 204)",
        ]
    )
    sender, recipients, over_tls, message = inbox.messages[0]
    assert (sender, recipients, over_tls, inbox.logins) == (
        "briefs@example.org",
        ["a@example.org", "b@example.org"],
        True,
        ["briefs"],
    )
    assert message["Subject"] == "Integration Workbooks: 1 failed (run of 7 December 2026, 06:00 UTC)"
    assert message["Date"].datetime.utcoffset().total_seconds() == 0  # in UTC, as every time the project gives
    assert message["Message-ID"].endswith("@example.org>")  # mail readers sort and thread by these
    assert "'2024-02-30' is not a real date" in message.get_content()
    path, headers, payload = Hook.received[0]
    assert path == "/hook/secret-path" and headers["Content-Type"] == "application/json"
    assert headers["Authorization"] == "Bearer tok-123"
    assert payload["failed"][0]["why"] == RUN["briefs"][0]["why"] and payload["run"] == RUN["stamp"]
    assert not any("s3cret-pw" in line or "tok-123" in line or "secret-path" in line for line in said)


def listening_silently() -> socket.socket:
    """A socket on 127.0.0.1 that accepts connections (the kernel's backlog) and never says a word."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    return silent


def test_an_alert_that_cannot_go_out_is_one_line_and_never_raises(tmp_path, certificate, webhook):
    said = []
    down = free_port()
    silent = listening_silently()
    plain_inbox = Inbox()
    plain = smtp_server(plain_inbox)  # no STARTTLS offered
    tls = smtp_server(Inbox(), certificate)
    Hook.answer = 500

    def mail(port, **more):
        return MailSettings(
            host="127.0.0.1",
            port=port,
            sender="s@example.org",
            recipients=("r@example.org",),
            timeout=more.pop("timeout", 5),
            **more,
        )

    try:
        for settings in (
            AlertSettings(path="a", mail=mail(down), webhook=WebhookSettings(f"http://127.0.0.1:{down}/", 5)),
            AlertSettings(
                path="a",
                mail=mail(silent.getsockname()[1], timeout=0.5),
                webhook=WebhookSettings(f"http://127.0.0.1:{silent.getsockname()[1]}/", 0.5),
            ),
            AlertSettings(
                path="a", mail=mail(plain.port), webhook=WebhookSettings(f"http://127.0.0.1:{webhook.server_port}/", 5)
            ),
            AlertSettings(path="a", mail=mail(tls.port)),  # self-signed, not trusted
            AlertSettings(path="a", mail=mail(tls.port, username="u", ca_file=str(certificate[0]))),  # no password set
        ):
            send_alerts(RUN, tmp_path, settings, said.append)
    finally:
        plain.stop()
        tls.stop()
        silent.close()
    assert (
        said[0]
        == f"alert not sent: mail to 127.0.0.1:{down}: connection refused (is the server running, on that port?)"
    )
    assert (
        said[1]
        == f"alert not sent: webhook http://127.0.0.1:{down}/...: connection refused (is the server running, on that port?)"
    )
    assert said[2].endswith(": no answer within 0.5 s") and said[3].endswith(": no answer within 0.5 s")
    assert said[4].endswith(": the server does not offer STARTTLS, and mail is never sent unencrypted")
    assert said[5].endswith(": the webhook answered HTTP 500 Internal Server Error")
    assert "certificate is not trusted" in said[6] and "'ca_file'" in said[6]
    assert said[7].endswith(f"'username' is set but the environment variable {PASSWORD_VARIABLE} is not")
    assert len(said) == 8 and not plain_inbox.messages


def test_a_webhook_is_named_by_its_host_only_whatever_its_address_holds(tmp_path, webhook):
    """Whatever the address holds (a user name and password, a token in its path or query), no line of the run
    says more than its host, even where the library that failed to send quoted the address."""
    said = []
    down = free_port()
    for url in (
        f"http://user:pa55word@127.0.0.1:{webhook.server_port}/hook/secret-path?token=abc",  # urllib cannot
        f"http://127.0.0.1:{down}/hook/secret-path?token=abc",
        "http://user:pa55word@[::1/x",
    ):  # read these
        send_alerts(RUN, tmp_path, AlertSettings(path="a", webhook=WebhookSettings(url, 5)), said.append)
    assert len(said) == 3 and all(line.startswith("alert not sent: webhook ") for line in said)
    assert said[1] == (
        f"alert not sent: webhook http://127.0.0.1:{down}/...: connection refused "
        "(is the server running, on that port?)"
    )
    for secret in ("pa55word", "user", "secret-path", "token", "abc", "/hook"):
        assert not any(secret in line for line in said), (secret, said)


def test_a_token_goes_over_https_or_to_this_computer_only(monkeypatch):
    from workbooks.publish.alerts import Alert, post_webhook, sends_secrets_safely

    assert sends_secrets_safely("https://hooks.example.org/x") and sends_secrets_safely("http://127.0.0.1:8099/x")
    assert not sends_secrets_safely("http://hooks.example.org/x")
    monkeypatch.setenv(TOKEN_VARIABLE, "tok-123")
    with pytest.raises(urllib.error.URLError, match="sent over https only .* not over http: nothing was sent"):
        post_webhook(WebhookSettings(url="http://hooks.example.org/x", timeout=1), Alert("s", "t", {}))
