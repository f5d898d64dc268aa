import { describe, expect, it } from 'vitest';
import { mayMatch } from '../../../src/analysis/python/prefilter.js';

// The matching examples of every rule go through mayMatch in rules.test.ts; these are files
// the prefilter must keep away from the parser, and a few it must let through.
describe('mayMatch', () => {
  it.each([
    ['import json\n\ndef dump(v):\n    return json.dumps(v)\n'],
    ['"""Runs on any operating system; the text is raw."""\nx = 1\n'],
    ['# we used to eval things here\nvalue = int(s)\n'],
    ['class Node:\n    def __init__(self, text):\n        self.text_value = text\n'],
    ['try:\n    f()\nexcept ValueError as err:\n    handle(err)\n'],
    ['logger.info("starting")\n'],
    ['DEBUG = False\n'],
    // Prose about pickling and a WSGI environ argument need no parse.
    ['# Objects here can be pickled; see the pickle protocol.\ndef __reduce__(self):\n    return (C, ())\n'],
    ['def middleware(environ):\n    path = environ.get("PATH_INFO")\n'],
  ])('keeps %j away from the parser', (text) => {
    expect(mayMatch(text)).toBe(false);
  });

  it.each([
    ['os.system(cmd)'],
    ['from os import (\n    system as run,\n)'],
    ['import random as r\nr.choice(x)'],
    ['app.run(\n    debug=True)'],
    ['try:\n    f()\nexcept Exception as err:\n    return {"e": f"{err}"}'],
    ['logger.info("%s", api_key)'],
    ['import pickle as p\np.loads(data)'],
    ['data = cPickle.loads(blob)'],
    ['u = Unpickler(f)'],
    ['import os as _os\nterm = _os.environ.get("TERM")'],
    ['from os import environ as env_vars\nenv_vars["X"]'],
    ['import environ\nenv = environ.Env()'],
    // A bare WSGI or ASGI callable is a web surface (py-web-entry).
    ['def app(environ, start_response):\n    path = environ.get("PATH_INFO")\n'],
    ['async def app(scope, receive, send):\n    pass'],
    ['import bottle\nbottle.debug(True)'],
    ['settings = {"debug": True}'],
  ])('lets %j through', (text) => {
    expect(mayMatch(text)).toBe(true);
  });
});
