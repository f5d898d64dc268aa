import { describeModel } from './rows.js';

describeModel('falcon', {
  imports: [
    ['falcon', true],
    ['falcon.asgi', true],
    ['falconry', false],
  ],
  packages: [['falcon', true]],
  code: [
    // Falcon has no debug mode: nothing of it is a debug switch.
    ['py-debug-true', 'import falcon\napp = falcon.App(cors_enable=True)', []],
  ],
});
