import { describe, expect, test } from 'vitest';
import { secretsProbe } from '../../../src/probes/secrets.js';
import { makeFacts, tok } from './facts.js';

// Fake credentials in real formats, kept in pieces (see tok).
const AKIA = tok('AKIA', '2IYSDPOO2IBR2DUQ');
const GHP = tok('ghp_', 'eFqF0QWnt9nNGEYMDQ2A85X26qA5SgnYbzkT');
const PAT = tok('github_', 'pat_', 'D8FtLEp0AxvdP4wTrnTRJZrd_9Xr0EOcEKyUAYjFKK1YK4CujFOVvoLt3wpG');
const GLPAT = tok('glpat-', 'HAQkAsyCRDygpy2AKGL4');
const XOXB = tok('xoxb-', '2741938475-', '8B89QJwATiNwGFwonZEoVFfQ');
const SLACK_HOOK = tok(
  'https://hooks.slack.com/services/',
  'T04QW8RT2/B05LK7JH3/',
  'Xy7Zq2Wp9Rt4Kv6Bn3Md8Lf1',
);
const STRIPE = tok('sk_', 'live_', 'RxCf8tUSQyBR437maNfZpwCF');
const AIZA = tok('AIza', '0bptaQKPZrtEKC6SoknQUjot8ZYZVF6yH8a');
const GOCSPX = tok('GOCSPX-', 'NqeNsPucPZhe6vCRA4U2ZZSVB3IG');
const TWILIO = tok('SK', '3a21e419ecff588115ce9538c0567daf');
const SENDGRID = tok('SG.', '5jeDvDscFmatndHVB0mYX2', '.', 'Fyoecf1zYBGXFEFVNZjte4FathpRDy9kR777dB2NS01');
const NPM = tok('npm_', 'MzacDnU4amyUwPfhkw4YeRqz0A8xFTDq2Pic');
const PYPI = tok('pypi-', 'AgEIcHlwaS5vcmc', 'eEPeApDWvyN7SqCBU5hGZ0IPa8sSJBdrg7roI7lAM5BFBryVah776blydqtw');
const JWT = tok('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiI0MiJ9', '.x7Kp2RmQ9vT4wY6zB3nDq8Lf');
const AWS_SECRET = tok('gdLjXK/xtbgouVEUiXdYJh', 'ezHd/FnTedb4G7XzZp');
const KEY_BODY = '/1PHoWmJo+uAY+rG/jA1ZIbsUIR/TS5xIWLZSl8/pRKQPZ1k4eH3wOocJRbubzTx';
const BEGIN = tok('-----BEGIN RSA ', 'PRIVATE KEY-----');
const END = tok('-----END RSA ', 'PRIVATE KEY-----');

interface Row {
  name: string;
  files: Record<string, string>;
  kinds?: string[];
  expected: { rule: string; file: string; line: number; snippet: string; context?: string }[];
}

const rows: Row[] = [
  // Passwords passed by position to the calls that take one.
  {
    name: 'a password passed by position: smtplib login, ftplib, HTTPBasicAuth, requests auth=',
    files: {
      'mail.py': [
        'server.login("alerts@example.com", "Wint3r!sC0ming2024")',
        'ftp = ftplib.FTP("ftp.example.com", "backup", "Ftp$ecret99")',
        'r = requests.get(url, auth=HTTPBasicAuth("api", "B4sic-Auth-Pw"))',
        "r = requests.get(url, auth=('api', 'Tupl3-Auth-Pw'))",
        'conn.simple_bind_s("cn=admin,dc=example,dc=org", "Ld4p-Adm1n!")',
      ].join('\n'),
    },
    expected: [
      {
        rule: 'secret-assignment',
        file: 'mail.py',
        line: 1,
        snippet: 'server.login("alerts@example.com", "Wi***")',
      },
      {
        rule: 'secret-assignment',
        file: 'mail.py',
        line: 2,
        snippet: 'ftp = ftplib.FTP("ftp.example.com", "backup", "Ft***")',
      },
      {
        rule: 'secret-assignment',
        file: 'mail.py',
        line: 3,
        snippet: 'r = requests.get(url, auth=HTTPBasicAuth("api", "B4***"))',
      },
      {
        rule: 'secret-assignment',
        file: 'mail.py',
        line: 4,
        snippet: "r = requests.get(url, auth=('api', 'Tu***'))",
      },
      {
        rule: 'secret-assignment',
        file: 'mail.py',
        line: 5,
        snippet: 'conn.simple_bind_s("cn=admin,dc=example,dc=org", "Ld***")',
      },
    ],
  },
  {
    name: 'passwords by position that are not literals, or placeholders, are no finding',
    files: {
      'mail.py': [
        'server.login(user, password)',
        'server.login("alerts@example.com", os.environ["SMTP_PASSWORD"])',
        'server.login("user", "password")',
        'ftp = ftplib.FTP(host, "anonymous", "")',
        'r = requests.get(url, auth=(user, token))',
      ].join('\n'),
    },
    expected: [],
  },
  // Well-known token formats: the first 4 characters stay, the rest is masked.
  {
    name: 'AWS access key id',
    files: { 'app/settings.py': `aws_access_key_id = "${AKIA}"\n` },
    expected: [
      {
        rule: 'aws-access-key-id',
        file: 'app/settings.py',
        line: 1,
        snippet: 'aws_access_key_id = "AKIA***"',
      },
    ],
  },
  {
    name: 'AWS secret key beside its name',
    files: { 'deploy.cfg': `[aws]\naws_secret_access_key = ${AWS_SECRET}\n` },
    expected: [
      {
        rule: 'aws-secret-access-key',
        file: 'deploy.cfg',
        line: 2,
        snippet: 'aws_secret_access_key = gdLj***',
      },
    ],
  },
  {
    name: 'GitHub token assigned to a secret name: the specific kind wins over the assignment',
    files: { 'ci/publish.py': `GITHUB_TOKEN = "${GHP}"` },
    expected: [{ rule: 'github-token', file: 'ci/publish.py', line: 1, snippet: 'GITHUB_TOKEN = "ghp_***"' }],
  },
  {
    name: 'fine-grained GitHub token and GitLab token in a shell script',
    files: {
      'scripts/release.sh': `#!/bin/sh\ncurl -H "Authorization: token ${PAT}" \\\n  --header "PRIVATE-TOKEN: ${GLPAT}"\n`,
    },
    expected: [
      {
        rule: 'github-token',
        file: 'scripts/release.sh',
        line: 2,
        snippet: 'curl -H "Authorization: token gith***" \\',
      },
      {
        rule: 'gitlab-token',
        file: 'scripts/release.sh',
        line: 3,
        snippet: '--header "PRIVATE-TOKEN: glpa***"',
      },
    ],
  },
  {
    name: 'Slack bot token and webhook in YAML',
    files: { 'config/notify.yaml': `slack:\n  bot: ${XOXB}\n  webhook: ${SLACK_HOOK}\n` },
    expected: [
      { rule: 'slack-token', file: 'config/notify.yaml', line: 2, snippet: 'bot: xoxb***' },
      {
        rule: 'slack-webhook',
        file: 'config/notify.yaml',
        line: 3,
        snippet: 'webhook: https://hooks.slack.com/services/T04Q***',
      },
    ],
  },
  {
    name: 'Stripe, Google API key and OAuth secret in JSON',
    files: { 'keys.json': `{\n  "stripe": "${STRIPE}",\n  "maps": "${AIZA}",\n  "oauth": "${GOCSPX}"\n}` },
    expected: [
      { rule: 'stripe-key', file: 'keys.json', line: 2, snippet: '"stripe": "sk_l***",' },
      { rule: 'google-api-key', file: 'keys.json', line: 3, snippet: '"maps": "AIza***",' },
      { rule: 'google-oauth-secret', file: 'keys.json', line: 4, snippet: '"oauth": "GOCS***"' },
    ],
  },
  {
    name: 'Twilio, SendGrid, npm and PyPI tokens',
    files: {
      'notify/clients.py': `twilio = Client("${TWILIO}")\nsg = SendGridAPIClient("${SENDGRID}")\n`,
      '.npmrc': `//registry.npmjs.org/:_authToken=${NPM}\n`,
      '.pypirc': `[pypi]\nusername = __token__\npassword = ${PYPI}\n`,
    },
    expected: [
      { rule: 'npm-token', file: '.npmrc', line: 1, snippet: '//registry.npmjs.org/:_authToken=npm_***' },
      { rule: 'pypi-token', file: '.pypirc', line: 3, snippet: 'password = pypi***' },
      { rule: 'twilio-api-key', file: 'notify/clients.py', line: 1, snippet: 'twilio = Client("SK3a***")' },
      {
        rule: 'sendgrid-api-key',
        file: 'notify/clients.py',
        line: 2,
        snippet: 'sg = SendGridAPIClient("SG.5***")',
      },
    ],
  },
  {
    name: 'a JWT in a test is reported with its context',
    files: { 'tests/test_auth.py': `TOKEN = "${JWT}"\n` },
    expected: [
      { rule: 'jwt', file: 'tests/test_auth.py', line: 1, snippet: 'TOKEN = "eyJh***"', context: 'test' },
    ],
  },
  {
    name: 'private key block (header shown, body never)',
    files: {
      'deploy/id_rsa': `${BEGIN}\n${KEY_BODY}\n${END}\n`,
      'app/keys.py': `KEY = "${BEGIN}\\n${KEY_BODY}"\n`,
    },
    expected: [
      { rule: 'private-key', file: 'app/keys.py', line: 1, snippet: `KEY = "${BEGIN}***"` },
      { rule: 'private-key', file: 'deploy/id_rsa', line: 1, snippet: BEGIN },
    ],
  },
  {
    name: 'a private key header without key material is no key (a regex, a docstring)',
    files: {
      'app/pem.py': `PEM_HEADER = re.compile("${BEGIN}")\n"""Starts with ${BEGIN} and ends with ${END}."""\n`,
    },
    expected: [],
  },
  {
    name: 'password in a URL; placeholders, service defaults and documentation hosts are not',
    files: {
      'app/db.py': [
        'DATABASE_URL = "postgresql://app:Xk9mP2vQ7r@db.internal:5432/app"',
        'LOCAL_URL = "postgresql://postgres:postgres@localhost/app"',
        'TEMPLATE_URL = "postgresql://${DB_USER}:${DB_PASSWORD}@db/app"',
        'DOC_URL = "https://user:Xk9mP2vQ7r@example.com/"',
      ].join('\n'),
    },
    expected: [
      {
        rule: 'url-password',
        file: 'app/db.py',
        line: 1,
        snippet: 'DATABASE_URL = "postgresql://app:Xk***@db.internal:5432/app"',
      },
    ],
  },
  // Secret-looking assignments in Python: 2 characters of the value stay.
  {
    name: 'Python assignments, annotations, dict entries, keyword args, subscripts and comparisons',
    files: {
      'app/auth.py': [
        'DB_PASSWORD = "hunter2222"',
        'admin_password: str = "s3cr3tpass"',
        'creds = {"password": "Tr0ub4dor&3", "user": "bob"}',
        'conn = connect(host="db", password="letmein99")',
        'app.config["SECRET_KEY"] = "dev key please"',
        'app.config["SECRET_KEY"] = "devkey1234"',
        'if password == "letmein99":',
        '    self.password = "opensesame"',
      ].join('\n'),
    },
    expected: [
      { rule: 'secret-assignment', file: 'app/auth.py', line: 1, snippet: 'DB_PASSWORD = "hu***"' },
      { rule: 'secret-assignment', file: 'app/auth.py', line: 2, snippet: 'admin_password: str = "s3***"' },
      {
        rule: 'secret-assignment',
        file: 'app/auth.py',
        line: 3,
        snippet: 'creds = {"password": "Tr***", "user": "bob"}',
      },
      {
        rule: 'secret-assignment',
        file: 'app/auth.py',
        line: 4,
        snippet: 'conn = connect(host="db", password="le***")',
      },
      {
        rule: 'secret-assignment',
        file: 'app/auth.py',
        line: 6,
        snippet: 'app.config["SECRET_KEY"] = "de***"',
      },
      { rule: 'secret-assignment', file: 'app/auth.py', line: 7, snippet: 'if password == "le***":' },
      { rule: 'secret-assignment', file: 'app/auth.py', line: 8, snippet: 'self.password = "op***"' },
    ],
  },
  {
    name: 'high-entropy literals: under a secret name, and under a name that only mentions one',
    files: {
      'app/config.py':
        'SECRET_KEY = "zPotmhNbhssRuxivoTsL9Xu8s3eVvQOwjQpbTllF"\nsigning_salt = "q8V2xK7mR4tW9zB1nC6dF3hJ"\nCOMMIT = "3f9a2c71b8e4d05a6c2f1e9b7d4a3c8e5f6b1a29"\n',
    },
    expected: [
      { rule: 'high-entropy-string', file: 'app/config.py', line: 1, snippet: 'SECRET_KEY = "zP***"' },
      { rule: 'high-entropy-string', file: 'app/config.py', line: 2, snippet: 'signing_salt = "q8***"' },
    ],
  },
  {
    name: 'false positives naive scanners report in Python',
    files: {
      'app/settings.py': [
        'password = os.environ["PASSWORD"]',
        'password = os.getenv("X")',
        'SECRET_KEY = config("SECRET_KEY")',
        'API_KEY = "changeme"',
        'token = "<your-token>"',
        'SECRET_KEY = ""',
        'API_KEY = "123e4567-e89b-12d3-a456-426614174000"',
        'db_password = None',
        'password: str',
        'TOKEN_URL = "https://oauth2.googleapis.com/token"',
        'AUTH_USER_MODEL = "accounts.User"',
        'PASSWORD_RESET_TIMEOUT = "259200"',
        'if token == "lambda":',
        'CACHE_KEY = "user-profile-v2-cache"',
        'password = f"{prefix}-suffix-{n}"',
        'creds = " --username=" + auth',
        'password = "********"',
        'DB_PASSWORD_ENV = "DB_PASSWORD"',
        'password = "${DB_PASSWORD}"',
        'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"',
        'private_key = "certs/server.key"',
        'user_password = "user_input_password"',
        'headers = {"Authorization": "Bearer " + token}',
        '_token = r"(?:[^\\s]+)"',
      ].join('\n'),
    },
    expected: [],
  },
  {
    name: 'identifiers, labels, paths and filler under secret-looking names (found in real packages)',
    files: {
      'awscli/emr/constants.py': [
        "EMRFS_CONSISTENT_KEY = 'fs.s3.consistent'",
        "EMRFS_SSE_KEY = 'fs.s3.enableServerSideEncryption'",
        "EMRFS_CSE_KMS_KEY_ID_KEY = 'fs.s3.cse.kms.keyId'",
        "EMRFS_CSE_CUSTOM_PROVIDER_URI_KEY = 'fs.s3.cse.encryptionMaterialsProvider.uri'",
        "        dest_key='Ec2SubnetIds',",
        "    SECRET_KEY = 'AWSSecretKey'",
        'ACL_CREDENTIALS = "Access-Control-Allow-Credentials"',
        '        ALLOW_CREDENTIALS = "allowCredentials"',
        'TOKEN: Final = r"[!#$%&\'*+\\-.^_`|~0-9A-Za-z]{1,}"',
        'COGNITO_TOTP_MFA_SECRET: Final[str] = "asdfasdfasdf"',
        'if attr_key == "pipeline_definition_s3_location":',
        'SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"',
        "        mhu = MultiHostUrl('https://foo.com:123,foo:bar@bar.com/path')",
      ].join('\n'),
      'botocore/data/ec2/paginators-1.json':
        '{\n  "output_token": "NextToken",\n  "result_key": "PublicIpv4Pools",\n  "output_token": "Jobs[-1].JobId",\n  "result_key": "ServerlessV2PlatformVersions"\n}\n',
      'cfnlint/data/ManagedPolicies.json':
        '{\n "IAMUserChangePassword": "arn:aws:iam::aws:policy/IAMUserChangePassword"\n}\n',
      'botocore/data/eb/service.json': '{"S3Key": "my-app/5026-stage-150723_224258.war"}\n',
    },
    expected: [],
  },
  {
    name: 'example data files illustrate an API: only a real-format token counts there',
    files: {
      'botocore/data/rds/2014-10-31/examples-1.json': `{\n  "MasterUserPassword": "mynewpassword",\n  "Password": "h]6EszR}vJ*m",\n  "GrantToken": "AQpAM2RhZTk1MGMyNTk2ZmZmMzEyYWVhOWViN2I1MWM4Mzc0MWFiYjc0ZDE1ODkyNGFlNTIz",\n  "GitHubToken": "${GHP}"\n}\n`,
    },
    expected: [
      {
        rule: 'github-token',
        file: 'botocore/data/rds/2014-10-31/examples-1.json',
        line: 5,
        snippet: '"GitHubToken": "ghp_***"',
      },
    ],
  },
  {
    name: 'credentials real packages do hard-code are still found',
    files: {
      'moto/rds/models.py': '        credentials = {"username": "admin", "password": "P@55w0rd!"}\n',
      'oauthlib/parameters.py': '            oauth_token="ad180jjd733klru7",\n',
      'moto/ses/responses.py':
        '        result = {"VerificationToken": "QTKknzFg2J4ygwa+XvHAxUl1hyHoY0gVfZdfjIedHZ0="}\n',
      'app/db.py': "def connect(host, password='s3cr3t-pw'):\n    pass\n",
      'app/api.py': '    API_KEY = "Zq8Xv2Lm7Rt4Wp9Kd3"\n',
      'config/app.json': '{"db_password": "Password123!"}\n',
    },
    expected: [
      { rule: 'secret-assignment', file: 'app/api.py', line: 1, snippet: 'API_KEY = "Zq***"' },
      {
        rule: 'secret-assignment',
        file: 'app/db.py',
        line: 1,
        snippet: "def connect(host, password='s3***'):",
      },
      { rule: 'secret-assignment', file: 'config/app.json', line: 1, snippet: '{"db_password": "Pa***"}' },
      {
        rule: 'secret-assignment',
        file: 'moto/rds/models.py',
        line: 1,
        snippet: 'credentials = {"username": "admin", "password": "P@***"}',
      },
      {
        rule: 'high-entropy-string',
        file: 'moto/ses/responses.py',
        line: 1,
        snippet: 'result = {"VerificationToken": "QT***"}',
      },
      { rule: 'secret-assignment', file: 'oauthlib/parameters.py', line: 1, snippet: 'oauth_token="ad***",' },
    ],
  },
  {
    name: 'a comma in a URL password is part of it; a multi-host URL has its credentials last',
    files: {
      'app/settings.py':
        'REDIS_URL = "redis://cache:Xk9m,P2vQ7r@cache.internal/0"\nMONGO = "mongodb://h1.internal:27017,admin:Qw7Lp2Zx9@h2.internal/db"\n',
    },
    expected: [
      {
        rule: 'url-password',
        file: 'app/settings.py',
        line: 1,
        snippet: 'REDIS_URL = "redis://cache:Xk***@cache.internal/0"',
      },
      {
        rule: 'url-password',
        file: 'app/settings.py',
        line: 2,
        snippet: 'MONGO = "mongodb://h1.internal:27017,admin:Qw***@h2.internal/db"',
      },
    ],
  },
  {
    name: 'a docstring example is documentation: reported as docs; a multi-line string value stays code',
    files: {
      'pydantic/types.py':
        'class SecretStr:\n    """Example:\n\n    user = User(username=\'scolvin\', password=\'IAmSensitive\')\n    """\n\nDEFAULTS = """\n[db]\npassword = "s3cr3tValue9"\n"""\n',
    },
    expected: [
      {
        rule: 'secret-assignment',
        file: 'pydantic/types.py',
        line: 4,
        snippet: "user = User(username='scolvin', password='IA***')",
        context: 'docs',
      },
      { rule: 'secret-assignment', file: 'pydantic/types.py', line: 9, snippet: 'password = "s3***"' },
    ],
  },
  {
    name: 'config file syntaxes: .env (even short values), INI, YAML, TOML, JSON',
    files: {
      '.env': 'DEBUG=1\nDB_PASSWORD=dev\nexport API_TOKEN="q8V2xK7mR4tW"\nEMPTY_SECRET=\n',
      'setup.cfg': '[db]\npassword = pg-Rt4kLm92\nuser = app\n',
      'deploy/values.yaml': 'db:\n  password: hunter2222  # rotate me\n  api_key: ${API_KEY}\n',
      'pyproject.toml': '[tool.x]\ntoken = "tk-7Hs9Dq2LmX4"\n',
      'config/app.json': '{"smtp_password": "mailpass99", "smtp_user": "app"}',
    },
    expected: [
      { rule: 'secret-assignment', file: '.env', line: 2, snippet: 'DB_PASSWORD=***' },
      { rule: 'secret-assignment', file: '.env', line: 3, snippet: 'export API_TOKEN="q8***"' },
      {
        rule: 'secret-assignment',
        file: 'config/app.json',
        line: 1,
        snippet: '{"smtp_password": "ma***", "smtp_user": "app"}',
      },
      {
        rule: 'secret-assignment',
        file: 'deploy/values.yaml',
        line: 2,
        snippet: 'password: hu***  # rotate me',
      },
      { rule: 'secret-assignment', file: 'pyproject.toml', line: 2, snippet: 'token = "tk***"' },
      { rule: 'secret-assignment', file: 'setup.cfg', line: 2, snippet: 'password = pg***' },
    ],
  },
  {
    name: 'config false positives: CI secrets, interpolation, short values outside .env',
    files: {
      '.github/workflows/release.yml':
        'with:\n  password: ${{ secrets.PYPI_TOKEN }}\n  token: ${{ github.token }}\n',
      'alembic.ini': '[db]\npassword = %(DB_PASSWORD)s\n',
      'deploy/chart.yaml': 'auth:\n  password: !vault |\n  token: abc\n',
      'config/app.json': '{"password": "", "token": null}',
    },
    expected: [],
  },
  {
    name: 'templates hold placeholders by convention, but a real-format token there is a secret',
    files: {
      '.env.example': `DB_PASSWORD=supersecret\nSECRET_KEY=q8V2xK7mR4tW9zB1nC6dF3hJ\nGITHUB_TOKEN=${GHP}\n`,
    },
    expected: [{ rule: 'github-token', file: '.env.example', line: 3, snippet: 'GITHUB_TOKEN=ghp_***' }],
  },
  {
    name: 'lock files and minified bundles are not scanned',
    files: {
      'poetry.lock':
        '[[package]]\nname = "x"\nfiles = [\n  {file = "x.whl", hash = "sha256:3f9a2c71b8e4d05a6c2f1e9b7d4a3c8e5f6b1a293f9a2c71b8e4d05a6c2f1e9b"},\n]\n',
      'package-lock.json': `{"integrity": "sha512-${KEY_BODY}", "token": "${GHP}"}`,
      'static/app.min.js': `var t="${GHP}";`,
    },
    expected: [],
  },
  {
    name: 'an example in the docs is still reported, as docs',
    files: { 'docs/deploy.md': `Set the token:\n\n    export GITHUB_TOKEN=${GHP}\n` },
    expected: [
      {
        rule: 'github-token',
        file: 'docs/deploy.md',
        line: 3,
        snippet: 'export GITHUB_TOKEN=ghp_***',
        context: 'docs',
      },
    ],
  },
  {
    name: 'two secrets on one line: two findings, both masked in each snippet',
    files: { 'app/clients.py': `client = Api(api_key="${AIZA}", password="hunter2222")` },
    expected: [
      {
        rule: 'google-api-key',
        file: 'app/clients.py',
        line: 1,
        snippet: 'client = Api(api_key="AIza***", password="hu***")',
      },
      {
        rule: 'secret-assignment',
        file: 'app/clients.py',
        line: 1,
        snippet: 'client = Api(api_key="AIza***", password="hu***")',
      },
    ],
  },
  {
    name: 'kinds filters by rule id',
    files: { 'app/clients.py': `client = Api(api_key="${AIZA}", password="hunter2222")` },
    kinds: ['secret-assignment'],
    expected: [
      {
        rule: 'secret-assignment',
        file: 'app/clients.py',
        line: 1,
        snippet: 'client = Api(api_key="AIza***", password="hu***")',
      },
    ],
  },
  {
    name: 'JavaScript, Dockerfile and .netrc',
    files: {
      'web/src/api.js': 'const apiKey = "k3y9Xq2Lm7Rt";\nif (password === "") {}\n',
      Dockerfile: 'FROM python:3.12\nENV DB_PASSWORD=supersecret1\n',
      '.netrc': 'machine api.heroku.com login me@example.org password 4a6e7f21-9c3b-4d8e-a1f5-2b7c9d0e3f48\n',
    },
    expected: [
      {
        rule: 'secret-assignment',
        file: '.netrc',
        line: 1,
        snippet: 'machine api.heroku.com login me@example.org password 4a***',
      },
      { rule: 'secret-assignment', file: 'Dockerfile', line: 2, snippet: 'ENV DB_PASSWORD=su***' },
      { rule: 'secret-assignment', file: 'web/src/api.js', line: 1, snippet: 'const apiKey = "k3***";' },
    ],
  },
];

describe('secrets probe', () => {
  test.each(rows)('$name', ({ files, kinds, expected }) => {
    const facts = makeFacts({ files });
    const result = secretsProbe.run(facts, kinds === undefined ? {} : { kinds });
    expect(result.status).toBe('ok');
    const got = result.findings.map((f) => ({
      rule: f.rule,
      file: f.file,
      line: f.line,
      snippet: f.snippet,
      ...(f.context === 'code' ? {} : { context: f.context }),
    }));
    expect(got).toEqual(expected);
  });

  test('a finding names the kind and the variable, and points at the value', () => {
    const facts = makeFacts({
      files: { 'app/a.py': `    DB_PASSWORD = "hunter2222"\nx = 1; key = "${AKIA}"` },
    });
    const findings = secretsProbe.run(facts, {}).findings;
    expect(findings.map((f) => [f.message, f.line, f.column, f.context])).toEqual([
      ['Hard-coded secret assigned to DB_PASSWORD', 1, 20, 'code'],
      ['AWS access key id', 2, 15, 'code'],
    ]);
  });

  test('no snippet ever holds more than a quarter of a secret value', () => {
    const value = 'Zq8Xv2Lm7Rt4';
    const facts = makeFacts({ files: { '.env': `A_PASSWORD=${value}\nB_PASSWORD=abcdefg\nC_PASSWORD=xyz` } });
    const snippets = secretsProbe.run(facts, {}).findings.map((f) => f.snippet);
    expect(snippets).toEqual(['A_PASSWORD=Zq***', 'B_PASSWORD=a***', 'C_PASSWORD=***']);
  });

  test('the parameter schema lists every kind the probe reports', () => {
    const schema = secretsProbe.paramsSchema as { properties: { kinds: { items: { enum: string[] } } } };
    const kinds = schema.properties.kinds.items.enum;
    const reported = new Set(rows.flatMap((r) => r.expected.map((e) => e.rule)));
    for (const rule of reported) expect(kinds).toContain(rule);
  });
});
