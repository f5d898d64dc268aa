import { describe, expect, it } from 'vitest';
import { boundNames, wiringOf } from '../../../src/probes/wiring.js';

describe('boundNames', () => {
  it.each([
    ['from flask_wtf.csrf import CSRFProtect', ['CSRFProtect']],
    ['from flask_limiter import Limiter as L, util', ['L', 'util']],
    ['import flask_talisman', ['flask_talisman']],
    ['import slowapi.util as su', ['su']],
    [
      'from flask_wtf.csrf import (\n    CSRFProtect,  # the extension\n    generate_csrf,\n)',
      ['CSRFProtect', 'generate_csrf'],
    ],
    ['from x import *', []],
  ])('%j binds %j', (statement, names) => {
    expect(boundNames(statement)).toEqual(names);
  });
});

/** [file text, line of the import, wired] */
const rows: [text: string, line: number, wired: boolean][] = [
  ['from flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)\nCSRFProtect(app)', 1, true],
  [
    'from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect()\ndef create_app():\n    csrf.init_app(app)',
    1,
    true,
  ],
  ['from flask_limiter import Limiter\nlimiter = Limiter(get_remote_address, app=app)', 1, true],
  ['from flask_talisman import Talisman\ndef make(app):\n    Talisman(app, force_https=True)', 1, true],
  ['import flask_talisman\nflask_talisman.Talisman(app)', 1, true],
  ['from flask_wtf.csrf import (\n    CSRFProtect,\n)\nCSRFProtect(app)', 1, true],
  ['from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect()\nsetup(app, csrf)', 1, true],
  // Imported and never used, or built without the application.
  ['from flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)', 1, false],
  [
    'from flask_wtf.csrf import CSRFProtect\n# CSRFProtect(app)  disabled for the demo\napp = Flask(__name__)',
    1,
    false,
  ],
  [
    'from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect()\n@csrf.exempt\ndef hook():\n    pass',
    1,
    false,
  ],
  ['from flask_talisman import Talisman\ntalisman = Talisman()', 1, false],
];

describe('wiringOf', () => {
  it.each(rows)('%j (import on line %i) → wired %s', (text, line, wired) => {
    expect(wiringOf(text, line).wired).toBe(wired);
  });
});
