#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for the send-test tests (Debian's aiosmtpd).

    smtp-server.py --ready FILE --spool DIR [--cert PEM --key PEM]
                   [--user NAME --password SECRET]

With --cert, it offers STARTTLS and requires it before AUTH and mail; with
--user, it requires AUTH. Without --cert it speaks plain text only (the
"server that refuses TLS" case). Each message received is written to
DIR/N.eml (the DATA bytes) and DIR/N.json (envelope). When listening, it
writes its port to the --ready file; it runs until SIGTERM.
"""
import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from serverutil import announce, exit_with_parent
from aiosmtpd.smtp import AuthResult, LoginPassword


class Spool:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        with open(base + '.eml', 'wb') as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + '.json', 'w') as f:
            json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos,
                       'tls': session.ssl is not None,
                       'authenticated': bool(session.authenticated)}, f)
        return '250 OK'


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--ready', required=True)
    parser.add_argument('--spool', required=True)
    parser.add_argument('--cert')
    parser.add_argument('--key')
    parser.add_argument('--user')
    parser.add_argument('--password')
    options = parser.parse_args()
    exit_with_parent()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == options.user
              and auth_data.password.decode() == options.password)
        # handled=False: aiosmtpd answers 535 itself.
        return AuthResult(success=ok, handled=False)

    kwargs = {}
    if options.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(options.cert, options.key)
        kwargs.update(tls_context=context, require_starttls=True)
    if options.user:
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(options.cert))
    port = free_port()
    controller = Controller(Spool(options.spool), hostname='127.0.0.1', port=port, **kwargs)
    controller.start()
    announce(options.ready, port)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
