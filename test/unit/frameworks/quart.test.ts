import { describeModel } from './rows.js';

describeModel('quart', {
  imports: [
    ['quart', true],
    ['quart_auth', false],
  ],
  packages: [['quart', true]],
  code: [
    ['py-debug-true', 'from quart import Quart\napp = Quart(__name__)\napp.run(debug=True)', [3]],
    ['py-debug-true', 'from quart import Quart\napp = Quart(__name__)\napp.run()', []],
  ],
});
