#!/usr/bin/env python3
"""A tiny SMTP mail gateway for CI: accepts mail over SMTP and posts each raw message to ticket-service's
POST /api/intake/email (role service, body message/rfc822), as the real mail gateway in front of the
support addresses does. Standard library only (no smtpd: it left Python in 3.12).

  INTAKE_URL=http://localhost:8081/api/intake/email INTAKE_TOKEN=$(./dev-token service) \
    python3 .ci/mail-gateway.py [--port 0] [--port-file FILE]

Port 0 (the default) takes a free port; the one taken is printed and, with --port-file, written to FILE.
The SMTP answer to DATA follows the intake's: 2xx -> 250; 4xx (a message the intake refuses) -> 550;
anything else (5xx, no answer) -> 451, so the sending MTA keeps the mail and tries again.
"""
import argparse
import email.utils
import os
import socketserver
import sys
import urllib.error
import urllib.request

MAX_MESSAGE_BYTES = 20 * 1024 * 1024


def log(text):
    print("mail-gateway: " + text, flush=True)


def forward(server, raw, envelope_from, recipients):
    """POSTs one message to the intake; returns the SMTP reply for DATA."""
    request = urllib.request.Request(server.intake_url, data=raw, method="POST", headers={
        "Authorization": "Bearer " + server.token, "Content-Type": "message/rfc822"})
    who = "from {} to {}".format(envelope_from, ",".join(recipients))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            log("{}: {} {}".format(who, response.status, response.read().decode("utf-8", "replace")))
            return "250 2.0.0 accepted by the support intake"
    except urllib.error.HTTPError as e:
        log("{}: {} {}".format(who, e.code, e.read().decode("utf-8", "replace")))
        if 400 <= e.code < 500:
            return "550 5.6.0 refused by the support intake ({})".format(e.code)
        return "451 4.3.0 support intake failed ({}); try again later".format(e.code)
    except OSError as e:
        log("{}: intake unreachable: {}".format(who, e))
        return "451 4.3.0 support intake unreachable; try again later"


class Session(socketserver.StreamRequestHandler):
    """One SMTP conversation (RFC 5321's minimum: HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)."""

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))
        self.wfile.flush()

    def handle(self):
        self.reply("220 mail-gateway.ci ESMTP")
        envelope_from, recipients = None, []
        while True:
            line = self.rfile.readline(4096)
            if not line:
                return
            command = line.decode("ascii", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250-mail-gateway.ci\r\n250-8BITMIME\r\n250 SIZE {}".format(MAX_MESSAGE_BYTES) if verb == "EHLO"
                           else "250 mail-gateway.ci")
            elif verb == "MAIL":
                envelope_from, recipients = command.split(":", 1)[1].strip().split(" ")[0].strip("<>"), []
                self.reply("250 2.1.0 ok")
            elif verb == "RCPT":
                if envelope_from is None:
                    self.reply("503 5.5.1 MAIL first")
                    continue
                recipients.append(command.split(":", 1)[1].strip().split(" ")[0].strip("<>"))
                self.reply("250 2.1.5 ok")
            elif verb == "DATA":
                if not recipients:
                    self.reply("503 5.5.1 RCPT first")
                    continue
                self.reply("354 end with <CRLF>.<CRLF>")
                lines, size = [], 0
                while True:
                    data = self.rfile.readline(1 << 20)
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    size += len(data)
                    if size <= MAX_MESSAGE_BYTES:
                        lines.append(data[1:] if data.startswith(b"..") else data)   # undo dot-stuffing
                if size > MAX_MESSAGE_BYTES:
                    self.reply("552 5.3.4 message over {} bytes".format(MAX_MESSAGE_BYTES))
                    envelope_from, recipients = None, []
                    continue
                # a real MTA stamps each hop; the message below it goes on unchanged
                received = "Received: from [{}] by mail-gateway.ci; {}\r\n".format(
                    self.client_address[0], email.utils.formatdate(usegmt=True)).encode("ascii")
                self.reply(forward(self.server, received + b"".join(lines), envelope_from, recipients))
                envelope_from, recipients = None, []
            elif verb == "RSET":
                envelope_from, recipients = None, []
                self.reply("250 2.0.0 ok")
            elif verb == "NOOP":
                self.reply("250 2.0.0 ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 bye")
                return
            else:
                self.reply("502 5.5.2 command not implemented")


class Gateway(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    intake_url = None
    token = None


def main():
    parser = argparse.ArgumentParser(description="SMTP -> POST /api/intake/email")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    args = parser.parse_args()
    gateway = Gateway(("127.0.0.1", args.port), Session)
    gateway.intake_url = os.environ.get("INTAKE_URL")
    gateway.token = os.environ.get("INTAKE_TOKEN")
    if not gateway.intake_url or not gateway.token:
        sys.exit("mail-gateway: set INTAKE_URL and INTAKE_TOKEN (a bearer token of role service)")
    port = gateway.server_address[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.replace(args.port_file + ".tmp", args.port_file)
    log("listening on 127.0.0.1:{}, posting to {}".format(port, gateway.intake_url))
    try:
        gateway.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
