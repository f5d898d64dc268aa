import { describeModel } from './rows.js';

describeModel('sanic', {
  imports: [
    ['sanic', true],
    ['sanic_ext', false],
  ],
  packages: [['sanic', true]],
  code: [
    [
      'py-debug-true',
      'from sanic import Sanic\napp = Sanic("app")\napp.run(host="0.0.0.0", debug=True)',
      [3],
    ],
    ['py-debug-true', 'from sanic import Sanic\napp = Sanic("app")\napp.run(host="0.0.0.0")', []],
  ],
});
