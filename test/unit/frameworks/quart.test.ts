import { describeModel } from './rows.js';

describeModel('quart', {
  imports: [
    ['quart', true],
    ['quart_auth', false],
  ],
  packages: [['quart', true]],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-template-injection',
      'from quart import Quart, request, render_template_string\napp = Quart(__name__)\n@app.route("/")\nasync def index():\n    return await render_template_string("<p>" + request.args["q"] + "</p>")',
      [5],
    ],
    [
      'py-template-injection',
      'from quart import Quart, request, render_template_string\napp = Quart(__name__)\n@app.route("/")\nasync def index():\n    return await render_template_string("<p>{{ q }}</p>", q=request.args["q"])',
      [],
    ],
    ['py-debug-true', 'from quart import Quart\napp = Quart(__name__)\napp.run(debug=True)', [3]],
    ['py-debug-true', 'from quart import Quart\napp = Quart(__name__)\napp.run()', []],
  ],
});
