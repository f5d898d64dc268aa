import { describeModel } from './rows.js';

describeModel('stdlib', {
  imports: [
    ['http.server', true],
    ['wsgiref.simple_server', true],
    ['http.client', false], // a client serves nothing
    ['wsgiref.util', false],
  ],
  code: [
    [
      'py-web-entry',
      'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b""]',
      [1],
    ],
    ['py-web-entry', 'async def app(scope, receive, send):\n    pass', [1]],
    ['py-web-entry', 'def application(environ):\n    pass', []],
  ],
});
