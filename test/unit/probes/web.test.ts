import { describe, expect, it } from 'vitest';
import { settingPattern, webProbe, type WebParams } from '../../../src/probes/web.js';
import { dep, makeFacts, raw, type FactsSpec } from './facts.js';

interface Row {
  name: string;
  facts: FactsSpec;
  params: WebParams;
  /** `file:line` of every match (counted or not), in order. */
  expected: string[];
}

const imp = (module: string, file = 'app/main.py', line = 1) => raw(`import:${module}`, file, line);
const reqs = (...lines: string[]) => ({
  path: 'requirements.txt',
  kind: 'requirements' as const,
  dependencies: lines.map((l, i) => dep(l, 'requirements.txt', i + 1)),
  errors: [],
});

const rows: Row[] = [
  // surface: what makes the web items apply
  {
    name: 'surface: a Flask import',
    facts: { python: [imp('flask')] },
    params: { find: 'surface' },
    expected: ['app/main.py:1'],
  },
  {
    name: 'surface: aiohttp.web',
    facts: { python: [imp('aiohttp.web', 'blog/main.py', 3)] },
    params: { find: 'surface' },
    expected: ['blog/main.py:3'],
  },
  {
    name: 'surface: a runtime dependency alone',
    facts: { manifests: [reqs('django==4.2')] },
    params: { find: 'surface' },
    expected: ['requirements.txt:1'],
  },
  {
    name: 'surface: a dev-only dependency is no surface',
    facts: { manifests: [{ ...reqs(), dependencies: [dep('flask', 'requirements-dev.txt', 1, 'dev')] }] },
    params: { find: 'surface' },
    expected: [],
  },
  {
    name: 'surface: aiohttp the HTTP client is no server',
    facts: { python: [imp('aiohttp')] },
    params: { find: 'surface' },
    expected: [],
  },
  {
    name: 'surface: http.server',
    facts: { python: [imp('http.server', 'serve.py', 2)] },
    params: { find: 'surface' },
    expected: ['serve.py:2'],
  },
  {
    name: 'surface: a bare WSGI callable',
    facts: { python: [raw('py-web-entry', 'wsgi.py', 4)] },
    params: { find: 'surface' },
    expected: ['wsgi.py:4'],
  },
  {
    name: 'surface: an unmodelled framework still is one',
    facts: { python: [imp('cherrypy')] },
    params: { find: 'surface' },
    expected: ['app/main.py:1'],
  },
  {
    name: 'surface: requests and json are not web servers',
    facts: { python: [imp('requests'), imp('json', 'x.py')] },
    params: { find: 'surface' },
    expected: [],
  },
  {
    name: 'surface: one import per file',
    facts: { python: [imp('flask', 'a.py', 1), imp('flask.views', 'a.py', 2)] },
    params: { find: 'surface' },
    expected: ['a.py:1'],
  },

  // unmodelled
  {
    name: 'unmodelled: CherryPy',
    facts: { python: [imp('cherrypy')] },
    params: { find: 'unmodelled' },
    expected: ['app/main.py:1'],
  },
  {
    name: 'unmodelled: Flask is modelled',
    facts: { python: [imp('flask')] },
    params: { find: 'unmodelled' },
    expected: [],
  },
  {
    name: 'unmodelled: stdlib app, when asked',
    facts: { python: [raw('py-web-entry', 'wsgi.py', 4)] },
    params: { find: 'unmodelled', stdlib: true },
    expected: ['wsgi.py:4'],
  },
  {
    name: 'unmodelled: stdlib app, not asked',
    facts: { python: [raw('py-web-entry', 'wsgi.py', 4)] },
    params: { find: 'unmodelled' },
    expected: [],
  },
  {
    name: 'unmodelled: a WSGI entry beside Django is Django',
    facts: { python: [imp('django.http', 'app/views.py'), raw('py-web-entry', 'wsgi.py', 4)] },
    params: { find: 'unmodelled', stdlib: true },
    expected: [],
  },

  // mechanisms
  {
    name: 'rate-limit: Flask-Limiter imported',
    facts: { python: [imp('flask'), imp('flask_limiter', 'app/limits.py', 2)] },
    params: { find: 'mechanism', aspect: 'rate-limit' },
    expected: ['app/limits.py:2'],
  },
  {
    name: 'rate-limit: a limiter of another framework does not count',
    facts: { python: [imp('flask'), imp('slowapi', 'app/limits.py', 2)] },
    params: { find: 'mechanism', aspect: 'rate-limit' },
    expected: [],
  },
  {
    name: 'csrf: CSRFProtect put to work with init_app',
    facts: {
      python: [imp('flask'), imp('flask_wtf.csrf', 'app/ext.py', 1)],
      files: {
        'app/ext.py':
          'from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect()\ndef init(app):\n    csrf.init_app(app)\n',
      },
    },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: ['app/ext.py:1'],
  },
  {
    name: 'csrf: the application factory: CSRFProtect() in one module, init_app in another',
    facts: {
      python: [imp('flask'), imp('flask_wtf.csrf', 'app/extensions.py', 1)],
      files: {
        'app/extensions.py': 'from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect()\n',
        'app/__init__.py': 'from .extensions import csrf\ndef create_app():\n    csrf.init_app(app)\n',
      },
    },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: ['app/extensions.py:1'],
  },
  {
    name: 'csrf: CSRFProtect imported and never used is no protection',
    facts: {
      python: [imp('flask'), imp('flask_wtf.csrf', 'app/ext.py', 1)],
      files: { 'app/ext.py': 'from flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)\n' },
    },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: [],
  },
  {
    name: 'headers: Talisman() built and never given the app is no protection',
    facts: {
      python: [imp('flask'), imp('flask_talisman', 'app/ext.py', 1)],
      files: { 'app/ext.py': 'from flask_talisman import Talisman\ntalisman = Talisman()\n' },
    },
    params: { find: 'mechanism', aspect: 'headers' },
    expected: [],
  },
  {
    name: 'rate-limit: declared but never imported is a note, not a match',
    facts: { python: [imp('flask')], manifests: [reqs('flask==3.0', 'flask-limiter==3.5')] },
    params: { find: 'mechanism', aspect: 'rate-limit' },
    expected: [],
  },
  {
    name: 'csrf: Django middleware in settings',
    facts: {
      python: [imp('django.conf', 'site/settings.py')],
      files: { 'site/settings.py': "MIDDLEWARE = [\n    'django.middleware.csrf.CsrfViewMiddleware',\n]\n" },
    },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: ['site/settings.py:2'],
  },
  {
    name: 'csrf: Django middleware commented out',
    facts: {
      python: [imp('django.conf', 'site/settings.py')],
      files: {
        'site/settings.py': "MIDDLEWARE = [\n    # 'django.middleware.csrf.CsrfViewMiddleware',\n]\n",
      },
    },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: [],
  },
  {
    name: 'csrf: Tornado xsrf_cookies=True',
    facts: {
      python: [imp('tornado.web', 'app.py')],
      files: { 'app.py': 'app = Application(h, xsrf_cookies=True)\n' },
    },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: ['app.py:1'],
  },
  {
    name: 'csrf: Tornado xsrf_cookies=False',
    facts: {
      python: [imp('tornado.web', 'app.py')],
      files: { 'app.py': 'app = Application(h, xsrf_cookies=False)\n' },
    },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: [],
  },
  {
    name: "csrf: aiohttp has none built in; a Flask-WTF import elsewhere is not aiohttp's",
    facts: { python: [imp('aiohttp.web', 'app.py'), imp('flask_wtf', 'other.py')] },
    params: { find: 'mechanism', aspect: 'csrf' },
    expected: [],
  },
  {
    name: 'headers: Django HSTS on',
    facts: {
      python: [imp('django.conf', 's/settings.py')],
      files: { 's/settings.py': 'SECURE_HSTS_SECONDS = 31536000\n' },
    },
    params: { find: 'mechanism', aspect: 'headers' },
    expected: ['s/settings.py:1'],
  },
  {
    name: 'headers: Django HSTS 0 is off',
    facts: {
      python: [imp('django.conf', 's/settings.py')],
      files: { 's/settings.py': 'SECURE_HSTS_SECONDS = 0\n' },
    },
    params: { find: 'mechanism', aspect: 'headers' },
    expected: [],
  },
  {
    name: 'headers: Flask-Talisman',
    facts: { python: [imp('flask'), imp('flask_talisman', 'app/__init__.py', 3)] },
    params: { find: 'mechanism', aspect: 'headers' },
    expected: ['app/__init__.py:3'],
  },

  // secret key
  {
    name: 'secret-key: Flask SECRET_KEY from the environment',
    facts: {
      python: [imp('flask', 'config.py')],
      files: { 'config.py': "SECRET_KEY = os.environ['SECRET_KEY']\n" },
    },
    params: { find: 'secret-key' },
    expected: ['config.py:1'],
  },
  {
    name: 'secret-key: none set (server-side sessions)',
    facts: {
      python: [imp('aiohttp.web', 'main.py')],
      files: { 'main.py': 'setup(app, RedisStorage(redis))\n' },
    },
    params: { find: 'secret-key' },
    expected: [],
  },
  {
    name: 'secret-key: a comparison is no setting',
    facts: {
      python: [imp('flask', 'check.py')],
      files: { 'check.py': 'if SECRET_KEY == "":\n    raise SystemExit\n' },
    },
    params: { find: 'secret-key' },
    expected: [],
  },
];

describe('web probe', () => {
  it.each(rows)('$name', ({ facts, params, expected }) => {
    const result = webProbe.run(makeFacts(facts), params);
    expect(result.status).toBe('ok');
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(expected);
  });

  it('a mechanism check says which frameworks and mechanisms it looked for', () => {
    const result = webProbe.run(makeFacts({ python: [imp('flask')] }), {
      find: 'mechanism',
      aspect: 'rate-limit',
    });
    expect(result.notes?.map((n) => n.message)).toContainEqual(
      expect.stringContaining('Flask: Flask-Limiter'),
    );
  });

  it('a mechanism declared but not imported is shown as a note', () => {
    const result = webProbe.run(
      makeFacts({ python: [imp('flask')], manifests: [reqs('flask-limiter==3.5')] }),
      {
        find: 'mechanism',
        aspect: 'rate-limit',
      },
    );
    expect(result.notes?.map((n) => n.message)).toContainEqual(expect.stringContaining('nothing imports it'));
  });

  it('findings in tests are kept, with their context', () => {
    const result = webProbe.run(makeFacts({ python: [imp('flask', 'tests/test_app.py')] }), {
      find: 'surface',
    });
    expect(result.findings.map((f) => f.context)).toEqual(['test']);
  });
});

describe('settingPattern', () => {
  it.each([
    ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 31536000', true],
    ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS=0', false],
    ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = None', false],
    ['SECURE_HSTS_SECONDS', 'if SECURE_HSTS_SECONDS == 0:', false],
    ['SECURE_HSTS_SECONDS', 'MY_SECURE_HSTS_SECONDS_NOTE = 1', false],
    ['xsrf_cookies', '    "xsrf_cookies": True,', true],
    ['xsrf_cookies', '    xsrf_cookies=True,', true],
    ['xsrf_cookies', '    xsrf_cookies=False,', false],
    ['set_default_csrf_options', 'config.set_default_csrf_options(require_csrf=True)', true],
    ['django.middleware.csrf.CsrfViewMiddleware', "    'django.middleware.csrf.CsrfViewMiddleware',", true],
    ['django.middleware.csrf.CsrfViewMiddleware', '    django_middleware_csrf_CsrfViewMiddleware = 1', false],
  ])('%s on %j → %s', (setting, line, expected) => {
    expect(settingPattern(setting).test(line)).toBe(expected);
  });
});
