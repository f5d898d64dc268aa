/**
 * Credentials inside a larger text: a config file kept in a Python string (INI, YAML, XML, JSON),
 * XML elements and attributes, keyword/value connection strings, YAML block scalars. Each
 * real-world shape has its near miss beside it.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { evaluate } from '../../../src/audit/engine.js';
import { loadChecklists } from '../../../src/checklist/load.js';
import { PROBES } from '../../../src/probes/registry.js';
import { secretsProbe } from '../../../src/probes/secrets.js';
import { collectFacts } from '../../../src/repo/collect.js';
import { RENDERERS, REPORT_FORMATS } from '../../../src/report/index.js';
import { defaultChecklistPath } from '../../../src/util/package-root.js';
import { cleanup, gitRepo } from '../repo/fixture.js';
import { makeFacts } from './facts.js';

interface Row {
  name: string;
  path: string;
  text: string;
  /** `line snippet` of each finding, in order. */
  expected: string[];
}

const found = (path: string, text: string): string[] =>
  secretsProbe
    .run(makeFacts({ files: { [path]: text } }), {})
    .findings.map((f) => `${f.line} ${f.snippet ?? ''}`);

const rows: Row[] = [
  // XML in a Python string: the secret's own line inside the literal, not the literal's first line.
  {
    name: 'XML element in a triple-quoted string',
    path: 'app/config.py',
    text: 'CONFIG = """\n<config><user>admin</user><password>S3cr3t!pass</password></config>\n"""\n',
    expected: ['2 <config><user>admin</user><password>S3***</password></config>'],
  },
  {
    name: 'XML element near misses: templates, empty, filler, a placeholder element',
    path: 'app/config.py',
    text: [
      'CONFIG = """',
      '<password>${DB_PASS}</password>',
      '<password>{{ password }}</password>',
      '<password>%(password)s</password>',
      '<password></password>',
      '<password>changeme</password>',
      '<password>xxx</password>',
      '<password>***</password>',
      '<password><your-password></password>',
      '<password>(.*?)</password>',
      '"""',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'XML element with a namespace, CDATA, a token name and an API key name',
    path: 'app/soap.py',
    text: [
      'ENVELOPE = """',
      '  <ns:password><![CDATA[Qw8!rT2vLm]]></ns:password>',
      '  <api_key>Zq8Xv2Lm7Rt4Wp9Kd3</api_key>',
      '  <access_key>k9QmZ2xL7vT4pW8r</access_key>',
      '"""',
    ].join('\n'),
    expected: [
      '2 <ns:password><![CDATA[Qw***]]></ns:password>',
      '3 <api_key>Zq***</api_key>',
      '4 <access_key>k9***</access_key>',
    ],
  },
  {
    name: 'XML element near misses: a token that is a word, a public value named as a signature',
    path: 'app/soap.py',
    text: [
      'ENVELOPE = """',
      '  <token>session</token>',
      '  <SignatureValue>q8V2xK7mR4tW9zB1nC6dF3hJq8V2xK7mR4tW</SignatureValue>',
      '  <passwordFile>/run/secrets/db</passwordFile>',
      '  <secretName>db-credentials</secretName>',
      '"""',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'XML attributes and named settings (Spring, .NET) in an XML file',
    path: 'conf/server.xml',
    text: [
      '<server password="Kp9mQ2vL7x"/>',
      '<property name="db.password" value="Rk8#pW3zNq"/>',
      '<add key="DbPassword" value="Lm4!xQ9zTw"/>',
      '<entry key="secret">Tz7$kP2mWq</entry>',
      '<field name="password">Hq5!rN8vXc</field>',
      '<string name="password">Passwort</string>',
    ].join('\n'),
    expected: [
      '1 <server password="Kp***"/>',
      '2 <property name="db.password" value="Rk***"/>',
      '3 <add key="DbPassword" value="Lm***"/>',
      '4 <entry key="secret">Tz***</entry>',
      '5 <field name="password">Hq***</field>',
    ],
  },
  {
    name: 'markup near misses: form fields, labels, template values, prose in an element',
    path: 'templates/login.html',
    text: [
      '<input type="password" name="password">',
      '<label for="password">Password</label>',
      '<label>Password:</label>',
      '<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">',
      '<input name="password" value="">',
      '<property name="db.password" value="${DB_PASSWORD}"/>',
      '<p>Your <secret>password is never shown</secret></p>',
    ].join('\n'),
    expected: [],
  },
  // JSON in a Python string: quoted values, on one line or many.
  {
    name: 'JSON in a triple-quoted string, on one line and spread over lines',
    path: 'app/defaults.py',
    text: [
      'DEFAULTS = \'\'\'{"db": {"user": "app", "password": "hunter2-prod-77"}}\'\'\'',
      'FIXTURE = """',
      '{',
      '  "client_secret": "Vb6!nM2qWe",',
      '  "token": "tk"',
      '}',
      '"""',
    ].join('\n'),
    expected: [
      '1 DEFAULTS = \'\'\'{"db": {"user": "app", "password": "hu***"}}\'\'\'',
      '4 "client_secret": "Vb***",',
    ],
  },
  {
    name: 'JSON near misses: a reference in code, a template, null',
    path: 'app/defaults.py',
    text: [
      'CONFIG = {"password": os.environ["DB_PASSWORD"]}',
      'BODY = """{"password": "{{ password }}", "token": null}"""',
      'REQUEST = """{"password": "%(password)s"}"""',
    ].join('\n'),
    expected: [],
  },
  // INI, YAML and .properties in a Python string: bare values, which Python itself never has.
  {
    name: 'INI in a triple-quoted string: a bare value',
    path: 'app/settings.py',
    text: 'INI = """\n[database]\nuser = app\npassword = Zx9!k2LmQ\n"""\nparser.read_string(INI)\n',
    expected: ['4 password = Zx***'],
  },
  {
    name: 'YAML and .properties in strings passed to a function',
    path: 'app/settings.py',
    text: [
      'config = yaml.safe_load(textwrap.dedent("""',
      '    db:',
      '      password: Yq7!pLm2Zx  # rotate',
      '      api_key: 8f7Hq2LmZx9K',
      '"""))',
      "PROPS = '''spring.datasource.password=Qm7vT2xLp9'''",
    ].join('\n'),
    expected: [
      '3 password: Yq***  # rotate',
      '4 api_key: 8f***',
      "6 PROPS = '''spring.datasource.password=Qm***'''",
    ],
  },
  {
    name: 'INI and YAML near misses: nothing after the key, interpolation, CI secrets, prose, a regex',
    path: 'app/settings.py',
    text: [
      'INI = """',
      '[database]',
      'password =',
      'password = %(DB_PASSWORD)s',
      'password: ${{ secrets.DB_PASSWORD }}',
      'password: {{ vault_db_password }}',
      'password = <your-password>',
      'token: abc',
      'Password: enter the password you were given',
      '"""',
      'PATTERN = re.compile(r"""',
      '    password\\s*=\\s*(?P<pw>\\S+)',
      '""", re.VERBOSE)',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'code kept in a string: a variable is no value (a bare word there is an assignment)',
    path: 'tests_support/snippets.py',
    text: [
      'SCRIPT = """',
      'def connect():',
      '    password = mypassword9',
      '    token = get_token()',
      '    return connect(host=h, password=password)',
      '"""',
    ].join('\n'),
    expected: [],
  },
  {
    name: 'a docstring is documentation: its bare example is not read as a config',
    path: 'app/settings.py',
    text: 'def load():\n    """Reads an INI file such as:\n\n    password = Zx9!k2LmQ\n    """\n',
    expected: [],
  },
  // Connection strings: URLs with user:password@, and keyword/value ones.
  {
    name: 'connection strings: a URL, libpq keywords, ADO.NET and ODBC pairs',
    path: 'app/db.py',
    text: [
      'DSN = "postgresql://app:Wq8rT2vLm@db.internal:5432/app"',
      'PG = "host=db.internal user=app password=Wq8rT2vLm dbname=app"',
      'MSSQL = "Server=db;Database=app;User Id=sa;Password=Pz4!mK8qLw;"',
      'ODBC = "DRIVER={ODBC Driver 18};SERVER=db;UID=sa;PWD={Xk9m;P2vQ7r};"',
    ].join('\n'),
    expected: [
      '1 DSN = "postgresql://app:Wq***@db.internal:5432/app"',
      '2 PG = "host=db.internal user=app password=Wq*** dbname=app"',
      '3 MSSQL = "Server=db;Database=app;User Id=sa;Password=Pz***;"',
      '4 ODBC = "DRIVER={ODBC Driver 18};SERVER=db;UID=sa;PWD={Xk***};"',
    ],
  },
  {
    name: 'connection string near misses: format fields, concatenation, keyword arguments, options',
    path: 'app/db.py',
    text: [
      'PG = f"host={host} user={user} password={password}"',
      'PG2 = "host=db user=app password={cfg.db_pass}".format(cfg=cfg)',
      'PG3 = "host=db user=app password=" + pw',
      'conn = psycopg2.connect(host=host, user=user, password=db_password)',
      'user = User(username=request_data["username"], password=request_data["password"])',
      'CMD = "mysql --host=db --user=app --password=Wq8rT2vLm"',
      'DOC = "postgresql://user:Wq8rT2vLm@example.com/app"',
      'TPL = "postgresql://${DB_USER}:${DB_PASSWORD}@db/app"',
    ].join('\n'),
    expected: [],
  },
  // The same shapes in committed non-Python files.
  {
    name: 'a JSON file holding an XML blob and a connection string',
    path: 'config/appsettings.json',
    text: [
      '{',
      '  "ConnectionStrings": { "Default": "Server=db;Database=app;User Id=sa;Password=Pz4!mK8qLw;" },',
      '  "Soap": "<auth><password>Rk8#pW3zNq</password></auth>",',
      '  "Template": "<auth><password>${PASSWORD}</password></auth>"',
      '}',
    ].join('\n'),
    expected: [
      '2 "ConnectionStrings": { "Default": "Server=db;Database=app;User Id=sa;Password=Pz***;" },',
      '3 "Soap": "<auth><password>Rk***</password></auth>",',
    ],
  },
  {
    name: 'YAML block scalars that embed a config file (a ConfigMap)',
    path: 'deploy/configmap.yaml',
    text: [
      'data:',
      '  application.properties: |',
      '    spring.datasource.username=app',
      '    spring.datasource.password=Qm7!vT2xLp',
      '  settings.xml: |-',
      '    <settings><server><password>Rk8#pW3zNq</password></server></settings>',
      'after: value',
    ].join('\n'),
    expected: [
      '4 spring.datasource.password=Qm***',
      '6 <settings><server><password>Rk***</password></server></settings>',
    ],
  },
  {
    name: 'YAML block scalar near misses: references, a CI script of code, prose',
    path: '.github/workflows/ci.yml',
    text: [
      'jobs:',
      '  test:',
      '    steps:',
      '      - run: |',
      '          export PGPASSWORD=${{ secrets.PG }}',
      '          for f in *.py; do python "$f"; done',
      '      - run: |',
      "          python - <<'EOF'",
      '          import settings',
      '          password = mypassword9',
      '          EOF',
      '      - name: note',
      '        description: >',
      '          password = the one in the vault',
      'data:',
      '  app.properties: |',
      '    spring.datasource.password=${DB_PASSWORD}',
    ].join('\n'),
    expected: [],
  },
];

describe('credentials embedded in larger texts', () => {
  test.each(rows)('$name', ({ path, text, expected }) => {
    expect(found(path, text)).toEqual(expected);
  });

  test.each(rows.filter((r) => r.expected.length > 0))(
    'no snippet shows a value: $name',
    ({ path, text }) => {
      const values = [
        ...text.matchAll(/(?:password|secret|api_key|access_key|PWD)[^=:>]*[=:>]\s*"?\{?([^\s"<;}]{6,})/gi),
      ]
        .map((m) => m[1] ?? '')
        .filter((v) => !/[*$%{]/.test(v));
      expect(values.length).toBeGreaterThan(0);
      const snippets = found(path, text).join('\n');
      for (const value of values) expect(snippets).not.toContain(value);
    },
  );

  test('the message says where the value sits', () => {
    const messages = secretsProbe
      .run(
        makeFacts({
          files: {
            'conf/a.xml': '<password>S3cr3t!pass</password>\n<add key="DbPassword" value="Lm4!xQ9zTw"/>\n',
            'app/db.py': 'PG = "host=db user=app password=Wq8rT2vLm"\n',
          },
        }),
        {},
      )
      .findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);
    expect(messages).toEqual([
      'app/db.py:1:33 Hard-coded secret in a connection string',
      'conf/a.xml:1:11 Hard-coded secret in <password>',
      'conf/a.xml:2:30 Hard-coded secret in key="DbPassword"',
    ]);
  });
});

describe('an embedded credential in a real repository', () => {
  const roots: string[] = [];
  afterAll(() => cleanup(...roots));

  const SECRETS = ['S3cr3t!pass', 'hunter2-prod-77', 'Zx9!k2LmQ', 'Wq8rT2vLm'];

  test('fails no-hardcoded-secrets at the secret’s own line, and no report shows a value', async () => {
    const root = gitRepo({
      'app/settings.py': [
        'import os',
        '',
        'CONFIG = """',
        '<config><user>admin</user><password>S3cr3t!pass</password></config>',
        '"""',
        'DEFAULTS = \'\'\'{"db": {"user": "app", "password": "hunter2-prod-77"}}\'\'\'',
        'INI = """',
        '[database]',
        'password = Zx9!k2LmQ',
        '"""',
        'DSN = "host=db.internal user=app password=Wq8rT2vLm dbname=app"',
        'TEMPLATE = """<password>${DB_PASS}</password>"""',
        '',
      ].join('\n'),
      'tests/test_settings.py': 'FIXTURE = """\n[database]\npassword = Tq3!vB8nLp\n"""\n',
    });
    roots.push(root);
    const facts = await collectFacts(root, {
      bandit: { enabled: false, args: [] },
      pipAudit: { enabled: false },
      cache: false,
      toolVersion: 'test',
    });
    const probe = secretsProbe.run(facts, {});
    expect(probe.findings.map((f) => `${f.file}:${f.line} ${f.context}`)).toEqual([
      'app/settings.py:4 code',
      'app/settings.py:6 code',
      'app/settings.py:9 code',
      'app/settings.py:11 code',
      'tests/test_settings.py:3 test',
    ]);

    const checklist = loadChecklists([defaultChecklistPath()], { probes: PROBES });
    const audit = evaluate(checklist, facts, {
      probes: PROBES,
      answers: { version: 1, answers: {} },
      now: new Date('2026-01-01T00:00:00Z'),
      toolVersion: 'test',
    });
    const item = audit.items.find((i) => i.id === 'no-hardcoded-secrets');
    expect(item?.verdict).toBe('fail');
    expect(item?.evidence.filter((e) => e.context === 'code').map((e) => `${e.file}:${e.line}`)).toEqual([
      'app/settings.py:4',
      'app/settings.py:6',
      'app/settings.py:9',
      'app/settings.py:11',
    ]);
    for (const format of REPORT_FORMATS) {
      const out = RENDERERS[format](audit, {});
      for (const secret of [...SECRETS, 'Tq3!vB8nLp']) expect(out, format).not.toContain(secret);
    }
  });
});
