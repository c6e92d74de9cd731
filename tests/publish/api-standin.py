#!/usr/bin/env python3
"""A local HTTPS stand-in for the Mailchimp Marketing API and the Buttondown
API, for the hand-off tests. No vendor server runs locally, so this one
checks every request against the vendors' documented format (see
docs/delivery.md for the pages) and answers as the documentation shows.

    api-standin.py --ready FILE --log FILE --cert PEM --key PEM --api-key KEY
                   [--fault METHOD:PATH:KIND:COUNT]...

Mailchimp lives under /3.0, Buttondown under /v1. Each request is
appended to --log as one JSON line: method, path, the parsed JSON body (a
picture's base64 shortened to its length), "violations" (what breaks the
documented format; a request with any is answered 400) and the status
sent. A fault makes the first COUNT requests whose method is METHOD and
whose path starts with PATH fail with KIND: 401, 404, 429 (with
"Retry-After: 1"), 500, or "stall" (read the request, never answer).
When listening, it writes its port to --ready; it runs until SIGTERM.
"""
import argparse
import base64
import email.parser
import email.policy
import json
import signal
import ssl
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from serverutil import announce, exit_with_parent

PNG = b'\x89PNG\r\n\x1a\n'
JPEG = b'\xff\xd8\xff'
GIF = (b'GIF87a', b'GIF89a')
MAILCHIMP_SETTINGS = ('subject_line', 'preview_text', 'title', 'from_name', 'reply_to')


def is_picture(data):
    return data.startswith(PNG) or data.startswith(JPEG) or data.startswith(GIF)


class State:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.faults = []
        for spec in options.fault or []:
            method, path, kind, count = spec.split(':', 3)
            self.faults.append({'method': method, 'path': path, 'kind': kind,
                                'left': int(count)})
        self.campaigns = {}
        self.emails = {}
        self.next_id = 1000
        self.stop = threading.Event()

    def fault_for(self, method, path):
        with self.lock:
            for fault in self.faults:
                if fault['left'] > 0 and fault['method'] == method and path.startswith(fault['path']):
                    fault['left'] -= 1
                    return fault['kind']
        return None

    def new_id(self):
        with self.lock:
            self.next_id += 1
            return self.next_id

    def log(self, entry):
        with self.lock, open(self.options.log, 'a') as f:
            f.write(json.dumps(entry) + '\n')


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'standin'

    def log_message(self, *args):
        pass

    # -- plumbing ------------------------------------------------------------

    def read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def answer(self, status, body, headers=None, content_type='application/json'):
        data = json.dumps(body).encode() if body is not None else b''
        self.send_response(status)
        if data:
            self.send_header('Content-Type', content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.entry['status'] = status
        self.state.log(self.entry)

    def host_url(self, path):
        return f'https://127.0.0.1:{self.server.server_address[1]}{path}'

    def handle_any(self, method):
        self.state = self.server.state
        raw = self.read_body()
        path = self.path
        self.entry = {'method': method, 'path': path, 'violations': [],
                      'content_type': self.headers.get('Content-Type', '')}
        self.body_raw = raw
        fault = self.state.fault_for(method, path)
        if fault == 'stall':
            self.entry['status'] = 'stalled'
            self.state.log(self.entry)
            self.state.stop.wait()
            return
        if path.startswith('/3.0/'):
            self.mailchimp(method, path[len('/3.0'):], raw, fault)
        elif path.startswith('/v1/'):
            self.buttondown(method, path[len('/v1'):], raw, fault)
        else:
            self.entry['violations'].append('unknown API path')
            self.answer(404, {'detail': 'Not found.'})

    def do_GET(self):
        self.handle_any('GET')

    def do_POST(self):
        self.handle_any('POST')

    def do_PUT(self):
        self.handle_any('PUT')

    def do_PATCH(self):
        self.handle_any('PATCH')

    def do_DELETE(self):
        self.handle_any('DELETE')

    def json_body(self, raw):
        if not self.headers.get('Content-Type', '').startswith('application/json'):
            self.entry['violations'].append('body is not application/json')
        try:
            body = json.loads(raw.decode('utf-8'))
        except (UnicodeDecodeError, ValueError):
            self.entry['violations'].append('body is not JSON')
            return {}
        logged = dict(body) if isinstance(body, dict) else body
        if isinstance(logged, dict) and 'file_data' in logged:
            logged['file_data'] = f'<{len(logged["file_data"])} base64 characters>'
        self.entry['json'] = logged
        return body if isinstance(body, dict) else {}

    def refuse_if_violations(self, problem):
        if self.entry['violations']:
            self.answer(400, problem('; '.join(self.entry['violations'])))
            return True
        return False

    # -- Mailchimp Marketing API 3.0 -------------------------------------------

    def mailchimp_problem(self, status, title, detail):
        return {'type': 'https://mailchimp.com/developer/marketing/docs/errors/',
                'title': title, 'status': status, 'detail': detail,
                'instance': str(uuid.uuid4())}

    def mailchimp(self, method, path, raw, fault):
        auth = self.headers.get('Authorization', '')
        ok = False
        if auth.startswith('Basic '):
            try:
                user, _, key = base64.b64decode(auth[6:]).decode().partition(':')
                ok = key == self.state.options.api_key
            except ValueError:
                pass
        if not ok or fault == '401':
            return self.answer(401, self.mailchimp_problem(
                401, 'API Key Invalid', "Your API key may be invalid, or you've attempted "
                "to access the wrong datacenter."), content_type='application/problem+json')
        if fault == '429':
            return self.answer(429, self.mailchimp_problem(
                429, 'Too Many Requests', 'You have exceeded the limit of 10 simultaneous '
                'connections.'), {'Retry-After': '1'}, 'application/problem+json')
        if fault == '500':
            return self.answer(500, self.mailchimp_problem(
                500, 'Internal Server Error', 'An unexpected internal error has occurred.'),
                content_type='application/problem+json')
        if '/actions/' in path:
            self.entry['violations'].append('a campaign action (send, schedule, test) was called')
            return self.answer(400, self.mailchimp_problem(400, 'Forbidden Action',
                                                           'Tidings must never send.'))
        problem = lambda detail: self.mailchimp_problem(400, 'Invalid Resource', detail)
        route = path.split('?')[0].strip('/').split('/')

        if method == 'POST' and route == ['file-manager', 'files']:
            body = self.json_body(raw)
            name, data = body.get('name'), body.get('file_data')
            if not isinstance(name, str) or not name:
                self.entry['violations'].append('file-manager/files: no "name"')
            try:
                picture = base64.b64decode(data or '', validate=True)
                if not is_picture(picture):
                    self.entry['violations'].append('file_data is not a PNG, JPEG or GIF')
            except ValueError:
                self.entry['violations'].append('file_data is not base64')
            if self.refuse_if_violations(problem):
                return
            file_id = self.state.new_id()
            url = self.host_url(f'/mcusercontent/{file_id}/{name}')
            self.entry['hosted_url'] = url
            return self.answer(200, {'id': file_id, 'folder_id': 0, 'type': 'image',
                                     'name': name, 'full_size_url': url,
                                     'thumbnail_url': url, 'size': len(picture)})

        if route[0] == 'campaigns' and method == 'POST' and len(route) == 1:
            body = self.json_body(raw)
            if body.get('type') != 'regular':
                self.entry['violations'].append('campaign type is not "regular"')
            self.check_mailchimp_settings(body)
            if self.refuse_if_violations(problem):
                return
            campaign_id = uuid.uuid4().hex[:10]
            campaign = {'id': campaign_id, 'web_id': self.state.new_id(), 'type': 'regular',
                        'status': 'save', 'settings': body['settings'], 'content': None}
            self.state.campaigns[campaign_id] = campaign
            return self.answer(200, self.public_campaign(campaign))

        if route[0] == 'campaigns' and len(route) >= 2:
            campaign = self.state.campaigns.get(route[1])
            if campaign is None or fault == '404':
                return self.answer(404, self.mailchimp_problem(
                    404, 'Resource Not Found', 'The requested resource could not be found.'),
                    content_type='application/problem+json')
            if method == 'GET' and len(route) == 2:
                return self.answer(200, self.public_campaign(campaign))
            if method == 'PATCH' and len(route) == 2:
                body = self.json_body(raw)
                if 'type' in body:
                    self.entry['violations'].append('PATCH changes the campaign type')
                self.check_mailchimp_settings(body)
                if self.refuse_if_violations(problem):
                    return
                campaign['settings'] = body['settings']
                return self.answer(200, self.public_campaign(campaign))
            if method == 'PUT' and route[2:] == ['content']:
                body = self.json_body(raw)
                for key in ('html', 'plain_text'):
                    if not isinstance(body.get(key), str) or not body.get(key):
                        self.entry['violations'].append(f'content: no "{key}"')
                if self.refuse_if_violations(problem):
                    return
                self.entry['json'] = body
                campaign['content'] = body
                return self.answer(200, {'plain_text': body['plain_text'], 'html': body['html']})

        self.entry['violations'].append('not a documented request')
        return self.answer(404, self.mailchimp_problem(404, 'Resource Not Found',
                                                       'Unknown resource.'))

    def check_mailchimp_settings(self, body):
        settings = body.get('settings')
        if not isinstance(settings, dict):
            self.entry['violations'].append('no "settings" object')
            return
        for key in MAILCHIMP_SETTINGS:
            if not isinstance(settings.get(key), str):
                self.entry['violations'].append(f'settings.{key} is not text')
        for key in ('subject_line', 'from_name', 'reply_to'):
            if not settings.get(key):
                self.entry['violations'].append(f'settings.{key} is empty')

    def public_campaign(self, campaign):
        return {key: campaign[key] for key in ('id', 'web_id', 'type', 'status', 'settings')}

    # -- Buttondown API v1 ---------------------------------------------------------

    def buttondown(self, method, path, raw, fault):
        if self.headers.get('Authorization') != f'Token {self.state.options.api_key}' \
                or fault == '401':
            return self.answer(401, {'detail': 'Invalid token.'})
        if fault == '429':
            return self.answer(429, {'detail': 'Request was throttled. Expected available '
                                     'in 1 second.'}, {'Retry-After': '1'})
        if fault == '500':
            return self.answer(500, {'detail': 'Server error.'})
        problem = lambda detail: {'code': 'body_invalid', 'detail': detail}
        route = path.split('?')[0].strip('/').split('/')

        if method == 'POST' and route == ['images']:
            content_type = self.headers.get('Content-Type', '')
            if not content_type.startswith('multipart/form-data'):
                self.entry['violations'].append('images: body is not multipart/form-data')
            message = email.parser.BytesParser(policy=email.policy.default).parsebytes(
                b'Content-Type: ' + content_type.encode() + b'\r\n\r\n' + raw)
            parts = [p for p in message.iter_parts()] if message.is_multipart() else []
            images = [p for p in parts if p.get_param('name', header='content-disposition') == 'image']
            if len(images) != 1:
                self.entry['violations'].append('images: no single "image" field')
            else:
                data = images[0].get_payload(decode=True)
                name = images[0].get_filename()
                self.entry['json'] = {'image': f'<{len(data)} bytes, {name}, '
                                               f'{images[0].get_content_type()}>'}
                if not is_picture(data):
                    self.entry['violations'].append('image is not a PNG, JPEG or GIF')
            if self.refuse_if_violations(problem):
                return
            image_id = str(uuid.uuid4())
            url = self.host_url(f'/buttondown-images/{image_id}/{name}')
            self.entry['hosted_url'] = url
            return self.answer(201, {'id': image_id, 'creation_date': '2023-08-01T12:00:00Z',
                                     'image': url})

        if route[0] == 'emails' and method == 'POST' and len(route) == 1:
            body = self.json_body(raw)
            self.check_buttondown_email(body, creating=True)
            if self.refuse_if_violations(problem):
                return
            email_id = str(uuid.uuid4())
            # Documented: an email created without a status is sent at once.
            record = dict(body, id=email_id, status=body.get('status', 'about_to_send'),
                          creation_date='2023-08-01T12:00:00Z')
            self.state.emails[email_id] = record
            self.entry['json'] = body
            return self.answer(201, record)

        if route[0] == 'emails' and len(route) == 2:
            record = self.state.emails.get(route[1])
            if record is None or fault == '404':
                return self.answer(404, {'detail': 'Not found.'})
            if method == 'GET':
                return self.answer(200, record)
            if method == 'PATCH':
                body = self.json_body(raw)
                self.check_buttondown_email(body, creating=False)
                if self.refuse_if_violations(problem):
                    return
                record.update(body)
                self.entry['json'] = body
                return self.answer(200, record)

        if route[0] == 'emails' and len(route) > 2:
            self.entry['violations'].append('an email action (send-draft, schedule) was called')
        else:
            self.entry['violations'].append('not a documented request')
        return self.answer(404, {'detail': 'Not found.'})

    def check_buttondown_email(self, body, creating):
        for key in ('subject', 'body'):
            if not isinstance(body.get(key), str) or not body.get(key):
                self.entry['violations'].append(f'email: no "{key}"')
        if body.get('status') != 'draft':
            self.entry['violations'].append('email "status" is not "draft": Buttondown '
                                            'would send it')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--ready', required=True)
    parser.add_argument('--log', required=True)
    parser.add_argument('--cert', required=True)
    parser.add_argument('--key', required=True)
    parser.add_argument('--api-key', required=True)
    parser.add_argument('--fault', action='append')
    options = parser.parse_args()
    exit_with_parent()

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    server.state = State(options)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(options.cert, options.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    announce(options.ready, server.server_address[1])

    def stop(*_):
        server.state.stop.set()
        threading.Thread(target=server.shutdown).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever()
    return 0


if __name__ == '__main__':
    sys.exit(main())
