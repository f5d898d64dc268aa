import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import safeRegex from 'safe-regex2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANDIT_TRIGGERS, banditPrefilter, splitPython } from '../../../src/analysis/bandit/triggers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** bandit's findings per file, from one `bandit -f json -q -r` run (it exits 1 when it finds any). */
async function bandit(...paths: string[]): Promise<Map<string, Set<string>>> {
  const { stdout } = await promisify(execFile)('bandit', ['-f', 'json', '-q', '-r', ...paths], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { code?: number; stdout?: string }) => {
    if (error.code === 1 && error.stdout !== undefined) return { stdout: error.stdout };
    throw error;
  });
  const report = JSON.parse(stdout) as { results: { filename: string; test_id: string }[] };
  const found = new Map<string, Set<string>>();
  for (const { filename, test_id } of report.results) {
    const file = resolve(filename);
    found.set(file, (found.get(file) ?? new Set()).add(test_id));
  }
  return found;
}

/**
 * [id, snippet, what bandit 1.6.2 says]: 'flags' (bandit reports that id there), 'newer' (only
 * later versions can: bandit 1.6.2 never runs its string tests, B104, B105, B108 and B608, on
 * Python >= 3.8, and has no B113, B202, B508, B509, B612-B615, B704, B414, B415) or 'clean'
 * (bandit does not report the id, and the prefilter must turn the file away).
 */
type Row = [id: string, snippet: string, bandit: 'flags' | 'newer' | 'clean'];

const ROWS: Row[] = [
  // B1xx
  ['B101', 'def f(x):\n    assert x > 0\n', 'flags'],
  ['B102', 'exec("x = 1")\n', 'flags'],
  ['B102', 'exec(\n    compile(src, "f", "exec"),\n)\n', 'flags'],
  ['B102', '"""Use exec to run the code."""\nrun(code)\n', 'clean'],
  ['B103', 'import os\nos.chmod("/etc/app.conf", 0o777)\n', 'flags'],
  ['B103', 'from os import chmod as change\nchange(path, 0o777)\n', 'flags'],
  ['B104', 'import socket\ns = socket.socket()\ns.bind(("0.0.0.0", 8080))\n', 'newer'],
  ['B104', 'HOST = "0.0" ".0.0"\n', 'newer'],
  ['B104', '# listens on 0.0.0.0 by default\nHOST = "127.0.0.1"\n', 'clean'],
  ['B105', 'password = "hunter2"\n', 'newer'],
  ['B105', 'settings.DB_PASSWORD = "hunter2"\n', 'newer'],
  ['B105', 'config["api_token"] = "abc123"\n', 'newer'],
  ['B105', 'config["pass"] = "abc123"\n', 'newer'],
  ['B105', 'config["pa" "ssword"] = "abc123"\n', 'newer'],
  ['B105', 'config["\\x70assword"] = "abc123"\n', 'newer'],
  ['B105', 'def check(secret):\n    if secret == "letmein":\n        return True\n', 'newer'],
  ['B105', 'class Settings:\n    db_pwd: str = "hunter2"\n', 'newer'],
  ['B105', 'CONFIG = {"password": "hunter2"}\n', 'newer'],
  ['B105', 'config["password_for the db"] = "abc123"\n', 'newer'],
  ['B105', 'config["password\\n"] = "abc123"\n', 'newer'],
  ['B105', '(password) = "hunter2"\n', 'newer'],
  ['B105', 'db_pass = "hunter2"\n', 'newer'],
  // `pass` alone is the statement (no name can be `pass`), not a candidate
  ['B105', 'def noop():\n    pass\n', 'clean'],
  ['B105', 'class Empty: pass\nif ready: pass  # pass it on\n', 'clean'],
  ['B105', 'status = "tests pass"\n', 'clean'],
  ['B105', 'try:\n    f()\nexcept ValueError:\n    pass\nelse:\n    pass\n', 'clean'],
  ['B105', '# the password is read from the environment\nx = 1\n', 'clean'],
  ['B105', 'def vault():\n    """The password: read from the vault."""\n', 'clean'],
  ['B106', 'login(user="admin", password="hunter2")\n', 'flags'],
  ['B106', 'connect(\n    host="db",\n    passwd=\n        "hunter2",\n)\n', 'flags'],
  ['B106', 'client = Client(api_token=r"abc123")\n', 'flags'],
  ['B106', 'connect(db_pass="hunter2")\n', 'flags'],
  ['B106', 'login(user="admin", password=read_password())\n', 'clean'],
  ['B107', 'def login(user, password="hunter2"):\n    return user\n', 'flags'],
  ['B107', 'def login(user, secret: str = "hunter2"):\n    return user\n', 'flags'],
  ['B108', 'f = open("/tmp/app.log", "w")\n', 'newer'],
  ['B108', 'f = open("/" "tmp/app.log", "w")\n', 'newer'],
  ['B108', 'f = open(f"{root}/tmp/app.log", "w")\n', 'newer'],
  ['B110', 'try:\n    f()\nexcept Exception:\n    pass\n', 'flags'],
  ['B110', 'try:\n    f()\nexcept ValueError:\n    log()\n', 'clean'],
  ['B112', 'for x in xs:\n    try:\n        f(x)\n    except:\n        continue\n', 'flags'],
  ['B113', 'import requests\nrequests.get("https://example.com")\n', 'newer'],
  ['B113', 'x = 1  # \u202e trojan source\n', 'newer'],

  // B2xx
  [
    'B201',
    'from flask import Flask\napp = Flask(__name__)\napp.run(\n    host="127.0.0.1",\n    debug=True)\n',
    'flags',
  ],
  ['B202', 'import tarfile\ntarfile.open("a.tar").extractall()\n', 'newer'],

  // B3xx: the blacklisted calls, through aliases and attribute chains
  ['B301', 'import pickle\npickle.loads(blob)\n', 'flags'],
  ['B301', 'from pickle import loads as thaw\nthaw(blob)\n', 'flags'],
  ['B301', 'import pickle as p\np.Unpickler(f)\n', 'flags'],
  ['B301', '__import__("pickle.loads")\n', 'flags'],
  ['B301', '__import__("\\x70ickle.loads")\n', 'flags'],
  ['B301', '__import__("pic" "kle.loads")\n', 'flags'],
  ['B301', '# objects are pickled with the pickle protocol\nx = 1\n', 'clean'],
  ['B302', 'import marshal\nmarshal.loads(blob)\n', 'flags'],
  ['B303', 'import hashlib as h\nh.md5(b"x")\n', 'flags'],
  ['B303', 'from cryptography.hazmat.primitives import hashes\nhashes.SHA1()\n', 'flags'],
  ['B303', 'import hashlib\nhashlib.sha256(b"x")\n', 'clean'],
  ['B304', 'from Crypto.Cipher import ARC4\nARC4.new(key)\n', 'flags'],
  ['B305', 'from cryptography.hazmat.primitives.ciphers import modes\nmodes.ECB()\n', 'flags'],
  ['B306', 'import tempfile\ntempfile.mktemp()\n', 'flags'],
  ['B307', 'eval(expr)\n', 'flags'],
  ['B307', '(eval)(expr)\n', 'flags'],
  ['B307', 'ｅｖａｌ("1 + 1")\n', 'flags'], // Python folds the name to eval (NFKC)
  ['B307', '# coding: utf-7\nx = +AGUAdgBhAGw-("1")\n', 'flags'], // utf-7 spells eval
  ['B307', 'from ast import literal_eval\nx = literal_eval(s)\n', 'clean'],
  ['B308', 'from django.utils.safestring import mark_safe\nmark_safe(html)\n', 'flags'],
  ['B309', 'import http.client\nhttp.client.HTTPSConnection("example.com")\n', 'flags'],
  ['B310', 'import urllib.request\nurllib.request.urlopen(url)\n', 'flags'],
  ['B311', 'import random as r\nr.choice(xs)\n', 'flags'],
  ['B311', 'from random import randint\nrandint(1, 6)\n', 'flags'],
  ['B311', 'def sample(xs):\n    """Return a random sample."""\n    return xs[:3]\n', 'clean'],
  ['B312', 'import telnetlib\ntelnetlib.Telnet("host")\n', 'flags'],
  ['B313', 'import xml.etree.cElementTree as ET\nET.parse(f)\n', 'flags'],
  ['B314', 'import xml.etree.ElementTree as ET\nET.fromstring(s)\n', 'flags'],
  ['B315', 'import xml.sax.expatreader\nxml.sax.expatreader.create_parser()\n', 'flags'],
  ['B316', 'from xml.dom import expatbuilder\nexpatbuilder.parse(f)\n', 'flags'],
  ['B317', 'import xml.sax\nxml.sax.parseString(s, handler)\n', 'flags'],
  ['B318', 'from xml.dom import minidom\nminidom.parseString(s)\n', 'flags'],
  ['B319', 'from xml.dom import pulldom\npulldom.parse(f)\n', 'flags'],
  ['B320', 'from lxml import etree\netree.fromstring(s)\n', 'flags'],
  ['B321', 'import ftplib\nftplib.FTP("host")\n', 'flags'],
  ['B322', 'name = input("name? ")\n', 'flags'],
  ['B323', 'import ssl\nssl._create_unverified_context()\n', 'flags'],
  ['B324', 'import hashlib\nhashlib.new("md5")\n', 'flags'],
  ['B324', 'import hashlib\nhashlib.new(name="MD4")\n', 'flags'],
  ['B324', 'import hashlib\nhashlib.sha1(b"x")\n', 'newer'],
  ['B325', 'import os\nos.tempnam()\n', 'flags'],

  // B4xx: imports (a name that starts with the module counts too)
  ['B401', 'import telnetlib\n', 'flags'],
  ['B402', 'from ftplib import FTP\n', 'flags'],
  ['B403', 'import pickletools\n', 'flags'],
  ['B404', 'import subprocess as sp\n', 'flags'],
  ['B404', 'import importlib\nimportlib.import_module("subprocess")\n', 'flags'],
  ['B405', 'from xml.etree import ElementTree\n', 'flags'],
  ['B406', 'import xml.sax\n', 'flags'],
  ['B407', 'from xml.dom.expatbuilder import parse\n', 'flags'],
  ['B408', 'import xml.dom.minidom\n', 'flags'],
  ['B409', 'import xml.dom.pulldom\n', 'flags'],
  ['B410', 'import lxml.etree\n', 'flags'],
  ['B411', 'import xmlrpclib\n', 'flags'],
  ['B412', 'from wsgiref.handlers import CGIHandler\n', 'flags'],
  ['B413', 'from Crypto.Cipher import AES\n', 'flags'],
  ['B414', 'from Cryptodome.Cipher import AES\n', 'newer'],
  ['B415', 'import pyghmi.ipmi\n', 'newer'],

  // B5xx
  ['B501', 'import requests\nrequests.get(url,\n             verify=False)\n', 'flags'],
  ['B502', 'import ssl\nssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv2)\n', 'flags'],
  ['B502', 'from OpenSSL import SSL\nSSL.Context(method=SSL.SSLv3_METHOD)\n', 'flags'],
  ['B503', 'import ssl\ndef wrap(v=ssl.PROTOCOL_SSLv2):\n    return v\n', 'flags'],
  ['B504', 'import ssl\nssl.wrap_socket(sock)\n', 'flags'],
  [
    'B505',
    'from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(65537, 1024, backend)\n',
    'flags',
  ],
  ['B505', 'from Crypto.PublicKey import DSA\nDSA.generate(512)\n', 'flags'],
  ['B506', 'import yaml\nyaml.load(s)\n', 'flags'],
  ['B506', 'import json\njson.load(f)\n', 'clean'],
  ['B506', 'import yaml as y\n\nconfig = y.load(text)\n', 'flags'],
  ['B506', 'import yaml\n\nconfig = yaml.safe_load(text)\n', 'clean'],
  ['B506', '"""Settings, written in YAML."""\nimport yaml\n\nyaml.dump(settings)\n', 'clean'],
  [
    'B507',
    'import paramiko\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy)\n',
    'flags',
  ],
  ['B508', 'from pysnmp.hlapi import CommunityData\nCommunityData("public", mpModel=0)\n', 'newer'],
  ['B509', 'from pysnmp.hlapi import UsmUserData\nUsmUserData("user")\n', 'newer'],

  // B6xx
  ['B601', 'import paramiko\nclient.exec_command(cmd)\n', 'flags'],
  ['B602', 'import subprocess as sp\nsp.Popen(cmd,\n         shell=True)\n', 'flags'],
  ['B603', 'import subprocess\nsubprocess.run(["/bin/ls"])\n', 'flags'],
  ['B604', 'run_it(cmd, shell=True)\n', 'flags'],
  ['B605', 'from os import system as run\nrun(cmd)\n', 'flags'],
  ['B605', 'import os\nos.popen(\n    cmd)\n', 'flags'],
  ['B605', 'x = "the operating system"\n# runs on any system\n', 'clean'],
  ['B606', 'import os\nos.execvp("ls", ["ls"])\n', 'flags'],
  ['B607', 'import subprocess\nsubprocess.call(["ls", "-l"])\n', 'flags'],
  ['B608', 'cur.execute("SELECT * FROM t WHERE id = %s" % uid)\n', 'newer'],
  ['B608', 'q = f"SELECT * FROM users WHERE name = \'{name}\'"\n', 'newer'],
  ['B608', 'q = f"SEL{\'\'}ECT a FROM t WHERE b = {b}"\n', 'newer'],
  ['B608', 'q = "DELETE FROM t WHERE a = {}".format(a)\n', 'newer'],
  ['B608', 'q = ("UPD" "ATE t SET a = 1 WHERE b = %s"\n     % b)\n', 'newer'],
  ['B608', 'q = "\\x53ELECT a FROM t WHERE b = " + b\n', 'newer'],
  ['B608', 'q = f"{b:SELECT a FROM t }"\n', 'newer'],
  ['B608', 'def rows():\n    """Select the rows from the table."""\n    return []\n', 'clean'],
  ['B608', 'items.update(other)\n', 'clean'],
  ['B609', 'import os\nos.system("tar cf backup.tar *")\n', 'flags'],
  ['B610', 'User.objects.extra(\n    where=[condition])\n', 'flags'],
  ['B611', 'from django.db.models.expressions import RawSQL\nRawSQL(sql, [])\n', 'flags'],
  ['B612', 'import logging.config\nlogging.config.listen(9999)\n', 'newer'],
  ['B613', 'access = "user"  # \u202e admin\n', 'newer'],
  ['B614', 'import torch\nmodel = torch.load(path)\n', 'newer'],
  ['B615', 'from transformers import AutoModel\nAutoModel.from_pretrained("org/model")\n', 'newer'],

  // B7xx
  ['B701', 'import jinja2\njinja2.Environment(loader=loader)\n', 'flags'],
  ['B702', 'from mako.template import Template\nTemplate(text)\n', 'flags'],
  ['B703', 'from django.utils.safestring import mark_safe\nmark_safe(html)\n', 'flags'],
  ['B704', 'from markupsafe import Markup\nMarkup(user_input)\n', 'newer'],
];

describe('bandit triggers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-bandit-triggers-'));
  const file = (index: number): string => join(dir, `row${String(index).padStart(3, '0')}.py`);
  let found = new Map<string, Set<string>>();

  beforeAll(async () => {
    ROWS.forEach(([, snippet], index) => writeFileSync(file(index), snippet));
    found = await bandit(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(ROWS.map((row, index) => [index, ...row] as const))(
    '#%i %s %j (%s)',
    (index, id, snippet, expected) => {
      const reported = found.get(file(index))?.has(id) ?? false;
      expect(reported).toBe(expected === 'flags');
      expect(banditPrefilter([id])?.(snippet)).toBe(expected !== 'clean');
    },
  );

  it('has a row for every id it describes, each once', () => {
    const ids = BANDIT_TRIGGERS.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    const tested = new Set(ROWS.filter(([, , expected]) => expected !== 'clean').map(([id]) => id));
    expect(ids.filter((id) => !tested.has(id) && !['B203'].includes(id))).toEqual([]);
  });
});

describe('banditPrefilter', () => {
  it.each([[['B999']], [['B602', 'B999']], [['S602']]])('declines %j: an id it does not know', (tests) => {
    expect(banditPrefilter(tests)).toBeUndefined();
  });

  it.each([
    { tests: ['B605'], configured: ['shell_injection'], filters: false },
    { tests: ['B602', 'B604'], configured: ['shell_injection'], filters: true },
    { tests: ['B502'], configured: ['ssl_with_bad_version'], filters: false },
    { tests: ['B101'], configured: ['blacklist_calls'], filters: false },
    { tests: ['B301'], configured: ['hardcoded_tmp_directory'], filters: true },
  ])('with $configured configured, $tests filters: $filters', ({ tests, configured, filters }) => {
    expect(banditPrefilter(tests, configured) !== undefined).toBe(filters);
  });

  it('passes nothing when no test is consulted', () => {
    expect(banditPrefilter([])?.('eval(x)\n')).toBe(false);
  });

  it('passes a file for any of its tests', () => {
    const prefilter = banditPrefilter(['B307', 'B608', 'B105']);
    expect(prefilter?.('eval(x)\n')).toBe(true);
    expect(prefilter?.('password = "x"\n')).toBe(true);
    expect(prefilter?.('import json\njson.dumps(x)\n')).toBe(false);
  });

  it('lets through a file in an encoding it cannot read, not one in UTF-8 or ASCII', () => {
    const prefilter = banditPrefilter(['B307'])!;
    expect(prefilter('# -*- coding: latin-1 -*-\nx = 1\n')).toBe(true);
    expect(prefilter('#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = 1\n')).toBe(true);
    expect(prefilter('# -*- coding: utf-8 -*-\nx = 1\n')).toBe(false);
    expect(prefilter('# coding=ascii\nx = 1\n')).toBe(false);
  });

  // Every row joins one expression: no flags, and no nested repetition (safe-regex2 checks star
  // height; its default cap on the number of repetitions is for user-written patterns).
  it.each(BANDIT_TRIGGERS.map((row) => [row.id, row.words] as const))(
    '%s: a plain, linear expression',
    (_, words) => {
      expect(words.flags).toBe('');
      expect(safeRegex(words, { limit: Infinity })).toBe(true);
    },
  );

  it('stays fast on text built to make expressions backtrack', () => {
    const prefilter = banditPrefilter(BANDIT_TRIGGERS.map((row) => row.id))!;
    const texts = [
      `x${' '.repeat(100_000)}`,
      `password${' )\\'.repeat(30_000)}`,
      `'a'${'#\n'.repeat(30_000)}`,
      `${'_pass'.repeat(30_000)}`,
      `${"#'".repeat(50_000)}`,
      `${'system#'.repeat(20_000)}`,
      `f"${'{'.repeat(10_000)}`,
      `${'"""'.repeat(10_000)}`,
    ];
    const started = performance.now();
    for (const text of texts) prefilter(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('splitPython', () => {
  it.each([
    { text: 'x = "a" + \'b\'  # "c"\n', code: 'x = \ue000 + \ue000   \n', values: ['a', 'b'] },
    {
      text: 's = rb"x\\"y" if"z" else u"w"\n',
      code: 's = \ue000 if\ue000 else \ue000\n',
      values: ['x\\"y', 'z', 'w'],
    },
    {
      text: 'q = ("SEL"\n     "ECT" f"{a}!{{x}}")\n',
      code: 'q = (\ue000\n     \ue000 \ue001)\n',
      values: ['SELECT!{x}'],
    },
    {
      text: 'd = """it\'s "quoted" # not a comment"""\n',
      code: 'd = \ue000\n',
      values: ['it\'s "quoted" # not a comment'],
    },
    { text: 'f"{x:{width}}"', code: '\ue001', values: [''] },
  ])('$text', ({ text, code, values }) => {
    const split = splitPython(text);
    expect(split?.code).toBe(code);
    expect(split?.strings.map((s) => s.value)).toEqual(values);
  });

  it.each([
    { text: 'x = a + "SELECT" % b', operand: true, key: false },
    { text: 'x = ("SELECT {}"\n     ).format(b)', operand: true, key: false },
    { text: 'x = f"{a}"', operand: true, key: false },
    { text: 'x = "SELECT"\n', operand: false, key: false },
    { text: 'd["password"] = 1', operand: false, key: true },
    { text: '{"password": 1}', operand: false, key: true },
  ])('$text: operand $operand, key $key', ({ text, operand, key }) => {
    expect(splitPython(text)?.strings[0]).toMatchObject({ operand, key });
  });

  it.each([['x = "open\n'], ['x = """never closed'], ['f"{"a"}"'], ['f"}"']])(
    'gives up on %j (the prefilter then lets the file through)',
    (text) => {
      expect(splitPython(text)).toBeUndefined();
      expect(banditPrefilter(['B608'])?.(`q = "SELECT a FROM t" \n${text}`)).toBe(true);
    },
  );
});

// The project's own Python: every finding bandit reports there, the prefilter lets through.
describe('bandit findings in examples/ and test/fixtures/', () => {
  const pythonFiles = (dir: string): string[] =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.py'))
      .map((name) => resolve(root, dir, name));
  const files = [...pythonFiles('examples'), ...pythonFiles('test/fixtures')];
  let found = new Map<string, Set<string>>();

  beforeAll(async () => {
    found = await bandit(join(root, 'examples'), join(root, 'test/fixtures'));
  });

  it('finds something to check', () => {
    expect(files.length).toBeGreaterThan(0);
    expect([...found.keys()].filter((file) => files.includes(file)).length).toBeGreaterThan(0);
  });

  it('lets through every file for every id bandit reports there', () => {
    const missed: string[] = [];
    for (const [file, ids] of found) {
      const text = readFileSync(file, 'utf8');
      for (const id of ids) {
        const prefilter = banditPrefilter([id]);
        if (prefilter !== undefined && !prefilter(text)) missed.push(`${id} ${file}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
