import { describeModel } from './rows.js';

describeModel('bottle', {
  imports: [
    ['bottle', true],
    ['bottlenose', false],
  ],
  packages: [['bottle', true]],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-template-injection',
      'from bottle import route, request, SimpleTemplate\n@route("/hi")\ndef hi():\n    return SimpleTemplate("Hi " + request.query.name).render()',
      [],
    ],
    [
      'py-html-response-request',
      'from bottle import route, request\n@route("/hi")\ndef hi():\n    return "<b>Hi %s</b>" % request.query.name',
      [4],
    ],
    [
      'py-html-response-request',
      'from bottle import route\n@route("/hello/<name>")\ndef hello(name):\n    return "<b>Hello " + name + "</b>"',
      [4],
    ],
    [
      'py-html-response-request',
      'from bottle import route\n@route("/hello/<name>")\ndef hello(name):\n    return {"greeting": "<b>Hello " + name + "</b>"}',
      [],
    ],
    ['py-debug-true', 'import bottle\nbottle.debug(True)', [2]],
    ['py-debug-true', 'from bottle import run\nrun(host="localhost", debug=True)', [2]],
    ['py-debug-true', 'import bottle\nbottle.debug(False)', []],
    ['py-debug-true', 'import logging\nlog = logging.getLogger()\nlog.debug(True)', []],
  ],
});
