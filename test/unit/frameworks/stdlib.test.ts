import { describeModel } from './rows.js';

describeModel('stdlib', {
  imports: [
    ['http.server', true],
    ['wsgiref.simple_server', true],
    ['http.client', false], // a client serves nothing
    ['wsgiref.util', false],
  ],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-html-response-request',
      'def application(environ, start_response):\n    from wsgiref.simple_server import make_server\n    name = environ["QUERY_STRING"]\n    start_response("200 OK", [("Content-Type", "text/html")])\n    return [("<h1>%s</h1>" % name).encode()]',
      [5],
    ],
    [
      'py-path-request',
      'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        with open("." + self.path, "rb") as f:\n            self.wfile.write(f.read())',
      [4],
    ],
    [
      'py-path-request',
      'import os\nfrom http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        with open(os.path.basename(self.path), "rb") as f:\n            self.wfile.write(f.read())',
      [],
    ],
    [
      'py-web-entry',
      'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b""]',
      [1],
    ],
    ['py-web-entry', 'async def app(scope, receive, send):\n    pass', [1]],
    ['py-web-entry', 'def application(environ):\n    pass', []],
  ],
});
