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
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-os-system',
      'import os\nfrom flask import Blueprint, request\nbp = Blueprint("x", __name__)\n@bp.route("/ping")\ndef ping():\n    os.system("ping " + request.form["ip"])',
      [6],
    ],
    [
      'py-template-injection',
      'from flask import Flask, render_template_string\napp = Flask(__name__)\n@app.route("/page/<int:n>")\ndef page(n):\n    return render_template_string("<p>page " + str(n) + "</p>")',
      [],
    ],
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
