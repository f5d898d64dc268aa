import { describe, expect, it } from 'vitest';
import { ruleFindings } from './analyse.js';

/**
 * The evidence of a taint finding is the path the data took: each step as file:line and its
 * code, from the request read to the sink. [source, rule, the message's path]
 */
const paths: [source: string, rule: string, path: string][] = [
  [
    'from flask import request\ndef v(cur):\n    name = request.args["name"]\n    cur.execute(f"SELECT * FROM u WHERE n = \'{name}\'")',
    'py-sql-format',
    'request data reaches SQL: app.py:3 name = request.args["name"] → app.py:4 cur.execute(f"SELECT * FROM u WHERE n = \'{name}\'")',
  ],
  [
    'from flask import request\ndef find(db, name):\n    return db.execute("SELECT * FROM u WHERE n = \'" + name + "\'")\ndef view():\n    return find(db, request.args["n"])',
    'py-sql-format',
    'request data reaches SQL: app.py:5 return find(db, request.args["n"]) → app.py:3 return db.execute(',
  ],
  [
    'import os\nfrom flask import request\ndef ping():\n    host = request.args["host"]\n    cmd = "ping -c1 " + host\n    os.system(cmd)',
    'py-os-system',
    'request data reaches a shell command: app.py:4 host = request.args["host"] → app.py:5 cmd = "ping -c1 " + host → app.py:6 os.system(cmd)',
  ],
  [
    'from flask import Flask, render_template_string\napp = Flask(__name__)\n@app.route("/u/<name>")\ndef user(name):\n    return render_template_string("<b>" + name + "</b>")',
    'py-template-injection',
    'request data reaches template source: app.py:4 route parameter name → app.py:5 return render_template_string("<b>" + name + "</b>")',
  ],
];

/** Shapes where the sink is reported by its own rule but no request data reaches it. */
const notFromRequest: [source: string, rule: string][] = [
  [
    'import os, shlex\nfrom flask import request\ndef ping():\n    os.system("ping -c1 " + shlex.quote(request.args["host"]))',
    'py-os-system',
  ],
  ['import os\ndef ping(host):\n    os.system("ping -c1 " + host)', 'py-os-system'],
  [
    'from flask import request\ndef v(cur, name):\n    cur.execute(f"SELECT * FROM u WHERE n = \'{name}\'")',
    'py-sql-format',
  ],
];

describe('taint: the evidence shows the path', () => {
  it.each(paths)('%j → %s with its path', async (source, rule, path) => {
    const found = (await ruleFindings(source)).filter((f) => f.rule === rule);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(path);
  });

  it.each(notFromRequest)('%j: %s is reported without a request path', async (source, rule) => {
    const found = (await ruleFindings(source)).filter((f) => f.rule === rule);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).not.toContain('request data reaches');
  });
});
