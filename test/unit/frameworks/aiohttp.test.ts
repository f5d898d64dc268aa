import { describeModel } from './rows.js';

describeModel('aiohttp', {
  imports: [
    ['aiohttp.web', true],
    ['aiohttp_jinja2', true],
    ['aiohttp', false], // the HTTP client alone serves nothing
    ['aiohttp.client', false],
  ],
  packages: [['aiohttp', true]],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-html-response-request',
      'from aiohttp import web\nasync def hello(request):\n    name = request.match_info.get("name")\n    return web.Response(text="<h1>" + name + "</h1>", content_type="text/html")',
      [4],
    ],
    [
      'py-html-response-request',
      'from aiohttp import web\nasync def hello(request):\n    name = request.match_info.get("name")\n    return web.Response(text="<h1>" + name + "</h1>")',
      [],
    ],
    ['py-debug-true', 'from aiohttp import web\napp = web.Application(debug=True)', [2]],
    ['py-debug-true', 'from aiohttp import web\napp = web.Application(middlewares=[m])', []],
    [
      'py-jinja-autoescape-off',
      'import aiohttp_jinja2\naiohttp_jinja2.setup(app, loader=l, autoescape=False)',
      [2],
    ],
    ['py-jinja-autoescape-off', 'import aiohttp_jinja2\naiohttp_jinja2.setup(app, loader=l)', []],
  ],
});
