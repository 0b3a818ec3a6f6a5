"""The deployment guide's TLS front, tested: deploy/nginx-tls.conf rendered by `python -m bot
deploy nginx` with a self-signed certificate, in front of the running assistant. A full check
over https (by REST and in the widget in Chromium), the console's cookie `Secure` behind it,
lockouts per client address from X-Forwarded-For, and nothing of Rasa's own API exposed."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

import pytest
from playwright.sync_api import Browser

from assistant.run import NGINX, Servers, free_port
from bot.settings import PROJECT_ROOT
from tests.e2e.conftest import AGENT_PASSWORD, TOKEN, serious_violations

pytestmark = pytest.mark.e2e

NAME = "selfcheck.test"
MAIN_CONF = """\
worker_processes 1;
daemon off;
pid {workdir}/front.pid;
error_log {workdir}/front.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {site};
}}
"""


class Front:
    def __init__(self, https: str, http: str, context: ssl.SSLContext) -> None:
        self.https, self.http, self.context = https, http, context

    def call(
        self,
        path: str,
        body: Optional[bytes] = None,
        headers: Optional[Dict[str, str]] = None,
        base: Optional[str] = None,
    ) -> Tuple[int, Dict[str, str], str]:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
                return None

        request = urllib.request.Request((base or self.https) + path, data=body)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        opener = urllib.request.build_opener(
            NoRedirect, urllib.request.HTTPSHandler(context=self.context)
        )
        try:
            with opener.open(request, timeout=60) as reply:
                return reply.status, dict(reply.headers), reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"the TLS front did not listen on {port}")


@pytest.fixture(scope="module")
def front(servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    if not NGINX.exists():
        pytest.fail("nginx is not installed: run `make production-deps` (make test does it)")
    workdir = tmp_path_factory.mktemp("front")
    cert, key = workdir / "cert.pem", workdir / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", f"/CN={NAME}"]
        + ["-addext", f"subjectAltName=DNS:{NAME},IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    https_port, http_port = free_port(), free_port()
    upstream = urllib.parse.urlparse(servers.rasa_url).netloc
    rendered = subprocess.run(  # as the README tells a city's IT to do it
        [sys.executable, "-m", "bot", "deploy", "nginx", "--server-name", NAME]
        + ["--cert", str(cert), "--key", str(key), "--upstream", upstream]
        + ["--listen", f"127.0.0.1:{https_port}", "--http-listen", f"127.0.0.1:{http_port}"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    site = workdir / "click2gov-assistant.conf"
    site.write_text(rendered.stdout)
    conf = workdir / "nginx.conf"
    conf.write_text(MAIN_CONF.format(workdir=workdir, site=site))
    with open(workdir / "front.out", "ab") as output:
        process = subprocess.Popen(
            [str(NGINX), "-p", str(workdir), "-c", str(conf)], stdout=output, stderr=output
        )
    try:
        _wait_for(https_port)
        context = ssl.create_default_context(cafile=str(cert))
        yield Front(f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", context)
    finally:
        process.terminate()
        process.wait(30)


def test_a_full_check_over_https(front: Front):
    sender = "tls-resident-0001"
    said = []
    for text in ("was my payment affected?", "Odessa", "Sept 3 2019", "online with my Visa"):
        body = json.dumps({"sender": sender, "message": text}).encode()
        status, headers, reply = front.call(
            "/webhooks/rest_redacted/webhook", body, {"Content-Type": "application/json"}
        )
        assert status == 200, reply
        said.append(" ".join(m.get("text") or "" for m in json.loads(reply)))
    assert "Yes — your payment was affected." in said[-1]
    assert "max-age=31536000" in headers.get("Strict-Transport-Security", "")


def test_only_the_channels_are_exposed(front: Front):
    assert front.call("/widget.js")[0] == 200
    assert front.call("/widget/demo")[0] == 200
    assert front.call("/agent/")[0] == 401  # the console, behind its login
    assert front.call("/webhooks/sms/webhook", b"Body=hi")[0] == 403  # unsigned: refused
    for private in (f"/conversations/x/tracker?token={TOKEN}", f"/status?token={TOKEN}", "/"):
        assert front.call(private)[0] == 404, private  # Rasa's own API stays private
    status, headers, _ = front.call("/widget/demo", base=front.http)
    assert status == 301 and headers["Location"].startswith("https://")


def _log_in(front: Front, password: str, client: str) -> Tuple[int, str]:
    body = urllib.parse.urlencode({"password": password}).encode()
    status, headers, _ = front.call(
        "/agent/login",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": client},
    )
    return status, headers.get("Set-Cookie", "")


def test_behind_the_front_cookies_are_secure_and_lockouts_are_per_client(front: Front):
    for _ in range(5):  # one client guessing, as the front forwards it
        assert _log_in(front, "not it", "203.0.113.50")[0] == 401
    assert _log_in(front, AGENT_PASSWORD, "203.0.113.50")[0] == 429
    status, cookie = _log_in(front, AGENT_PASSWORD, "198.51.100.60")  # another agent works
    assert status == 303 and "secure" in cookie.lower() and "httponly" in cookie.lower()


def test_the_widget_over_https_in_a_browser(browser: Browser, front: Front):
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{front.https}/widget/demo")
    page.wait_for_selector(".launcher")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    for text in ("was my payment affected?", "Sept 3 2019", "online with my card"):
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        page.wait_for_function(
            "!document.querySelector('.click2gov-widget').shadowRoot.querySelector('.send').disabled"
        )
    headline = page.get_by_role("heading", name="Yes — your payment was affected.")
    assert headline.count() == 1
    assert page.evaluate("location.protocol") == "https:"
    assert serious_violations(page) == []
    context.close()


def test_the_deploy_files_name_what_they_install():
    deploy = PROJECT_ROOT / "deploy"
    unit = (deploy / "click2gov-assistant.service").read_text()
    assert "ExecStart=/opt/click2gov-assistant/.venv/bin/python -m bot serve" in unit
    assert "Restart=on-failure" in unit
    timer = (deploy / "click2gov-purge.timer").read_text()
    assert "OnCalendar=daily" in timer
    assert "-m bot purge" in (deploy / "click2gov-purge.service").read_text()


def test_log_rotation_keeps_the_newest_and_empties_the_open_file(tmp_path: Path):
    run = tmp_path / ".data" / "run"
    run.mkdir(parents=True)
    log = run / "rasa.log"
    held = open(log, "ab")  # noqa: SIM115 - a server keeps its log open in append mode
    held.write(b"x" * 1000 + b"\n")
    held.flush()
    conf = tmp_path / "logrotate.conf"
    text = (PROJECT_ROOT / "deploy" / "logrotate.conf").read_text()
    conf.write_text(text.replace("/opt/click2gov-assistant", str(tmp_path)))
    done = subprocess.run(
        ["logrotate", "--force", "--state", str(tmp_path / "state"), str(conf)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (run / "rasa.log.1").stat().st_size > 1000  # the old lines, kept
    assert log.stat().st_size == 0  # the open file was emptied in place
    held.write(b"after\n")
    held.flush()
    held.close()
    assert log.read_bytes() == b"after\n"  # the server writes on, from the start
