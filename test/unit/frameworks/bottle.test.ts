import { describeModel } from './rows.js';

describeModel('bottle', {
  imports: [
    ['bottle', true],
    ['bottlenose', false],
  ],
  packages: [['bottle', true]],
  code: [
    ['py-debug-true', 'import bottle\nbottle.debug(True)', [2]],
    ['py-debug-true', 'from bottle import run\nrun(host="localhost", debug=True)', [2]],
    ['py-debug-true', 'import bottle\nbottle.debug(False)', []],
    ['py-debug-true', 'import logging\nlog = logging.getLogger()\nlog.debug(True)', []],
  ],
});
