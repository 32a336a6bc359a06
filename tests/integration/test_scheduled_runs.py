"""Scheduled runs people can follow (#24), end to end with one real brief (the illustrative timeline one, the
quickest): two runs with changed data, then a run whose data went bad; the history lists every run and keeps
both editions, the feed validates and lists both, the catalogue and the feed mark the brief stale, and the
alerts reach a local SMTP server (STARTTLS, login) and a local webhook."""

from __future__ import annotations

import json
import shutil

import feedparser
import pytest
import yaml

from briefs_scenario import parse_html
from conftest import ROOT
from following import Hook, Inbox, check_atom, make_certificate, smtp_server, unresolved_links, webhook_server
from workbooks.common.moments import shown_moment
from workbooks.loaders import LOADERS
from workbooks.publish.alerts import PASSWORD_VARIABLE
from workbooks.publish.history import editions_kept, load_runs
from workbooks.publish.runner import run_briefs

pytestmark = [pytest.mark.integration, pytest.mark.kernel, pytest.mark.browser]  # real briefs, their PDFs printed

BRIEF = "timeline_progress/demo"


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory):
    """A project with one brief, alerts on every new edition to local servers, run three times."""
    root = tmp_path_factory.mktemp("scheduled") / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "params" / "timeline_progress").mkdir(parents=True)
    (root / "params" / "timeline_progress" / "demo.yaml").write_text(
        yaml.safe_dump(
            {
                "as_of": "2024-06-30",
                "status_log_file": "data/status_log.illustrative.csv",
                "workstreams": ["Strengthening migrants' socio-economic integration"],
            }
        ),
        encoding="utf-8",
    )
    certificate = make_certificate(root.parent)
    inbox = Inbox()
    smtp = smtp_server(inbox, certificate, password="pw-not-to-be-seen")
    out, log = root / "outputs", root / "data" / "status_log.illustrative.csv"
    with webhook_server() as hook, pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSWORD_VARIABLE, "pw-not-to-be-seen")
        (root / "params" / "alerts.yaml").write_text(
            yaml.safe_dump(
                {
                    "on_new_edition": True,
                    "mail": {
                        "host": "127.0.0.1",
                        "port": smtp.port,
                        "sender": "briefs@example.org",
                        "recipients": ["team@example.org"],
                        "username": "briefs",
                        "ca_file": str(certificate[0]),
                        "timeout_seconds": 10,
                    },
                    "webhook": {"url": f"http://127.0.0.1:{hook.server_port}/hook", "timeout_seconds": 10},
                }
            ),
            encoding="utf-8",
        )
        codes = [run_briefs(loaders=LOADERS, root=root, out_dir=out)]
        log.write_text(
            log.read_text(encoding="utf-8").replace("2024-01-31,Completed", "2024-05-31,Completed"), encoding="utf-8"
        )
        codes.append(run_briefs(loaders=LOADERS, root=root, out_dir=out))
        log.write_text(
            log.read_text(encoding="utf-8").replace("2024-05-31,Completed", "2024-02-30,Completed"), encoding="utf-8"
        )
        codes.append(run_briefs(loaders=LOADERS, root=root, out_dir=out))
        smtp.stop()
    return {"codes": codes, "out": out, "inbox": inbox, "hooks": list(Hook.received)}


def test_the_history_lists_every_run_and_keeps_both_editions(three_runs):
    out = three_runs["out"]
    assert three_runs["codes"] == [0, 0, 1]
    runs, unreadable = load_runs(out)
    assert unreadable == 0 and len(runs) == 3
    outcomes = [(run["briefs"][0]["outcome"], run["briefs"][0]["why"]) for run in runs]
    assert outcomes[:2] == [
        ("new edition", "its first edition kept in the history"),
        ("new edition", "its inputs changed since its last edition"),
    ]
    assert (
        outcomes[2][0] == "failed"
        and "status_log.illustrative.csv" in outcomes[2][1]
        and "2024-02-30" in outcomes[2][1]
    )
    assert runs[0]["briefs"][0]["fingerprint"] != runs[1]["briefs"][0]["fingerprint"] != ""
    kept = editions_kept(out, BRIEF)
    assert [edition.stamp for edition in kept] == [runs[1]["stamp"], runs[0]["stamp"]]
    assert all((out / edition.html).is_file() and edition.facts["summary"] for edition in kept)
    for page in [out / edition.html for edition in kept] + [
        out / f"{BRIEF}.html",
        out / "index.html",
        out / "history.html",
    ]:
        assert unresolved_links(page, out) == [], page  # every link of a kept copy resolves from where it is kept
    page = parse_html((out / "history.html").read_text(encoding="utf-8"))
    assert {edition.html for edition in kept} <= set(page.links)
    text = " ".join(" ".join(page.text).split())
    assert text.count("Run of ") == 3 and "Stale: the last run" in text


def test_the_feed_validates_lists_both_editions_and_marks_the_brief_stale(three_runs):
    out = three_runs["out"]
    xml = (out / "feed.xml").read_bytes()
    check_atom(xml)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and len(parsed.entries) == 2
    assert [entry.link for entry in parsed.entries] == [edition.html for edition in editions_kept(out, BRIEF)]
    newest = parsed.entries[0]
    assert newest.title.startswith("Stale: ILLUSTRATIVE: ") and [tag.term for tag in newest.tags] == ["stale"]
    assert editions_kept(out, BRIEF)[0].facts["summary"][0] in "".join(parse_html(newest.content[0].value).text)
    catalogue = " ".join(" ".join(parse_html((out / "index.html").read_text(encoding="utf-8")).text).split())
    # the good version's time is its own (the run that made it), said as the history, the feed and the alerts say it
    good = shown_moment(editions_kept(out, BRIEF)[0].made)
    assert f"stopped on a data file it reads; this is the last good version, made {good}." in catalogue
    assert newest.title.endswith(f"(edition of {good})")
    history = " ".join(" ".join(parse_html((out / "history.html").read_text(encoding="utf-8")).text).split())
    assert f"Edition of {good} (newest)" in history


def test_the_failure_and_each_new_edition_reached_the_mail_server_and_the_webhook(three_runs):
    mails = [message for _, _, over_tls, message in three_runs["inbox"].messages if over_tls]
    assert len(mails) == len(three_runs["inbox"].messages) == 3
    assert [str(mail["Subject"]).strip().split(" (run of")[0] for mail in mails] == [  # a long subject is folded
        "Integration Workbooks: 1 new edition",
        "Integration Workbooks: 1 new edition",
        "Integration Workbooks: 1 failed",
    ]
    assert "2024-02-30" in mails[2].get_content() and "pw-not-to-be-seen" not in mails[2].get_content()
    payloads = [payload for _, _, payload in three_runs["hooks"]]
    assert [len(payload["failed"]) for payload in payloads] == [0, 0, 1]
    assert payloads[2]["failed"][0]["brief"] == BRIEF and payloads[1]["new_editions"][0]["key_messages"]
    assert json.dumps(payloads).count("pw-not-to-be-seen") == 0


def test_the_second_edition_opens_with_what_changed_since_the_first_and_the_feed_and_catalogue_say_it(three_runs):
    out = three_runs["out"]
    second, first = editions_kept(out, BRIEF)
    assert first.facts["since"]["heading"] == "First edition" and not first.facts["since"]["changed"]
    day, made = f"{first.made:%-d %B %Y}", shown_moment(first.made)  # the heading gives the time: '..., 06:15 UTC'
    change = (
        "1 status recorded or changed (invented): Prepare and deploy an online survey to map effective policies "
        "(iii): recorded as Completed on 31 May 2024 (was Completed, recorded on 31 January 2024)."
    )
    reworded = [message for message in second.facts["summary"] if message not in first.facts["summary"]]
    assert len(reworded) == 1, reworded  # the status moved a key message too (completed later): said, counted
    assert second.facts["since"] == {
        "heading": f"Since the last edition ({made})",
        "compared": True,
        "changed": True,
        "previous_made": first.made.date().isoformat(),
        "changes": [change, "1 of the 5 key messages above is new or reworded since then."],
        "context": "",
        "nothing_changed": second.facts["since"]["nothing_changed"],
    }
    assert (
        second.facts["tracked"]["activities"]["Strengthening migrants' socio-economic integration|iii"]["status_as_of"]
        == "2024-05-31"
    )
    text = " ".join(" ".join(parse_html((out / second.html).read_text(encoding="utf-8")).text).split())
    opening = (
        text.index("Key messages"),
        text.index(f"Since the last edition ({made}) {change}"),
        text.index("Contents"),
    )
    assert opening == tuple(sorted(opening))  # right after the key messages, before the contents
    assert "This is the first edition of this brief" in " ".join(
        parse_html((out / first.html).read_text(encoding="utf-8")).text
    )
    newest = feedparser.parse((out / "feed.xml").read_bytes()).entries[0].content[0].value
    assert f"Since the last edition ({made}):" in newest and change in " ".join(parse_html(newest).text)
    catalogue = " ".join(" ".join(parse_html((out / "index.html").read_text(encoding="utf-8")).text).split())
    assert (
        "CHANGED" in catalogue
        and f"Changed since its last edition ({day}): the brief opens with what changed." in catalogue
    )
