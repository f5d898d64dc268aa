import { describe, expect, it } from 'vitest';
import { mayMatch } from '../../../src/analysis/python/prefilter.js';
import { PYTHON_RULES } from '../../../src/analysis/python/rules.js';
import { ruleFindings } from './analyse.js';
import { taintMatches, taintNoMatches } from './taint-rows.js';

/** [rule, python source, lines where the rule must report] */
type Match = [rule: string, source: string, lines: number[]];
/** [rule, python source]: the rule must stay silent. */
type NoMatch = [rule: string, source: string];

const matches: Match[] = [
  ['py-eval', 'eval(user_input)', [1]],
  ['py-eval', 'import builtins\nbuiltins.eval(x)', [2]],
  ['py-eval', 'def f(s):\n    return eval(s, {})', [2]],
  ['py-eval', 'result = [eval(x) for x in items]', [1]],
  ['py-eval', 'x = 1\ny = eval(\n    expr\n)', [2]],
  // A string built at run time is not a literal, even when parts of it are.
  ['py-eval', 'eval("1 + " + x)', [1]],
  ['py-eval', 'eval(f"{name}.__doc__")', [1]],

  // A rule's function given another name by assignment.
  ['py-eval', 'evaluate = eval\nresult = evaluate(expr)', [2]],
  ['py-os-system', 'import os\nrun = os.system\nrun(cmd)', [3]],
  [
    'py-random-secret',
    'import random\nrng = random.Random()\ntoken = "".join(rng.choice(ALPHABET) for _ in range(32))',
    [3],
  ],
  ['py-pickle-load', 'import torch\nmodel = torch.load(path)', [2]],
  ['py-yaml-load', 'from ruamel.yaml import YAML\nloader = YAML(typ="unsafe")', [2]],
  ['py-jinja-autoescape-off', 'from jinja2 import Template\nPAGE = Template("<p>Hello {{ name }}</p>")', [2]],
  [
    'py-jinja-autoescape-off',
    'import jinja2\nenv = jinja2.Environment(autoescape=jinja2.select_autoescape(["xml"]))',
    [2],
  ],
  ['py-password-hasher', 'import bcrypt\nh = bcrypt.hashpw(pw.encode(), bcrypt.gensalt())', [2]],
  [
    'py-password-hasher',
    'from werkzeug.security import generate_password_hash\nself.password_hash = generate_password_hash(p)',
    [2],
  ],
  ['py-password-hasher', 'from argon2 import PasswordHasher\nph = PasswordHasher()', [2]],
  [
    'py-password-hasher',
    'from passlib.context import CryptContext\nctx = CryptContext(schemes=["bcrypt"])',
    [2],
  ],
  ['py-password-hasher', 'import hashlib\nkey = hashlib.pbkdf2_hmac("sha256", pw, salt, 600_000)', [2]],
  ['py-exec', 'exec(code)', [1]],
  ['py-exec', 'exec(compile(src, "f", "exec"))', [1]],
  ['py-exec', 'import builtins as b\nb.exec(s)', [2]],
  ['py-exec', 'def run(c):\n    exec(c, globals())', [2]],
  ['py-exec', 'exec(open(class_py).read(), dir)', [1]],

  ['py-os-system', 'import os\nos.system(cmd)', [2]],
  ['py-os-system', 'from os import system\nsystem("ls " + d)', [2]],
  ['py-os-system', 'import os as o\no.system(c)', [2]],
  ['py-os-system', 'from os import system as run\nrun(c)', [2]],
  ['py-os-system', 'import os\nos.system("hg clone --quiet %s %s" % (url, filename))', [2]],
  ['py-os-system', 'import os\nos.system(command="ls " + d)', [2]],

  ['py-os-system', 'import os\ndef f(x):\n    TMP = "/tmp/" + x\n    os.system("rm -rf " + TMP)', [4]],
  ['py-os-popen', 'import os\ndata = os.popen(cmd).read()', [2]],
  ['py-os-popen', 'import popen2\npopen2.popen3(c)', [2]],
  ['py-os-popen', 'import commands\ncommands.getoutput(c)', [2]],
  ['py-os-popen', 'from os import popen\npopen(c)', [2]],

  ['py-subprocess-shell', 'subprocess.call(cmd, shell=True)', [1]],
  ['py-subprocess-shell', 'p = subprocess.Popen(c, shell=True, stdout=PIPE)', [1]],
  ['py-subprocess-shell', 'async def f():\n    await asyncio.create_subprocess_shell(cmd)', [2]],
  ['py-subprocess-shell', 'import subprocess\nout = subprocess.getoutput(cmd)', [2]],
  ['py-subprocess-shell', 'subprocess.run(\n    cmd,\n    shell=True,\n)', [1]],
  ['py-subprocess-shell', 'runner = functools.partial(subprocess.check_call, shell=True)', [1]],
  ['py-subprocess-shell', "subprocess.Popen('%s %s' % (editor, filename), shell=True)", [1]],
  ['py-subprocess-shell', 'subprocess.check_call(f\'{editor} "{fname}"\', shell=True)', [1]],
  ['py-subprocess-shell', 'async def f(loop):\n    await loop.subprocess_shell(factory, cmd)', [2]],
  ['py-subprocess-shell', 'subprocess.run(args="ls " + d, shell=True)', [1]],

  ['py-sql-format', 'cursor.execute(f"SELECT * FROM users WHERE id = {uid}")', [1]],
  ['py-sql-format-unbindable', 'cur.execute("CREATE USER %s WITH PASSWORD \'%s\'" % (user, pw))', [1]],
  ['py-sql-format-unbindable', 'cur.execute(f"DROP DATABASE IF EXISTS {name}")', [1]],
  [
    'py-sql-format-unbindable',
    'from sqlalchemy import text\nconn.execute(text("GRANT ALL ON SCHEMA public TO %s" % user))',
    [2],
  ],
  [
    'py-sql-format-unbindable',
    'def main(db):\n    db.execute("SELECT * FROM t WHERE n = \'%s\'" % sys.argv[1])\nif __name__ == "__main__":\n    main(db)',
    [2],
  ],
  ['py-sql-format', 'cursor.execute("SELECT * FROM t WHERE name = \'%s\'" % name)', [1]],
  ['py-sql-format', 'cur.executemany("INSERT INTO t VALUES ({})".format(v), rows)', [1]],
  ['py-sql-format', 'db.execute("DELETE FROM t WHERE id = " + str(i))', [1]],
  [
    'py-sql-format',
    'def f(cur, name):\n    query = f"SELECT * FROM t WHERE n = \'{name}\'"\n    cur.execute(query)',
    [3],
  ],
  [
    'py-sql-format',
    'from sqlalchemy import text\nsession.execute(text(f"SELECT * FROM t WHERE id = {i}"))',
    [2],
  ],
  ['py-sql-format', 'User.objects.raw("SELECT * FROM auth_user WHERE name = \'%s\'" % name)', [1]],
  [
    'py-sql-format',
    'query = "SELECT * FROM t WHERE 1=1"\nquery += f" AND name = \'{n}\'"\ncursor.execute(query)',
    [3],
  ],
  ['py-sql-format', 'from sqlalchemy import text as sql\nsql("SELECT * FROM t WHERE a = " + a)', [2]],
  // A plain assignment in a branch beside the use does not replace a built one.
  [
    'py-sql-format',
    'def f(cur, x):\n    if x:\n        q = f"SELECT * FROM t WHERE a = {x}"\n    else:\n        q = "SELECT * FROM t"\n    cur.execute(q)',
    [6],
  ],
  [
    'py-sql-format',
    'def f(cur, x):\n    q = "SELECT * FROM t"\n    q = f"SELECT * FROM t WHERE a = {x}"\n    cur.execute(q)',
    [4],
  ],

  ['py-pickle-load', 'import pickle\nobj = pickle.loads(data)', [2]],
  ['py-pickle-load', 'import cPickle\ncPickle.load(f)', [2]],
  ['py-pickle-load', 'import dill\ndill.loads(b)', [2]],
  ['py-pickle-load', 'import shelve\ndb = shelve.open(path)', [2]],
  ['py-pickle-load', 'import pickle\npickle.Unpickler(f).load()', [2]],
  ['py-pickle-load', 'from pickle import loads as l\nl(b)', [2]],

  ['py-pickle-load', 'import jsonpickle\nobj = jsonpickle.decode(request.data)', [2]],
  ['py-pickle-load', 'import pandas as pd\ndf = pd.read_pickle(path)', [2]],
  ['py-pickle-load', 'import joblib\nmodel = joblib.load(upload)', [2]],
  ['py-pickle-load', 'from jsonpickle import decode\nobj = decode(s)', [2]],
  [
    'py-mark-safe-request',
    'from flask import request\nfrom markupsafe import Markup\nbio = Markup(request.form.get("bio", ""))',
    [3],
  ],
  [
    'py-mark-safe-request',
    'from flask import request\nfrom markupsafe import Markup\ndef v():\n    q = request.args["q"]\n    return Markup(f"<b>{q}</b>")',
    [5],
  ],
  [
    'py-mark-safe-request',
    'from django.utils.safestring import mark_safe\nfrom django.http import HttpResponse\ndef v(request):\n    return HttpResponse(mark_safe(request.GET["x"]))',
    [4],
  ],
  [
    'py-mark-safe-request',
    'import flask\nfrom markupsafe import Markup\nx = Markup(flask.request.args["n"])',
    [3],
  ],
  ['py-marshal-load', 'import marshal\nmarshal.loads(b)', [2]],
  ['py-marshal-load', 'import marshal\ncode = marshal.load(f)', [2]],
  ['py-marshal-load', 'import marshal as m\nm.loads(d)', [2]],
  ['py-marshal-load', 'from marshal import loads\nloads(d)', [2]],

  ['py-yaml-load', 'import yaml\nyaml.load(f)', [2]],
  ['py-yaml-load', 'import yaml\nyaml.load(f, Loader=yaml.Loader)', [2]],
  ['py-yaml-load', 'import yaml\nyaml.load(f, Loader=yaml.FullLoader)', [2]],
  ['py-yaml-load', 'import yaml\nyaml.unsafe_load(s)', [2]],
  ['py-yaml-load', 'import yaml\nyaml.full_load(s)', [2]],
  ['py-yaml-load', 'import yaml\nyaml.load(s, yaml.UnsafeLoader)', [2]],
  ['py-yaml-load', 'from yaml import load\nload(s)', [2]],
  ['py-yaml-load', 'import yaml\nloader = yaml.Loader\nyaml.load(s, loader)', [3]],

  ['py-random-secret', 'import random\ntoken = "".join(random.choice(chars) for _ in range(32))', [2]],
  ['py-random-secret', 'import random\npassword = random.randint(100000, 999999)', [2]],
  ['py-random-secret', 'import random\ndef generate_otp():\n    return str(random.randint(0, 999999))', [3]],
  ['py-random-secret', 'from random import choices\nsession_key = "".join(choices(chars, k=16))', [2]],
  ['py-random-secret', 'import random\nuser.reset_token = random.getrandbits(128)', [2]],
  // Tokens made through a join and handed on: a cookie, a plainly named variable, a helper.
  [
    'py-random-secret',
    'import random, string\nsession_id = "".join(random.sample(string.ascii_letters, 20))',
    [2],
  ],
  [
    'py-random-secret',
    'import random, string\ndef h(resp):\n    resp.set_cookie("session", "".join(random.sample(string.ascii_letters, 20)))',
    [3],
  ],
  [
    'py-random-secret',
    'import random, string\ndef h(resp):\n    value = "".join(random.sample(string.ascii_letters, 20))\n    resp.set_cookie("sid", value)',
    [3],
  ],
  [
    'py-random-secret',
    'import random, string\ndef rand_str(n):\n    return "".join(random.sample(string.ascii_letters, n))\ndef login():\n    session_id = rand_str(20)',
    [3],
  ],
  [
    'py-random-secret',
    'import random, string\ndef rand_str(n):\n    return "".join(random.choice(string.digits) for _ in range(n))\ndef h(resp):\n    resp.set_cookie("sid", rand_str(8))',
    [3],
  ],
  ['py-random-secret', 'import random\nsend(code=random.randrange(10**6))', [2]],
  ['py-random-secret', 'import random\ndata = {"api_key": random.random()}', [2]],
  [
    'py-random-secret',
    'import random\ndef make_salt():\n    chars = list(ALPHABET)\n    random.shuffle(chars)\n    return "".join(chars)',
    [4],
  ],
  // Drawing characters or building on the draw makes a new secret, whatever the population is called.
  [
    'py-random-secret',
    'import random\ndef make_token():\n    return random.choice(ALLOWED) + random.choice(ALLOWED)',
    [3],
  ],
  [
    'py-random-secret',
    'import random\ndef make_password():\n    return "".join([random.choice(pool) for _ in range(12)])',
    [3],
  ],
  [
    'py-random-secret',
    'import random\nimport string\ndef make_key():\n    return random.choice(string.ascii_letters)',
    [4],
  ],
  // An import in `except ImportError` is a fallback; the one in `try` binds the name.
  [
    'py-random-secret',
    'try:\n    from random import getrandbits as randbits\nexcept ImportError:\n    from secrets import randbits\ndef generate_nonce():\n    return str(randbits(64))',
    [6],
  ],
  [
    'py-random-secret',
    'import random\ndef _cnonce():\n    return "".join(str(random.randrange(10)) for i in range(20))',
    [3],
  ],

  ['py-weak-hash', 'import hashlib\nhashlib.md5(data)', [2]],
  ['py-weak-hash', 'import hashlib\ndigest = hashlib.sha1(b).hexdigest()', [2]],
  ['py-weak-hash', 'import hashlib\nhashlib.new("md5", d)', [2]],
  ['py-weak-hash', 'from hashlib import md5\nmd5(x)', [2]],
  ['py-weak-hash', "import hashlib\nhashlib.new('SHA1')", [2]],
  ['py-weak-hash', 'import hashlib\nhashlib.md5(*parts)', [2]],
  ['py-weak-hash', 'import hashlib\nhashlib.md5(data, usedforsecurity=True, **extra)', [2]],

  ['py-weak-hash-password', 'import hashlib\nhashlib.md5(password.encode()).hexdigest()', [2]],
  ['py-weak-hash-password', 'import hashlib\nhashed_pw = hashlib.sha1(x).hexdigest()', [2]],
  ['py-weak-hash-password', 'import hashlib\nh = hashlib.md5()\nh.update(user.password.encode())', [2]],
  ['py-weak-hash-password', 'import hashlib\nhashlib.md5(request.form["password"].encode())', [2]],
  ['py-weak-hash-password', 'import hashlib\nhashlib.new("md5", pwd)', [2]],

  ['py-weak-cipher', 'from Cryptodome.Cipher import ARC4\nc = ARC4.new(key)', [2]],
  [
    'py-weak-cipher',
    'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(k), modes.ECB())',
    [2],
  ],
  ['py-weak-cipher', 'c = Cipher(algorithms.TripleDES(key), modes.CBC(iv))', [1]],
  ['py-weak-cipher', 'cipher = AES.new(key, AES.MODE_ECB)', [1]],
  // pycryptodome installs as Crypto too: the import alone is not a weak cipher.
  ['py-weak-cipher', 'import Crypto', []],
  ['py-weak-cipher', 'from Crypto.Cipher import AES\nc = AES.new(key, AES.MODE_GCM)', []],
  ['py-weak-cipher', 'from Cryptodome.Cipher import Blowfish\nBlowfish.new(k, Blowfish.MODE_CBC, iv)', [2]],
  ['py-weak-cipher', 'from Cryptodome.Cipher import DES3 as TDES\nTDES.new(k, TDES.MODE_CBC)', [2]],

  ['py-tls-verify-disabled', 'requests.get(url, verify=False)', [1]],
  ['py-tls-verify-disabled', 'ctx = ssl.create_default_context()\nctx.check_hostname = False', [2]],
  ['py-tls-verify-disabled', 'ctx.verify_mode = ssl.CERT_NONE', [1]],
  ['py-tls-verify-disabled', 'ssl._create_default_https_context = ssl._create_unverified_context', [1]],
  ['py-tls-verify-disabled', 'http = urllib3.PoolManager(cert_reqs="CERT_NONE")', [1]],
  ['py-tls-verify-disabled', 's = requests.Session()\ns.verify = False', [2]],
  ['py-tls-verify-disabled', 'client = httpx.Client(\n    base_url=u,\n    verify=False,\n)', [1]],
  ['py-tls-verify-disabled', 'from ssl import CERT_NONE\nctx.verify_mode = CERT_NONE', [2]],
  [
    'py-tls-verify-disabled',
    'class Client:\n    def __init__(self):\n        self.session.verify = False',
    [3],
  ],
  [
    'py-tls-verify-disabled',
    'class Client:\n    def __init__(self):\n        self.ctx.check_hostname = False',
    [3],
  ],
  ['py-tls-verify-disabled', 'import ssl\nctx = ssl._create_unverified_context()', [2]],
  [
    'py-tls-verify-disabled',
    'import ssl\nctx.verify_mode = ssl.CERT_NONE if insecure else ssl.CERT_NONE',
    [2],
  ],
  ['py-tls-verify-disabled', 'class S:\n    def f(self):\n        self.ctx.verify_mode = ssl.CERT_NONE', [3]],

  ['py-tls-verify-disabled', 'import aiohttp\nasync def f(s):\n    await s.get(url, ssl=False)', [3]],
  ['py-tls-verify-disabled', 'import aiohttp\nconn = aiohttp.TCPConnector(verify_ssl=False)', [2]],
  [
    'py-tls-verify-disabled',
    'from aiohttp import ClientSession, TCPConnector\nc = TCPConnector(ssl=False)',
    [2],
  ],
  ['py-secret-fallback', 'import os\nDB_PASSWORD = os.environ.get("DB_PASSWORD", "Pg!Pr0d#2024xyz")', [2]],
  ['py-secret-fallback', 'import os\nJWT_SECRET = os.getenv("JWT_SECRET", "k9Xq2LvR8mWz")', [2]],
  ['py-secret-fallback', 'import os\ncfg = dict(password=os.environ.get("PGPASS", "hunter2-prod"))', [2]],
  [
    'py-secret-fallback',
    'import os\ntoken = os.environ.get("ADMIN_TOKEN", default="adm1n-t0ken-8c1e55")',
    [2],
  ],
  // A constant one name away.
  [
    'py-tls-verify-disabled',
    'import requests\nVERIFY_TLS = False\ndef f(url):\n    return requests.get(url, verify=VERIFY_TLS)',
    [4],
  ],
  [
    'py-tls-verify-disabled',
    'import httpx\ndef f():\n    verify = False\n    return httpx.Client(verify=verify)',
    [4],
  ],
  [
    'py-subprocess-shell',
    'import subprocess\nUSE_SHELL = True\ndef f(host):\n    subprocess.run("ping " + host, shell=USE_SHELL)',
    [4],
  ],
  ['py-debug-true', 'DEBUG_MODE = True\napp.run(debug=DEBUG_MODE)', [2]],
  ['py-debug-true', 'app.run(debug=True)', [1]],
  ['py-debug-true', 'app.run(host="0.0.0.0", port=5000, debug=True)', [1]],
  ['py-debug-true', 'app.debug = True', [1]],
  ['py-debug-true', 'DEBUG = True', [1]],
  ['py-debug-true', 'app.config["DEBUG"] = True', [1]],
  ['py-debug-true', 'app.config.update(DEBUG=True)', [1]],
  ['py-debug-true', 'class ProductionConfig:\n    DEBUG = True', [2]],
  ['py-debug-true', 'if __name__ == "__main__":\n    socketio.run(app, debug=True)', [2]],
  // Debug on by default: the environment must switch it off.
  ['py-debug-true', 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", True)', [2]],
  ['py-debug-true', 'import os\nDEBUG = os.environ.get("DEBUG", "False")', [2]], // a non-empty string is truthy
  ['py-debug-true', 'import os\nDEBUG = bool(os.environ.get("DEBUG", 1))', [2]],
  ['py-debug-true', 'from decouple import config\nDEBUG = config("DEBUG", default=True, cast=bool)', [2]],
  ['py-debug-true', 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default=True)', [3]],
  ['py-debug-true', 'import os\napp.run(debug=os.environ.get("FLASK_DEBUG", True))', [2]],
  // Debug switches of the other frameworks vouch models (src/analysis/frameworks/).
  ['py-debug-true', 'from aiohttp import web\napp = web.Application(debug=True)', [2]],
  ['py-debug-true', 'import aiohttp.web\napp = aiohttp.web.Application(middlewares=[m], debug=True)', [2]],
  ['py-debug-true', 'import tornado.web\napp = tornado.web.Application(handlers, debug=True)', [2]],
  [
    'py-debug-true',
    'import tornado.web\nsettings = {"debug": True, "static_path": p}\napp = tornado.web.Application(h, **settings)',
    [2],
  ],
  ['py-debug-true', 'from fastapi import FastAPI\napp = FastAPI(title="x", debug=True)', [2]],
  [
    'py-debug-true',
    'from starlette.applications import Starlette\napp = Starlette(debug=True, routes=r)',
    [2],
  ],
  ['py-debug-true', 'from sanic import Sanic\napp = Sanic("x")\napp.run(debug=True)', [3]],
  ['py-debug-true', 'import bottle\nbottle.debug(True)', [2]],
  ['py-debug-true', 'from bottle import debug, run\ndebug(True)\nrun(host="0.0.0.0")', [2]],

  ['py-secret-key-literal', 'SECRET_KEY = "s3cr3t-value"', [1]],
  // The signing keys of other frameworks, as their models name them.
  [
    'py-secret-key-literal',
    'import tornado.web\napp = tornado.web.Application(handlers, cookie_secret="61oETzKX")',
    [2],
  ],
  ['py-secret-key-literal', 'settings = {\n    "cookie_secret": "__TODO:_GENERATE_YOUR_OWN__",\n}', [2]],
  [
    'py-secret-key-literal',
    'from sanic import Sanic\napp = Sanic("a")\napp.config.SECRET = "sanic-signing-key"',
    [3],
  ],
  [
    'py-secret-key-literal',
    'from bottle import response\nresponse.set_cookie("account", name, secret="some-secret-key")',
    [2],
  ],
  [
    'py-secret-key-literal',
    'from pyramid.session import SignedCookieSessionFactory\nfactory = SignedCookieSessionFactory("itsaseekreet")',
    [2],
  ],
  [
    'py-secret-key-literal',
    'from aiohttp_session.cookie_storage import EncryptedCookieStorage\nsetup(app, EncryptedCookieStorage(b"Thirty  two  length  bytes  key."))',
    [2],
  ],
  [
    'py-secret-key-literal',
    'from itsdangerous import URLSafeTimedSerializer\ns = URLSafeTimedSerializer("hardcoded-signing")',
    [2],
  ],
  ['py-secret-key-literal', "app.secret_key = 'dev'", [1]],
  ['py-secret-key-literal', 'app.config[\'SECRET_KEY\'] = "hardcoded"', [1]],
  ['py-secret-key-literal', 'JWT_SECRET_KEY = "abc123xyz"', [1]],
  ['py-secret-key-literal', 'SECRET_KEY = os.environ.get("SECRET_KEY", "fallback-secret")', [1]],
  ['py-secret-key-literal', 'app.config.update(SECRET_KEY="x")', [1]],
  ['py-secret-key-literal', 'SECRET_KEY = os.getenv("K") or "changeme"', [1]],
  ['py-secret-key-literal', 'class Config:\n    SECRET_KEY = b"bytes-secret"', [2]],
  ['py-secret-key-literal', 'app.config.from_mapping({"SECRET_KEY": "dev"})', [1]],
  ['py-secret-key-literal', 'class ProductionConfig(Config):\n    SECRET_KEY = "my_secret_key"', [2]],
  ['py-secret-key-literal', 'app.add_middleware(SessionMiddleware, secret_key="abcdef")', [1]],
  [
    'py-secret-key-literal',
    'import environ\nenv = environ.Env()\nSECRET_KEY = env("SECRET_KEY", default="django-insecure-x")',
    [3],
  ],

  ['py-csrf-exempt', '@csrf_exempt\ndef view(request):\n    pass', [1]],
  ['py-csrf-exempt', '@csrf.exempt\n@app.route("/hook")\ndef hook():\n    pass', [1]],
  ['py-csrf-disabled', 'WTF_CSRF_ENABLED = False', [1]],
  ['py-csrf-disabled', 'app.config["WTF_CSRF_ENABLED"] = False', [1]],
  ['py-csrf-disabled', 'class ProductionConfig:\n    CSRF_ENABLED = False', [2]],
  ['py-csrf-exempt', '@method_decorator(csrf_exempt, name="dispatch")\nclass V(View):\n    pass', [1]],
  ['py-csrf-exempt', 'urlpatterns = [\n    path("hook/", csrf_exempt(HookView.as_view())),\n]', [2]],
  ['py-csrf-disabled', 'app.config.update(WTF_CSRF_ENABLED=False)', [1]],

  ['py-mark-safe', 'html = mark_safe(user_bio)', [1]],
  ['py-mark-safe', 'Markup(f"<b>{name}</b>")', [1]],
  ['py-mark-safe', 'SafeString(html)', [1]],
  ['py-mark-safe', 'def bio(text):\n    return mark_safe("<p>" + text + "</p>")', [2]],
  ['py-mark-safe', 'import markupsafe\nmarkupsafe.Markup(content)', [2]],
  ['py-mark-safe', 'from django.utils.safestring import SafeString\nSafeString(user_html)', [2]],
  ['py-mark-safe', 'from markupsafe import Markup, escape\nMarkup(escape(title) + body)', [2]],
  ['py-mark-safe', 'from genshi.core import Markup\nMarkup(html)', [2]],

  ['py-jinja-autoescape-off', 'import jinja2\nenv = jinja2.Environment(loader=FileSystemLoader("t"))', [2]],
  ['py-jinja-autoescape-off', 'from jinja2 import Environment\nenv = Environment(autoescape=False)', [2]],
  ['py-jinja-autoescape-off', 'from jinja2 import *\nenv = Environment(loader=l)', [2]],
  ['py-jinja-autoescape-off', 'import jinja2\njinja2.Environment()', [2]],
  // Framework helpers that build the environment, with escaping switched off.
  [
    'py-jinja-autoescape-off',
    'import aiohttp_jinja2\naiohttp_jinja2.setup(app, loader=l, autoescape=False)',
    [2],
  ],
  [
    'py-jinja-autoescape-off',
    'from fastapi.templating import Jinja2Templates\nt = Jinja2Templates(directory="t", autoescape=False)',
    [2],
  ],
  ['py-jinja-autoescape-off', 'import tornado.web\napp = tornado.web.Application(h, autoescape=None)', [2]],
  [
    'py-jinja-autoescape-off',
    'def make(**o):\n    env = build(**o)\n    env.autoescape = False\n    return env',
    [3],
  ],
  [
    'py-jinja-autoescape-off',
    'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"autoescape": False}}]',
    [1],
  ],
  [
    'py-autoescape-unresolved',
    'from jinja2 import Environment\ndef environment(**options):\n    return Environment(**options)',
    [3],
  ],
  ['py-autoescape-unresolved', 'import jinja2\nenv = jinja2.Environment(loader=l, **opts)', [2]],
  ['py-autoescape-unresolved', 'import jinja2\nenv = jinja2.SandboxedEnvironment(**settings.JINJA)', [2]],
  ['py-autoescape-unresolved', 'from jinja2 import *\nenv = Environment(**kw)', [2]],

  [
    'py-web-entry',
    'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"hi"]',
    [1],
  ],
  ['py-web-entry', 'class App:\n    def __call__(self, environ, start_response):\n        pass', [2]],
  ['py-web-entry', 'async def app(scope, receive, send):\n    await send({})', [1]],
  ['py-web-entry', 'def simple_app(environ,\n               start_response):\n    pass', [1]],

  ['py-env-read', 'import os\npw = os.environ["PASSWORD"]', [2]],
  ['py-env-read', 'import os\nurl = os.environ.get("DB_URL")', [2]],
  ['py-env-read', 'import os\ntoken = os.getenv("TOKEN", "")', [2]],
  ['py-env-read', 'from os import environ\nx = environ.get("X")', [2]],
  ['py-env-read', 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG")', [2, 3]],
  [
    'py-env-read',
    'from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    db: str',
    [2],
  ],
  ['py-env-read', 'from .base import env\nX = env("X")', [2]],
  ['py-env-read', 'from decouple import config\nSECRET = config("SECRET")', [2]],

  ['py-log-secret', 'logger.info("login %s %s", user, password)', [1]],
  ['py-log-secret', 'logging.debug(f"token={token}")', [1]],
  ['py-log-secret', 'log.warning("key: %s", api_key)', [1]],
  ['py-log-secret', 'self.logger.error("bad secret %s", self.client_secret)', [1]],
  ['py-log-secret', 'LOG.info("auth", extra={"t": access_token})', [1]],
  ['py-log-secret', 'logging.getLogger(__name__).info("pw %s", request.form["password"])', [1]],
  ['py-log-secret', 'logger.info("login", password=pw)', [1]],
  ['py-log-secret', 'logger.debug("creds %s", str(credentials))', [1]],
  ['py-log-secret', 'logger.debug("pw %s", password.strip())', [1]],
  ['py-log-secret', 'from logging import info\ninfo("token %s", token)', [2]],
  ['py-log-secret', 'log.debug("Issuing token %r to client %r", token, request.client_id)', [1]],
  ['py-log-secret', 'log.debug("Invalid refresh token %s", request.refresh_token)', [1]],

  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as e:\n        return jsonify(error=str(e)), 500',
    [5],
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as exc:\n        return {"detail": repr(exc)}',
    [5],
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except ValueError as e:\n        raise HTTPException(status_code=400, detail=str(e))',
    [5],
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception:\n        return Response(traceback.format_exc(), status=500)',
    [5],
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as e:\n        msg = f"failed: {e}"\n        return JsonResponse({"error": msg})',
    [6],
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as e:\n        flash(str(e))',
    [5],
  ],
  [
    'py-error-leak',
    'from django.contrib import messages\ndef v(request):\n    try:\n        f()\n    except Exception as e:\n        messages.error(request, f"Failed: {e}")',
    [6],
  ],
  ...taintMatches,
];

const noMatches: NoMatch[] = [
  // Commands made only of constants: nothing from outside reaches the shell.
  ['py-os-system', 'import os\nCLEAR = "clear"\ndef f():\n    os.system(CLEAR)'],
  ['py-os-system', 'import os\nTMP = "/tmp/build"\ndef clean():\n    os.system("rm -rf " + TMP)'],
  ['py-subprocess-shell', 'import subprocess\nCMD = "ls -l"\nsubprocess.run(CMD, shell=True)'],
  ['py-subprocess-shell', 'import subprocess\nTOOL = "git"\nsubprocess.run(f"{TOOL} status", shell=True)'],
  ['py-password-hasher', 'from werkzeug.security import safe_join\np = safe_join(root, name)'],
  ['py-password-hasher', 'import bcrypt'],
  [
    'py-password-hasher',
    'def generate_password_hash(p):\n    return hashlib.md5(p).hexdigest()\nh = generate_password_hash(x)',
  ],
  ['py-password-hasher', 'import hashlib\nh = hashlib.sha256(pw).hexdigest()'],
  [
    'py-random-secret',
    'import random\nrng = random.SystemRandom()\ntoken = "".join(rng.choice(ALPHABET) for _ in range(32))',
  ],
  ['py-pickle-load', 'import torch\nmodel = torch.load(path, weights_only=True)'],
  ['py-yaml-load', 'from ruamel.yaml import YAML\nloader = YAML(typ="safe")'],
  [
    'py-jinja-autoescape-off',
    'from jinja2 import Template\nSUBJECT = Template("Hello {{ name }}, your order shipped")',
  ],
  [
    'py-jinja-autoescape-off',
    'import jinja2\nenv = jinja2.Environment(autoescape=jinja2.select_autoescape(["html", "xml"]))',
  ],
  [
    'py-jinja-autoescape-off',
    'from jinja2 import Template\nPAGE = Template("<p>{{ name }}</p>", autoescape=True)',
  ],
  ['py-eval', 'NOTE = """\nevaluate = eval\n"""\nevaluate(x)'],
  ['py-secret-fallback', 'import os\nDB_PASSWORD = os.environ.get("DB_PASSWORD", "changeme")'],
  ['py-secret-fallback', 'import os\nDB_PASSWORD = os.environ.get("DB_PASSWORD")'],
  ['py-secret-fallback', 'import os\nDB_HOST = os.environ.get("DB_HOST", "db.internal.example")'],
  ['py-secret-fallback', 'import os\nDB_PASSWORD = os.environ.get("DB_PASSWORD", "")'],

  // Not a sure constant: assigned twice, or changed in a function, or not a literal.
  [
    'py-tls-verify-disabled',
    'import requests\nVERIFY = False\nif PROD:\n    VERIFY = True\ndef f(u):\n    requests.get(u, verify=VERIFY)',
  ],
  ['py-tls-verify-disabled', 'import requests\nVERIFY = True\ndef f(u):\n    requests.get(u, verify=VERIFY)'],
  [
    'py-tls-verify-disabled',
    'import requests\nVERIFY = settings.verify\ndef f(u):\n    requests.get(u, verify=VERIFY)',
  ],
  ['py-tls-verify-disabled', 'import requests\ndef f(u, verify=False):\n    requests.get(u, verify=verify)'],

  [
    'py-mark-safe-request',
    'from markupsafe import Markup\ndef v(request):\n    return Markup(request.GET["x"])',
  ], // no framework imported
  [
    'py-mark-safe-request',
    'from flask import request\nfrom markupsafe import Markup, escape\nx = Markup(escape(request.args["n"]))',
  ],
  [
    'py-mark-safe-request',
    'from flask import request\nfrom markupsafe import Markup\nx = Markup(render_bio(user))',
  ],
  [
    'py-mark-safe-request',
    'from django.utils.safestring import mark_safe\nimport django\ndef v(other):\n    return mark_safe(request.GET["x"])',
  ], // request is no parameter here

  ['py-tls-verify-disabled', 'import redis\nr = redis.Redis(host=h, ssl=False)'], // no TLS chosen, not a check off
  ['py-tls-verify-disabled', 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=True)'],
  ['py-tls-verify-disabled', 'import aiohttp\nconn = aiohttp.TCPConnector(ssl=ctx)'],

  ['py-pickle-load', 'data = raw.decode("utf-8")'],
  ['py-pickle-load', 'import jsonpickle\ns = jsonpickle.encode(obj)'],
  ['py-pickle-load', 'import pandas as pd\ndf = pd.read_csv(path)'],
  ['py-pickle-load', 'import joblib\njoblib.dump(model, path)'],

  ['py-sql-format-unbindable', 'cursor.execute(f"SELECT * FROM users WHERE id = {uid}")'],
  ['py-sql-format-unbindable', 'cur.execute("CREATE USER app")'],
  ['py-sql-format-unbindable', 'cur.execute(f"UPDATE t SET grant_all = {v}")'],
  // A script that serves requests is no command-line tool.
  [
    'py-sql-format-unbindable',
    'from flask import request\ndef v():\n    db.execute("SELECT %s" % request.args["q"])\nif __name__ == "__main__":\n    app.run()',
  ],
  ['py-sql-format', 'cur.execute("CREATE USER %s WITH PASSWORD \'%s\'" % (user, pw))'],

  ['py-eval', 'model.eval()'],
  ['py-eval', 'print("exec and eval(x) are dangerous")'],
  ['py-eval', '# eval(cmd)'],
  ['py-eval', 'def f():\n    """Never call eval(x) here."""\n    return 1'],
  ['py-eval', 'import ast\nast.literal_eval(x)'],
  ['py-eval', 'from asteval import eval\neval(x)'],
  // A literal written out in full is not untrusted input (idlelib, IPython).
  ['py-eval', 'bigl = eval("dir()", namespace)'],
  ['py-eval', "eval('__IPYTHON__')"],

  ['py-exec', 'obj.exec()'],
  ['py-exec', 'app.exec_()'],
  ['py-exec', 'x = "exec"'],
  ['py-exec', '# exec(x)'],
  ['py-exec', 'subprocess.run(["exec", x])'],
  ['py-exec', 'exec("""exec _code_ in _globs_, _locs_""")'],
  ['py-exec', "exec('''if True:\n    def reraise(tp, value):\n        raise value\n''')"],

  ['py-os-system', 'import platform\nplatform.system()'],
  ['py-os-system', '# os.system(cmd)'],
  ['py-os-system', 'self.system(x)'],
  ['py-os-system', 'print("os.system(cmd)")'],
  ['py-os-system', 'import mylib as os\nos.system(c)'],
  ['py-os-system', "import os\nos.system('clear')"],
  ['py-os-system', 'import os\nif os.system("(less) 2>/dev/null") == 0:\n    pass'],

  ['py-os-popen', 'subprocess.Popen(["ls"])'],
  ['py-os-popen', '# os.popen(x)'],
  ['py-os-popen', 'pipe.popen()'],
  ['py-os-popen', 'x = "os.popen"'],
  ['py-os-popen', 'import os\npipe = os.popen("dpkg --print-architecture")'],
  ['py-os-popen', 'import os\nosapipe = os.popen("osascript", "w")'],

  ['py-subprocess-shell', 'subprocess.run(["ls", d])'],
  ['py-subprocess-shell', 'subprocess.run(cmd, shell=False)'],
  ['py-subprocess-shell', 'subprocess.run(cmd, shell=use_shell)'],
  ['py-subprocess-shell', '# subprocess.call(c, shell=True)'],
  ['py-subprocess-shell', 'print("shell=True")'],
  [
    'py-subprocess-shell',
    "import subprocess\nvendor_hook = subprocess.getoutput('rpm --eval %{__os_install_post}')",
  ],
  ['py-subprocess-shell', 'subprocess.call("ls -l | wc -l", shell=True)'],
  ['py-subprocess-shell', 'command.extend(compat_shell_quote(a, shell=True) for a in args)'],
  ['py-subprocess-shell', 'async def f():\n    await asyncio.create_subprocess_shell("ls")'],

  ['py-sql-format', 'cursor.execute("SELECT * FROM t WHERE id = %s", (uid,))'],
  ['py-sql-format', 'cursor.execute("SELECT * FROM t WHERE id = ?", [uid])'],
  ['py-sql-format', 'session.execute(text("SELECT * FROM t WHERE id = :id"), {"id": i})'],
  ['py-sql-format', '# cursor.execute(f"SELECT {x}")'],
  ['py-sql-format', 'executor.execute(task)'],
  ['py-sql-format', 'label.text(f"Hello {name}")'],
  ['py-sql-format', 'cursor.execute("SELECT * FROM t LIMIT %d" % 10)'],
  ['py-sql-format', 'q = "SELECT 1"\ncursor.execute(q)'],
  ['py-sql-format', 'cursor.execute(f"SELECT * FROM t")'],
  ['py-sql-format', 'def a(x):\n    query = f"SELECT {x}"\n\ndef b(cursor):\n    cursor.execute(query)'],
  // sqlite3/dump.py: `q` built in a loop, then replaced by a literal before the second execute.
  [
    'py-sql-format',
    'def dump(cu, tables):\n    for t in tables:\n        q = "SELECT 1"\n    q = f"SELECT * FROM {t}"\n    q = "SELECT name FROM sqlite_master"\n    cu.execute(q)',
  ],

  ['py-pickle-load', 'import pickle\npickle.dumps(obj)'],
  ['py-pickle-load', 'json.loads(s)'],
  ['py-pickle-load', '# pickle.loads(x)'],
  ['py-pickle-load', 'x = "pickle.loads"'],
  ['py-pickle-load', 'self.load(f)'],

  ['py-marshal-load', 'import marshal\nmarshal.dumps(c)'],
  ['py-marshal-load', 'json.load(f)'],
  ['py-marshal-load', '# marshal.loads(x)'],
  ['py-marshal-load', 'obj.marshal.loads(x)'],

  ['py-yaml-load', 'import yaml\nyaml.safe_load(s)'],
  ['py-yaml-load', 'import yaml\nyaml.load(s, Loader=yaml.SafeLoader)'],
  ['py-yaml-load', 'import yaml\nyaml.load(s, Loader=yaml.CSafeLoader)'],
  ['py-yaml-load', 'from yaml import SafeLoader, load\nload(s, Loader=SafeLoader)'],
  ['py-yaml-load', 'import yaml\nclass L(yaml.SafeLoader):\n    pass\nyaml.load(s, Loader=L)'],
  ['py-yaml-load', '# yaml.load(s)'],
  ['py-yaml-load', 'json.load(f)'],
  // awscli: the safe loader class held in a variable first.
  [
    'py-yaml-load',
    'import yaml\nclass SafeLoaderWrapper(yaml.SafeLoader):\n    pass\ndef parse(s):\n    loader = SafeLoaderWrapper\n    return yaml.load(s, loader)',
  ],
  ['py-yaml-load', 'import yaml\nloader = yaml.SafeLoader\nyaml.load(s, Loader=loader)'],

  ['py-random-secret', 'import random\ntime.sleep(random.random())'],
  ['py-random-secret', 'import random\ndelay = backoff * random.uniform(0.5, 1.5)'],
  ['py-random-secret', 'import random\njitter = random.random()'],
  ['py-random-secret', 'import secrets\ntoken = secrets.choice(chars)'],
  ['py-random-secret', 'import random\nif random.random() < 0.1:\n    log_sample()'],
  ['py-random-secret', 'import random\nitems = random.sample(population, 3)'],
  ['py-random-secret', 'import random\nsorted(keys, key=lambda _: random.random())'],
  ['py-random-secret', 'import random\nrng = random.SystemRandom()\ntoken = rng.choice(chars)'],
  [
    'py-random-secret',
    'import random\ndef refresh_token():\n    time.sleep(random.uniform(0, 1))\n    return secrets.token_urlsafe()',
  ],
  ['py-random-secret', 'import random\nmapping = random.choice(options)'],
  ['py-random-secret', 'import numpy as np\ntoken = np.random.randint(10)'],
  // email.generator: a MIME boundary needs to differ, not to be unguessable.
  [
    'py-random-secret',
    'import random\ndef _make_boundary(cls, text=None):\n    token = random.randrange(sys.maxsize)\n    return "=" * 15 + str(token)',
  ],
  // joserfc: picking one of the existing keys makes no new secret.
  [
    'py-random-secret',
    'import random\ndef pick_random_key(self):\n    keys = self.keys\n    return random.choice(keys)',
  ],
  // oauthlib: `randbits` is secrets' unless the import of secrets failed.
  [
    'py-random-secret',
    'try:\n    from secrets import SystemRandom, randbits\nexcept ImportError:\n    from random import SystemRandom, getrandbits as randbits\ndef generate_nonce():\n    return str(randbits(64))',
  ],

  // Near misses of the cookie and helper paths: a cookie flag, a helper whose callers store a colour.
  [
    'py-random-secret',
    'import random\ndef h(resp):\n    resp.set_cookie("theme", "dark", max_age=random.randint(1, 9) if x else 3)',
  ],
  [
    'py-random-secret',
    'import random\ndef pick(items):\n    return random.choice(items)\ndef f():\n    colour = pick(colours)',
  ],
  [
    'py-random-secret',
    'import random, string\ndef rand_str(n):\n    return "".join(random.sample(string.ascii_letters, n))\ndef f():\n    label = rand_str(5)',
  ],
  ['py-random-secret', 'import random\ndef h():\n    delay = random.random()\n    time.sleep(delay)'],
  // A random suffix of a sample title, under a secret-looking keyword: a label, not a secret.
  [
    'py-random-secret',
    'from random import randrange\ndef seed():\n    n = str(randrange(100))\n    b = Book(title="t" + n, secret_content="secret for t" + n)',
  ],

  ['py-weak-hash', 'import hashlib\nhashlib.md5(b, usedforsecurity=False)'],
  ['py-weak-hash', 'import hashlib\nhashlib.sha256(d)'],
  ['py-weak-hash', 'import hashlib\nhashlib.new("sha256")'],
  ['py-weak-hash', '# hashlib.md5(x)'],
  ['py-weak-hash', 'x = "hashlib.md5"'],
  ['py-weak-hash', 'my.md5(x)'],
  // botocore.compat: a wrapper whose callers pass usedforsecurity through **kwargs.
  ['py-weak-hash', 'import hashlib\ndef get_md5(*args, **kwargs):\n    return hashlib.md5(*args, **kwargs)'],

  ['py-weak-hash-password', 'import hashlib\nhashlib.md5(password.encode(), usedforsecurity=False)'],
  ['py-weak-hash-password', 'import hashlib\nhashlib.sha256(password.encode())'],
  ['py-weak-hash-password', 'import hashlib\netag = hashlib.md5(body).hexdigest()'],
  ['py-weak-hash-password', 'bcrypt.hashpw(password, salt)'],
  ['py-weak-hash-password', '# hashlib.md5(password)'],

  ['py-weak-cipher', 'from Cryptodome.Cipher import AES\nAES.new(key, AES.MODE_GCM)'],
  ['py-weak-cipher', 'c = Cipher(algorithms.AES(key), modes.GCM(iv))'],
  ['py-weak-cipher', '# DES.new(key)'],
  ['py-weak-cipher', 'x = "MODE_ECB"'],
  ['py-weak-cipher', 'if mode == AES.MODE_ECB:\n    raise ValueError()'],
  ['py-weak-cipher', 'from cryptography.fernet import Fernet\nFernet(key)'],

  ['py-tls-verify-disabled', 'jwt.decode(token, verify=False)'],
  ['py-tls-verify-disabled', 'requests.get(url, verify=True)'],
  ['py-tls-verify-disabled', 'requests.get(url, verify="/etc/ca.pem")'],
  ['py-tls-verify-disabled', 'urllib3.disable_warnings()'],
  ['py-tls-verify-disabled', 'if ctx.verify_mode == ssl.CERT_NONE:\n    warn()'],
  ['py-tls-verify-disabled', '# requests.get(u, verify=False)'],
  ['py-tls-verify-disabled', 'ctx.verify_mode = ssl.CERT_REQUIRED'],
  ['py-tls-verify-disabled', 'self.assertEqual(ctx.verify_mode, ssl.CERT_NONE)'],
  ['py-tls-verify-disabled', 'NAMES = {ssl.CERT_NONE: "none", ssl.CERT_REQUIRED: "required"}'],
  // urllib3's PyOpenSSLContext / SSLContext shims: a context class's initial state.
  [
    'py-tls-verify-disabled',
    'class PyOpenSSLContext:\n    def __init__(self, protocol):\n        self.check_hostname = False',
  ],
  [
    'py-tls-verify-disabled',
    'import ssl\nclass SSLContext:\n    def __init__(self, protocol_version):\n        self.verify_mode = ssl.CERT_NONE',
  ],
  // The mode follows a flag set elsewhere (httplib2, urllib3's securetransport).
  [
    'py-tls-verify-disabled',
    'import ssl\nctx.verify_mode = ssl.CERT_NONE if disable_validation else ssl.CERT_REQUIRED',
  ],
  [
    'py-tls-verify-disabled',
    'import ssl\ndef verify_mode(self):\n    return ssl.CERT_REQUIRED if self._verify else ssl.CERT_NONE',
  ],
  // ssl.py aliasing its own function.
  [
    'py-tls-verify-disabled',
    'def _create_unverified_context():\n    pass\n_create_stdlib_context = _create_unverified_context',
  ],

  ['py-debug-true', 'app.run(debug=False)'],
  ['py-debug-true', 'app.run(debug=os.environ.get("FLASK_DEBUG") == "1")'],
  ['py-debug-true', 'DEBUG = os.environ.get("DEBUG") == "1"'],
  ['py-debug-true', 'def f():\n    DEBUG = True'],
  ['py-debug-true', 'class DevelopmentConfig(Config):\n    DEBUG = True'],
  ['py-debug-true', 'logger.debug("x")'],
  ['py-debug-true', '# app.run(debug=True)'],
  ['py-debug-true', 'parser.debug = True'],
  ['py-debug-true', 'import asyncio\nasyncio.run(main(), debug=True)'],
  ['py-debug-true', 'from aiohttp import web\napp = web.Application(debug=False)'],
  ['py-debug-true', 'import os\nDEBUG = os.environ.get("DEBUG", False)'],
  ['py-debug-true', 'import os\nDEBUG = os.environ.get("DEBUG", "")'],
  ['py-debug-true', 'import os\nDEBUG = os.environ.get("DEBUG", "False") == "True"'],
  ['py-debug-true', 'from decouple import config\nDEBUG = config("DEBUG", default="False", cast=bool)'],
  ['py-debug-true', 'import os\nDEBUG = os.environ.get("DEBUG")'],
  ['py-debug-true', 'import os\nclass DevConfig:\n    DEBUG = os.environ.get("DEBUG", True)'],
  ['py-debug-true', 'from aiohttp import web\napp = web.Application()'],
  ['py-debug-true', 'from mylib import Application\napp = Application(debug=True)'], // not a framework's
  ['py-debug-true', 'import tornado.web\nsettings = {"debug": False}'],
  ['py-debug-true', 'settings = {"debug": True}'], // no Tornado: a dictionary of something else
  ['py-debug-true', 'import logging\nlogging.debug(True)'],
  ['py-debug-true', 'import bottle\nbottle.debug(False)'],
  ['py-debug-true', 'from fastapi import FastAPI\napp = FastAPI(debug=settings.debug)'],

  [
    'py-secret-key-literal',
    'import os, tornado.web\napp = tornado.web.Application(h, cookie_secret=os.environ["COOKIE_SECRET"])',
  ],
  [
    'py-secret-key-literal',
    'from pyramid.session import SignedCookieSessionFactory\nfactory = SignedCookieSessionFactory(settings["session.secret"])',
  ],
  ['py-secret-key-literal', 'secret = "not a framework key"'], // a variable named secret is anything
  [
    'py-secret-key-literal',
    'from aiohttp_session.cookie_storage import EncryptedCookieStorage\nEncryptedCookieStorage(base64.urlsafe_b64decode(key))',
  ],
  ['py-secret-key-literal', 'SECRET_KEY = os.environ["SECRET_KEY"]'],
  ['py-secret-key-literal', 'SECRET_KEY = os.getenv("SECRET_KEY")'],
  ['py-secret-key-literal', 'SECRET_KEY = ""'],
  ['py-secret-key-literal', 'app.secret_key = secrets.token_hex(32)'],
  ['py-secret-key-literal', 'SECRET_KEY = get_random_secret_key()'],
  ['py-secret-key-literal', '# SECRET_KEY = "abc"'],
  ['py-secret-key-literal', 'print("SECRET_KEY = \'x\'")'],
  ['py-secret-key-literal', 'SECRET_KEY = os.environ.get("SECRET_KEY", "")'],
  [
    'py-secret-key-literal',
    "class EnvProvider(CredentialProvider):\n    SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'",
  ],

  ['py-csrf-exempt', '@login_required\ndef v(r):\n    pass'],
  ['py-csrf-disabled', 'WTF_CSRF_ENABLED = True'],
  ['py-csrf-disabled', 'class TestConfig:\n    WTF_CSRF_ENABLED = False'],
  ['py-csrf-disabled', '@csrf_exempt\ndef view(request):\n    pass'], // one view, not the app
  ['py-csrf-disabled', 'app.config.update(WTF_CSRF_ENABLED=True)'],
  ['py-csrf-exempt', 'WTF_CSRF_ENABLED = False'], // the whole app: py-csrf-disabled
  ['py-csrf-exempt', '# @csrf_exempt'],
  ['py-csrf-exempt', '@app.route("/csrf_exempt")\ndef v():\n    pass'],
  ['py-csrf-exempt', '@csrf_protect\ndef v(r):\n    pass'],

  ['py-mark-safe', 'mark_safe("<br>")'],
  ['py-mark-safe', 'Markup("<b>{}</b>").format(name)'],
  ['py-mark-safe', 'escape(x)'],
  ['py-mark-safe', '# mark_safe(x)'],
  ['py-mark-safe', 'format_html("<b>{}</b>", name)'],
  ['py-mark-safe', 'Markup.escape(x)'],
  // docutils' SafeString is an encoding helper, not Django's safe HTML.
  ['py-mark-safe', 'class SafeString(object):\n    pass\nargs = [str(SafeString(arg, enc))]'],
  ['py-mark-safe', 'from docutils.utils.error_reporting import SafeString\nSafeString(err.strerror, enc)'],
  // markupsafe.escape: escaped first, then marked.
  ['py-mark-safe', 'from markupsafe import Markup, escape\nMarkup(escape(s))'],
  ['py-mark-safe', 'import markupsafe\nmarkupsafe.Markup(_escape_inner(str(s)))'],

  ['py-jinja-autoescape-off', 'import jinja2\njinja2.Environment(autoescape=True)'],
  ['py-jinja-autoescape-off', 'import jinja2\njinja2.Environment(autoescape=select_autoescape(["html"]))'],
  ['py-jinja-autoescape-off', 'from simpy import Environment\nenv = Environment()'],
  ['py-jinja-autoescape-off', 'import jinja2\njinja2.Environment(**options)'],
  ['py-jinja-autoescape-off', 'import aiohttp_jinja2\naiohttp_jinja2.setup(app, loader=l)'], // escapes by default
  [
    'py-jinja-autoescape-off',
    'from fastapi.templating import Jinja2Templates\nt = Jinja2Templates(directory="t")',
  ],
  ['py-jinja-autoescape-off', 'env.autoescape = True'],
  ['py-jinja-autoescape-off', 'OPTIONS = {"autoescape": True}'],
  ['py-autoescape-unresolved', 'import jinja2\njinja2.Environment(autoescape=True, **options)'],
  ['py-autoescape-unresolved', 'import jinja2\njinja2.Environment(loader=l)'],
  ['py-autoescape-unresolved', 'from simpy import Environment\nenv = Environment(**kw)'],
  ['py-autoescape-unresolved', 'import jinja2\njinja2.Environment(autoescape=select_autoescape(), **o)'],
  ['py-web-entry', 'def handler(environ):\n    pass'],
  ['py-web-entry', 'x = "def application(environ, start_response):"'],
  ['py-web-entry', 'def app(scope, receive):\n    pass'],
  ['py-web-entry', '# def application(environ, start_response):'],
  ['py-jinja-autoescape-off', '# jinja2.Environment()'],

  ['py-env-read', 'import os\nos.environ["X"] = "1"'],
  ['py-env-read', 'import os\ndel os.environ["X"]'],
  ['py-env-read', '# os.getenv("X")'],
  ['py-env-read', 'x = "os.environ"'],
  ['py-env-read', 'ip = request.environ.get("REMOTE_ADDR")'],
  ['py-env-read', 'environ = {}\nenviron.get("x")'],

  ['py-log-secret', 'logger.info("password changed for %s", user)'],
  ['py-log-secret', 'logger.info("used %d tokens", token_count)'],
  ['py-log-secret', 'logger.debug("max %d", max_tokens)'],
  ['py-log-secret', 'logger.info("length %d", len(password))'],
  ['py-log-secret', 'print(password)'],
  ['py-log-secret', '# logger.info(password)'],
  ['py-log-secret', 'logger.info("ok %s", user.check_password(pw))'],
  ['py-log-secret', 'dialog.warning("secret", token)'],
  ['py-log-secret', 'logger.debug("at %s", token.tok_name[kind])'],
  ['py-log-secret', 'logger.debug("rate %s", self._token_bucket.capacity)'],
  ['py-log-secret', 'logger.debug("expiry %s", credentials["expiry_time"])'],
  // Page markers and semaphore tokens are no credentials (botocore, s3transfer).
  ['py-log-secret', 'log.debug("Falling back. For token: %s", self._starting_token)'],
  ['py-log-secret', 'logger.debug(f"Releasing acquire {tag}/{acquire_token}")'],
  ['py-log-secret', 'logger.debug("next page %s", next_token)'],

  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as e:\n        logger.error(str(e))\n        return jsonify(error="internal"), 500',
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as e:\n        raise RuntimeError(str(e)) from e',
  ],
  ['py-error-leak', 'import traceback\ntraceback.print_exc()'],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as e:\n        pass\n\ndef describe(e):\n    return str(e)',
  ],
  ['py-error-leak', '# return str(e)'],
  [
    'py-error-leak',
    'from http.client import HTTPException\ndef read(r):\n    try:\n        r.read()\n    except OSError as e:\n        raise HTTPException(str(e))',
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except OSError as e:\n        err = str(e)\n    return skip_if(err is not None)',
  ],
  [
    'py-error-leak',
    'def v():\n    try:\n        f()\n    except Exception as e:\n        log.exception("x")\n        return str(status)',
  ],
  ...taintNoMatches,
];

describe('python rules: matching code', () => {
  it.each(matches)('%s reports %j', async (rule, source, lines) => {
    const found = (await ruleFindings(source)).filter((finding) => finding.rule === rule);
    expect(found.map((finding) => finding.line)).toEqual(lines);
  });

  it.each(matches)('%s: the prefilter lets %j through', (_rule, source) => {
    expect(mayMatch(source)).toBe(true);
  });
});

describe('python rules: code that only looks dangerous', () => {
  it.each(noMatches)('%s stays silent on %j', async (rule, source) => {
    const found = (await ruleFindings(source)).filter((finding) => finding.rule === rule);
    expect(found).toEqual([]);
  });
});

describe('python rules: coverage of the tables', () => {
  // Rules that depend on the file's path have their table where the path is a column.
  const byPath = new Set(['py-debug-dev-settings']); // dev-settings.test.ts
  it.each(PYTHON_RULES.map((rule) => rule.id).filter((id) => !byPath.has(id)))(
    '%s has at least 4 matching and 4 silent rows',
    (id) => {
      expect(matches.filter(([rule]) => rule === id).length).toBeGreaterThanOrEqual(4);
      expect(noMatches.filter(([rule]) => rule === id).length).toBeGreaterThanOrEqual(4);
    },
  );
});

describe('python rules: snippets', () => {
  it.each([
    [
      'requests.get(url, verify=False, auth=("admin", "hunter2-pass"))',
      'py-tls-verify-disabled',
      'hunter2-pass',
    ],
    [
      'boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", verify=False)',
      'py-tls-verify-disabled',
      'AKIAIOSFODNN7EXAMPLE',
    ],
    ['SECRET_KEY = os.environ.get("SECRET_KEY", "fallback-secret")', 'py-env-read', 'fallback-secret'],
    ['JWT_SECRET_KEY = "abc123xyz"', 'py-secret-key-literal', 'abc123xyz'],
  ])('%j: the %s snippet hides %j', async (source, rule, secret) => {
    const finding = (await ruleFindings(source)).find((f) => f.rule === rule);
    expect(finding?.snippet).toBeDefined();
    expect(finding?.snippet).not.toContain(secret.slice(2));
  });

  it('shows the stripped line, at most 200 characters, with a 1-based column', async () => {
    const source = `def f():\n    eval(x)  # ${'y'.repeat(300)}`;
    const [finding] = await ruleFindings(source);
    expect(finding).toMatchObject({ rule: 'py-eval', line: 2, column: 5, severity: 'high' });
    expect(finding?.snippet).toBe(`eval(x)  # ${'y'.repeat(300)}`.slice(0, 200));
  });
});
