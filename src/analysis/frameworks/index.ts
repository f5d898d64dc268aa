/** Every framework vouch models. Adding one: its module beside this file, a row here, its table test. */
import { aiohttp } from './aiohttp.js';
import { bottle } from './bottle.js';
import { django } from './django.js';
import { falcon } from './falcon.js';
import { fastapi } from './fastapi.js';
import { flask } from './flask.js';
import { pyramid } from './pyramid.js';
import { quart } from './quart.js';
import { sanic } from './sanic.js';
import { stdlib } from './stdlib.js';
import { tornado } from './tornado.js';
import type { FrameworkModel } from './types.js';

export type { FrameworkModel, Mechanism, RequestSources, TemplateSetup, DebugSwitch } from './types.js';

/** Sorted by id (a test keeps it so). */
export const FRAMEWORKS: readonly FrameworkModel[] = [
  aiohttp,
  bottle,
  django,
  falcon,
  fastapi,
  flask,
  pyramid,
  quart,
  sanic,
  stdlib,
  tornado,
];

/** True when `module` is `prefix` or a submodule of it. */
function within(module: string, prefix: string): boolean {
  return module === prefix || module.startsWith(`${prefix}.`);
}

/** The framework an imported module belongs to (`aiohttp.web` → aiohttp), if vouch models it. */
export function frameworkOfImport(module: string): FrameworkModel | undefined {
  return FRAMEWORKS.find((f) => f.imports.some((prefix) => within(module, prefix)));
}

/** The framework a declared distribution (PEP 503 name) belongs to, if vouch models it. */
export function frameworkOfPackage(name: string): FrameworkModel | undefined {
  return FRAMEWORKS.find((f) => f.packages.includes(name));
}

/**
 * Web frameworks vouch recognises but does not model: their presence is a web surface whose
 * mechanisms vouch cannot see, so the web items say `review` rather than pass.
 */
export const UNMODELLED_WEB: readonly {
  name: string;
  imports: readonly string[];
  packages: readonly string[];
}[] = [
  { name: 'CherryPy', imports: ['cherrypy'], packages: ['cherrypy'] },
  { name: 'web.py', imports: ['web'], packages: ['web-py'] },
  { name: 'Litestar', imports: ['litestar'], packages: ['litestar'] },
  { name: 'Twisted Web', imports: ['twisted.web'], packages: ['twisted'] },
  { name: 'Masonite', imports: ['masonite'], packages: ['masonite'] },
  { name: 'Robyn', imports: ['robyn'], packages: ['robyn'] },
  { name: 'Connexion', imports: ['connexion'], packages: ['connexion'] },
  { name: 'Hug', imports: ['hug'], packages: ['hug'] },
  { name: 'Responder', imports: ['responder'], packages: ['responder'] },
  { name: 'Emmett', imports: ['emmett'], packages: ['emmett'] },
  { name: 'BlackSheep', imports: ['blacksheep'], packages: ['blacksheep'] },
  { name: 'Django Ninja', imports: ['ninja'], packages: ['django-ninja'] },
];

/** Every request-handler base class any model names (dotted), for the analyser. */
export const HANDLER_BASES: ReadonlySet<string> = new Set(FRAMEWORKS.flatMap((f) => f.requests.handlerBases));
