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
