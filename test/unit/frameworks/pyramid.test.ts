import { describeModel } from './rows.js';

describeModel('pyramid', {
  imports: [
    ['pyramid.config', true],
    ['pyramid', true],
    ['pyramid_jinja2', false],
  ],
  packages: [['pyramid', true]],
  code: [
    ['py-secret-key-literal', 'SECRET_KEY = "itsaseekreet"', [1]],
    ['py-debug-true', 'config = Configurator(settings=settings)', []],
  ],
});
