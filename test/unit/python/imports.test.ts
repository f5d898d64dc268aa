import { describe, expect, it } from 'vitest';
import { importsFromText } from '../../../src/analysis/python/imports.js';
import { analyseSource } from './analyse.js';

/** [source, the import findings as line:column:rule] */
const cases: [string, string[]][] = [
  ['import os', ['1:1:import:os']],
  ['import os.path as p, sys', ['1:1:import:os.path', '1:1:import:sys']],
  ['from werkzeug.utils import secure_filename', ['1:1:import:werkzeug.utils']],
  ['from . import views\nfrom ..models import User', ['1:1:import:.', '2:1:import:..models']],
  ['from flask import (\n    Flask,\n    request,\n)', ['1:1:import:flask']],
  ['def f():\n    import bcrypt\n    return bcrypt', ['2:5:import:bcrypt']],
  ['import os, \\\n    json', ['1:1:import:os', '1:1:import:json']],
  ['x = 1; import re', ['1:8:import:re']],
  ['if not re: import re', ['1:12:import:re']],
  ['from __future__ import annotations\nimport typing', ['2:1:import:typing']],
  ['"""Usage:\n\nimport fake\n"""\nimport real', ['5:1:import:real']],
  ["x = '''\nfrom fake import y\n'''\nfrom real import z", ['4:1:import:real']],
  ['# import commented\nimport real', ['2:1:import:real']],
  ['s = "import fake"\nimport real', ['2:1:import:real']],
  ["s = r'\"a\\\nimport fake\\\nb'\nimport real", ['4:1:import:real']],
  ['x = foo(\n    a)\nimport real', ['3:1:import:real']],
  [
    'try:\n    import ujson as json\nexcept ImportError:\n    import json',
    ['2:5:import:ujson', '4:5:import:json'],
  ],
  ['import os\r\nimport sys\r\n', ['1:1:import:os', '2:1:import:sys']],
];

describe('imports', () => {
  it.each(cases)('read from the text of %j', (source, expected) => {
    expect(
      importsFromText(source, 'a.py')
        .map((f) => `${f.line}:${f.column}:${f.rule}`)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it.each(cases)('read from the tree of %j, the same', async (source, expected) => {
    const found = (await analyseSource(source)).filter((f) => f.rule.startsWith('import:'));
    expect(found.map((f) => `${f.line}:${f.column}:${f.rule}`).sort()).toEqual([...expected].sort());
  });

  it('records the module, the line and a snippet', () => {
    expect(importsFromText('\n\nfrom jwt import decode  # PyJWT', 'app/auth.py')).toEqual([
      {
        rule: 'import:jwt',
        message: 'imports jwt',
        file: 'app/auth.py',
        line: 3,
        column: 1,
        snippet: 'from jwt import decode  # PyJWT',
      },
    ]);
  });
});
