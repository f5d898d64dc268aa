import { describeModel } from './rows.js';

describeModel('flask', {
  imports: [
    ['flask', true],
    ['flask.views', true],
    ['flask_wtf', false], // an extension, not the framework
    ['flasky', false],
  ],
  packages: [
    ['flask', true],
    ['flask-login', false],
  ],
  code: [
    ['py-debug-true', 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)', [3]],
    ['py-debug-true', 'app.config["DEBUG"] = True', [1]],
    ['py-debug-true', 'app.run(debug=False)', []],
    ['py-csrf-disabled', 'app.config["WTF_CSRF_ENABLED"] = False', [1]],
    [
      'py-csrf-exempt',
      'from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect(app)\n@csrf.exempt\ndef hook():\n    pass',
      [3],
    ],
    ['py-secret-key-literal', 'app.secret_key = "dev-key-123"', [1]],
    ['py-secret-key-literal', 'app.secret_key = os.environ["SECRET_KEY"]', []],
  ],
});
