import { describeModel } from './rows.js';

describeModel('sanic', {
  imports: [
    ['sanic', true],
    ['sanic_ext', false],
  ],
  packages: [['sanic', true]],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-html-response-request',
      'from sanic import Sanic\nfrom sanic.response import html\napp = Sanic("a")\n@app.get("/")\nasync def index(request):\n    return html("<p>" + request.args.get("q") + "</p>")',
      [6],
    ],
    [
      'py-html-response-request',
      'from sanic import Sanic\nfrom sanic.response import json\napp = Sanic("a")\n@app.get("/")\nasync def index(request):\n    return json({"q": "<p>" + request.args.get("q")})',
      [],
    ],
    [
      'py-debug-true',
      'from sanic import Sanic\napp = Sanic("app")\napp.run(host="0.0.0.0", debug=True)',
      [3],
    ],
    ['py-debug-true', 'from sanic import Sanic\napp = Sanic("app")\napp.run(host="0.0.0.0")', []],
  ],
});
