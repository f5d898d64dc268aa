/**
 * Request data followed to the sink: the real-world shape (matches) and the near miss that must
 * stay silent (noMatches). rules.test.ts runs both tables with the other rules' rows.
 */

/** [rule, python source, lines where the rule must report] */
export const taintMatches: [rule: string, source: string, lines: number[]][] = [
  // Server-side template injection: request data in a template's source.
  [
    'py-template-injection',
    'from flask import Flask, request, render_template_string\napp = Flask(__name__)\n@app.route("/hello")\ndef hello():\n    page = "<h1>Hello %s</h1>" % request.args.get("name")\n    return render_template_string(page)',
    [6],
  ],
  [
    'py-template-injection',
    'from flask import request\nimport jinja2\ndef view():\n    name = request.form["name"]\n    return jinja2.Template("Hi " + name).render()',
    [5],
  ],
  [
    'py-template-injection',
    'from django.template import Template, Context\ndef view(request):\n    t = Template(f"<p>{request.GET[\'q\']}</p>")\n    return t.render(Context({}))',
    [3],
  ],
  [
    'py-template-injection',
    'import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        src = self.get_argument("t")\n        self.write(self.application.env.from_string(src).render())',
    [5],
  ],
  [
    'py-template-injection',
    'from flask import Flask, render_template_string\napp = Flask(__name__)\n@app.route("/u/<name>")\ndef user(name):\n    return render_template_string("<b>" + name + "</b>")',
    [5],
  ],
  // HTML written into a response.
  [
    'py-html-response-request',
    'from flask import Flask, request\napp = Flask(__name__)\n@app.route("/search")\ndef search():\n    q = request.args.get("q", "")\n    return f"<h2>Results for {q}</h2>"',
    [6],
  ],
  [
    'py-html-response-request',
    'from django.http import HttpResponse\ndef greet(request):\n    name = request.GET.get("name")\n    html = "<html><body>Hello " + name + "</body></html>"\n    return HttpResponse(html)',
    [5],
  ],
  [
    'py-html-response-request',
    'from http.server import BaseHTTPRequestHandler\nclass H(BaseHTTPRequestHandler):\n    def do_GET(self):\n        body = "<p>You asked for %s</p>" % self.path\n        self.wfile.write(body.encode())',
    [5],
  ],
  [
    'py-html-response-request',
    'from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\napp = FastAPI()\n@app.get("/echo")\ndef echo(msg: str):\n    return HTMLResponse(msg)',
    [6],
  ],
  [
    'py-html-response-request',
    'from aiohttp import web\nasync def h(request):\n    who = request.query.get("who")\n    return web.Response(text=f"<i>{who}</i>", content_type="text/html")',
    [4],
  ],
  [
    'py-html-response-request',
    'import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        self.write("<div>" + self.get_argument("x") + "</div>")',
    [4],
  ],
  // Markup of request data (the weaker py-mark-safe is replaced).
  [
    'py-mark-safe-request',
    'from flask import request\nfrom markupsafe import Markup\ndef helper(text):\n    return Markup(text)\ndef view():\n    return helper(request.args["bio"])',
    [4],
  ],
  // Path traversal.
  [
    'py-path-request',
    'import os\nfrom flask import Flask, request, send_file\napp = Flask(__name__)\n@app.route("/download")\ndef download():\n    name = request.args["file"]\n    return send_file(os.path.join("/srv/files", name))',
    [7],
  ],
  [
    'py-path-request',
    'from flask import request\ndef read():\n    with open("uploads/" + request.args["f"]) as fh:\n        return fh.read()',
    [3],
  ],
  [
    'py-path-request',
    'import os\nfrom flask import request\ndef upload():\n    f = request.files["doc"]\n    f.save(os.path.join("/srv/uploads", f.filename))',
    [5],
  ],
  [
    'py-path-request',
    'from pathlib import Path\ndef show(request):\n    import django\n    return Path("/data", request.GET["p"]).read_text()',
    [4],
  ],
  [
    'py-path-request',
    'from aiohttp import web\nasync def get(request):\n    return web.FileResponse("static/" + request.match_info["name"])',
    [3],
  ],
  // SQL: request data through assignments, helpers, and a string built at the call of a helper.
  [
    'py-sql-format',
    'from flask import request\ndef find(db, name):\n    return db.execute("SELECT * FROM users WHERE name = \'" + name + "\'")\ndef view():\n    return find(db, request.args["n"])',
    [3],
  ],
  [
    'py-sql-format',
    'import sqlite3\ndef run(sql):\n    con = sqlite3.connect("app.db")\n    return con.execute(sql).fetchall()\ndef lookup(uid):\n    return run(f"SELECT * FROM t WHERE id = {uid}")',
    [6],
  ],
  [
    'py-sql-format',
    'from django.db import connection\ndef v(request):\n    q = request.GET["q"]\n    with connection.cursor() as cursor:\n        cursor.execute(q)',
    [5],
  ],
  // Shell, code and deserialisation of request data carry the path in the message.
  [
    'py-os-system',
    'import os\nfrom flask import request\ndef ping():\n    host = request.args["host"]\n    os.system("ping -c1 " + host)',
    [5],
  ],
  [
    'py-subprocess-shell',
    'import subprocess\nfrom fastapi import FastAPI\napp = FastAPI()\n@app.get("/run/{tool}")\ndef run(tool: str):\n    subprocess.run(f"{tool} --version", shell=True)',
    [6],
  ],
];

/** [rule, python source]: the rule must stay silent. */
export const taintNoMatches: [rule: string, source: string][] = [
  // The request value fills a template variable, not the template's source.
  [
    'py-template-injection',
    'from flask import request, render_template_string\ndef v():\n    return render_template_string("<h1>{{ n }}</h1>", n=request.args["n"])',
  ],
  [
    'py-template-injection',
    'import jinja2\nTEMPLATE = "Hello {{ name }}"\ndef render(name):\n    return jinja2.Template(TEMPLATE).render(name=name)',
  ],
  [
    'py-template-injection',
    'from flask import render_template_string\ndef v(page):\n    return render_template_string(page)',
  ], // origin unknown: no request read
  [
    'py-template-injection',
    'from flask import Flask, render_template_string\napp = Flask(__name__)\n@app.route("/u/<int:uid>")\ndef user(uid):\n    return render_template_string("<b>" + str(uid) + "</b>")',
  ],
  // Escaped, not HTML, or JSON.
  [
    'py-html-response-request',
    'from flask import request\nfrom markupsafe import escape\n@app.route("/s")\ndef s():\n    return f"<h2>Results for {escape(request.args[\'q\'])}</h2>"',
  ],
  [
    'py-html-response-request',
    'from flask import Flask, request\napp = Flask(__name__)\n@app.route("/count")\ndef count():\n    return f"{len(request.args[\'q\'])} results"',
  ],
  [
    'py-html-response-request',
    'from django.http import HttpResponse\ndef v(request):\n    return HttpResponse(f"<p>{request.GET[\'q\']}</p>", content_type="text/plain")',
  ],
  [
    'py-html-response-request',
    'from flask import Flask, request, jsonify\napp = Flask(__name__)\n@app.route("/api")\ndef api():\n    return jsonify({"q": request.args["q"], "html": "<b>"})',
  ],
  [
    'py-html-response-request',
    'from flask import Flask, request, render_template\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return render_template("index.html", q=request.args.get("q"))',
  ],
  [
    'py-html-response-request',
    'from django.http import HttpResponse\ndef v(request):\n    if request.GET.get("x") == "1":\n        return HttpResponse("<p>one</p>")\n    return HttpResponse("<p>other</p>")',
  ],
  // Sanitised or checked paths.
  [
    'py-path-request',
    'import os\nfrom flask import request\nfrom werkzeug.utils import secure_filename\ndef upload():\n    f = request.files["doc"]\n    f.save(os.path.join("/srv/uploads", secure_filename(f.filename)))',
  ],
  [
    'py-path-request',
    'import os\nfrom flask import request, send_from_directory\ndef dl():\n    return send_from_directory("/srv/files", request.args["f"])',
  ],
  [
    'py-path-request',
    'from pathlib import Path\nfrom flask import request\nBASE = Path("/srv").resolve()\ndef read():\n    p = (BASE / request.args["f"]).resolve()\n    if not p.is_relative_to(BASE):\n        abort(404)\n    return open(p).read()',
  ],
  ['py-path-request', 'def read(name):\n    with open(name) as fh:\n        return fh.read()'], // a parameter of unknown origin
  [
    'py-path-request',
    'from flask import request\ndef v():\n    n = int(request.args["page"])\n    return open(f"pages/{n}.html").read()',
  ],
  // Parameterised SQL, constants, and request data that only decides.
  [
    'py-sql-format',
    'from flask import request\ndef v(cur):\n    cur.execute("SELECT * FROM t WHERE name = %s", (request.args["n"],))',
  ],
  [
    'py-sql-format',
    'from flask import request\ndef v(cur):\n    order = "DESC" if request.args.get("desc") else "ASC"\n    cur.execute("SELECT * FROM t ORDER BY id " + order)',
  ],
  [
    'py-sql-format',
    'import sqlite3\ndef run(sql, args=()):\n    return sqlite3.connect("a.db").execute(sql, args)\ndef lookup(uid):\n    return run("SELECT * FROM t WHERE id = ?", (uid,))',
  ],
];
