import { describeModel } from './rows.js';

describeModel('tornado', {
  imports: [
    ['tornado.web', true],
    ['tornado.ioloop', false], // an event loop alone serves nothing
  ],
  packages: [['tornado', true]],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-sql-format',
      'import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        uid = self.get_argument("id")\n        self.db.execute("SELECT * FROM t WHERE id = " + uid)',
      [5],
    ],
    [
      'py-html-response-request',
      'import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        self.write("<p>" + tornado.escape.xhtml_escape(self.get_argument("x")) + "</p>")',
      [],
    ],
    ['py-debug-true', 'import tornado.web\napp = tornado.web.Application(handlers, debug=True)', [2]],
    [
      'py-debug-true',
      'import tornado.web\nsettings = dict(cookie_secret=k)\nsettings = {"debug": True}',
      [3],
    ],
    ['py-debug-true', 'import tornado.web\napp = tornado.web.Application(handlers)', []],
    ['py-jinja-autoescape-off', 'import tornado.web\napp = tornado.web.Application(h, autoescape=None)', [2]],
    [
      'py-jinja-autoescape-off',
      'import tornado.web\napp = tornado.web.Application(h, autoescape="xhtml_escape")',
      [],
    ],
  ],
});
