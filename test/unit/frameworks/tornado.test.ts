import { describeModel } from './rows.js';

describeModel('tornado', {
  imports: [
    ['tornado.web', true],
    ['tornado.ioloop', false], // an event loop alone serves nothing
  ],
  packages: [['tornado', true]],
  code: [
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
