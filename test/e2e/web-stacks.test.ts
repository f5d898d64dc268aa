/**
 * Small applications on each web stack, audited by the built CLI in real git repositories:
 * the verdict a careful reviewer gives on the web items, and in particular no pass where the
 * code switches a protection off through a framework other than Flask or Django.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepoFrom, readReport, vouch } from './helpers.js';

interface App {
  name: string;
  files: Record<string, string>;
  /** item id → verdict vouch must give. */
  expected: Record<string, string>;
}

const apps: App[] = [
  {
    name: 'aiohttp with debug on and autoescape off',
    files: {
      'requirements.txt': 'aiohttp==3.9.5\naiohttp-jinja2==1.6\n',
      'app/main.py': [
        'import aiohttp_jinja2',
        'import jinja2',
        'from aiohttp import web',
        '',
        'async def index(request):',
        '    return {"name": request.query.get("name", "")}',
        '',
        'def make_app():',
        '    app = web.Application(debug=True)',
        '    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader("templates"), autoescape=False)',
        '    app.router.add_get("/", aiohttp_jinja2.template("index.html")(index))',
        '    return app',
        '',
      ].join('\n'),
    },
    expected: {
      'debug-disabled': 'fail',
      'output-encoding': 'fail',
      'rate-limiting': 'review',
      'csrf-protection': 'review',
    },
  },
  {
    name: 'aiohttp kept well: escaping by default, no debug, server-side sessions',
    files: {
      'requirements.txt': 'aiohttp==3.9.5\naiohttp-jinja2==1.6\n',
      'app/main.py': [
        'import aiohttp_jinja2',
        'import jinja2',
        'from aiohttp import web',
        '',
        'def make_app():',
        '    app = web.Application()',
        '    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader("templates"))',
        '    return app',
        '',
      ].join('\n'),
    },
    expected: { 'debug-disabled': 'pass', 'output-encoding': 'pass', 'strong-secret-key': 'na' },
  },
  {
    name: 'FastAPI with debug on',
    files: {
      'requirements.txt': 'fastapi==0.110.0\n',
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI(title="api", debug=True)\n',
    },
    expected: { 'debug-disabled': 'fail' },
  },
  {
    name: 'Tornado with debug in its settings',
    files: {
      'server.py': [
        'import tornado.web',
        '',
        'settings = {"debug": True, "cookie_secret": "x" * 3}',
        'app = tornado.web.Application([], **settings)',
        '',
      ].join('\n'),
    },
    expected: { 'debug-disabled': 'fail' },
  },
  {
    name: 'a standard-library web application is a web surface',
    files: {
      'serve.py': [
        'from http.server import BaseHTTPRequestHandler, HTTPServer',
        '',
        'class Handler(BaseHTTPRequestHandler):',
        '    def do_GET(self):',
        '        self.send_response(200)',
        '        self.end_headers()',
        '        self.wfile.write(b"hello")',
        '',
        'HTTPServer(("127.0.0.1", 8000), Handler).serve_forever()',
        '',
      ].join('\n'),
    },
    expected: {
      'csrf-protection': 'review',
      'security-headers': 'review',
      'rate-limiting': 'review',
      'output-encoding': 'review',
      'debug-disabled': 'pass',
    },
  },
  {
    name: 'a bare WSGI callable is a web surface',
    files: {
      'wsgi.py':
        'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"hi"]\n',
    },
    expected: { 'csrf-protection': 'review', 'security-headers': 'review' },
  },
  {
    name: 'no web surface at all: the web items are na',
    files: { 'tool.py': 'import json\n\ndef main(path):\n    return json.load(open(path))\n' },
    expected: {
      'csrf-protection': 'na',
      'security-headers': 'na',
      'debug-disabled': 'na',
      'rate-limiting': 'na',
    },
  },
  {
    name: 'settings read one value from the environment but the secret key is a literal',
    files: {
      'requirements.txt': 'flask==3.0.0\n',
      'app.py': [
        'import os',
        'from flask import Flask',
        '',
        'app = Flask(__name__)',
        'app.config["SECRET_KEY"] = "s3cr3t-d3v-k3y-n0t-for-prod"',
        'app.config["LOG_LEVEL"] = os.environ.get("LOG_LEVEL", "INFO")',
        '',
      ].join('\n'),
    },
    expected: { 'env-config': 'review', 'strong-secret-key': 'fail' },
  },
  {
    name: 'Django: an exempt webhook beside the CSRF middleware is for a person to confirm',
    files: {
      'requirements.txt': 'django==4.2.11\n',
      'site/settings.py': [
        'import os',
        'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
        'DEBUG = False',
        'MIDDLEWARE = [',
        '    "django.middleware.security.SecurityMiddleware",',
        '    "django.middleware.csrf.CsrfViewMiddleware",',
        ']',
        '',
      ].join('\n'),
      'site/views.py': [
        'from django.http import HttpResponse',
        'from django.views.decorators.csrf import csrf_exempt',
        '',
        '@csrf_exempt',
        'def stripe_webhook(request):',
        '    return HttpResponse(status=204)',
        '',
      ].join('\n'),
    },
    expected: { 'csrf-protection': 'review', 'strong-secret-key': 'pass', 'debug-disabled': 'pass' },
  },
  {
    name: 'Django with the CSRF middleware and no exemptions',
    files: {
      'requirements.txt': 'django==4.2.11\n',
      'site/settings.py': 'MIDDLEWARE = [\n    "django.middleware.csrf.CsrfViewMiddleware",\n]\n',
    },
    expected: { 'csrf-protection': 'pass' },
  },
];

function makeApp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-stack-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return gitRepoFrom(dir);
}

describe('web stacks (built CLI, real git repositories)', () => {
  it.each(apps)('$name', async ({ files, expected }) => {
    const root = makeApp(files);
    const out = join(root, 'report.json');
    const run = await vouch([
      root,
      '--non-interactive',
      '--no-bandit',
      '--format',
      'json',
      '--output',
      out,
      '--fail-on',
      'none',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const verdicts = Object.fromEntries(readReport(out).items.map((i) => [i.id, i.verdict]));
    for (const [id, verdict] of Object.entries(expected))
      expect(`${id}: ${verdicts[id]}`).toBe(`${id}: ${verdict}`);
  });
});
