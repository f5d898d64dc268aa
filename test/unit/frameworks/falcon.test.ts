import { describeModel } from './rows.js';

describeModel('falcon', {
  imports: [
    ['falcon', true],
    ['falcon.asgi', true],
    ['falconry', false],
  ],
  packages: [['falcon', true]],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-sql-format',
      'import falcon\nclass Items:\n    def on_get(self, req, resp):\n        name = req.get_param("name")\n        self.db.execute(f"SELECT * FROM items WHERE name = \'{name}\'")',
      [5],
    ],
    [
      'py-path-request',
      'import falcon\nclass Files:\n    def on_get(self, req, resp):\n        resp.stream = open("/srv/" + req.get_param("f"), "rb")',
      [4],
    ],
    [
      'py-path-request',
      'import falcon\nclass Files:\n    def on_get(self, req, resp):\n        resp.stream = open("/srv/" + str(req.context.user_id), "rb")',
      [],
    ],
    // Falcon has no debug mode: nothing of it is a debug switch.
    ['py-debug-true', 'import falcon\napp = falcon.App(cors_enable=True)', []],
  ],
});
