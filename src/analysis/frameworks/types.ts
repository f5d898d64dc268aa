/**
 * What vouch knows about one Python web framework, as data. Rules and probes consult these
 * models instead of naming frameworks themselves: adding a framework is adding one module
 * beside this file (and its row in `index.ts`), with its table test.
 *
 * Names are dotted names as the analyser resolves them through the file's imports
 * (`from flask import request` makes `request.args` resolve to `flask.request.args`).
 */

/** Where request data (untrusted input) enters a handler. */
export interface RequestSources {
  /** Module-level objects whose attributes and calls are request data (`flask.request`). */
  objects: readonly string[];
  /**
   * Handler parameter names that hold the request by convention (`request`, `req`), with the
   * attributes of it that carry client data. An empty list means every attribute does.
   */
  parameters: readonly string[];
  attributes: readonly string[];
  /** Base classes of class-based handlers (`tornado.web.RequestHandler`). */
  handlerBases: readonly string[];
  /** Methods and attributes of `self` in such a class that return request data (`get_argument`, `path`). */
  selfMembers: readonly string[];
  /**
   * Decorators (last part of the called name, `route` in `@app.route("/u/<name>")`) that make a
   * function a route whose parameters are request data: URL parts, query values, body models.
   */
  routes?: readonly string[];
}

/** A call or keyword that switches the framework's debug mode (tracebacks, debugger) on. */
export interface DebugSwitch {
  /** Called names (last part) whose `keyword=True` turns debug on: `Application(debug=True)`. */
  calls: readonly string[];
  keyword: string;
  /** Settings (module-level names or config keys) whose `True` turns debug on. */
  settings: readonly string[];
  /** Calls that switch debug on by themselves: `bottle.debug(True)`. */
  switchCalls: readonly string[];
}

/** A helper that builds the template engine for the framework, and whether it escapes. */
export interface TemplateSetup {
  /** Dotted name of the helper or class (`aiohttp_jinja2.setup`, `starlette.templating.Jinja2Templates`). */
  call: string;
  engine: 'jinja2' | 'mako' | 'django' | 'chameleon' | 'tornado' | 'simpletemplate';
  /** The keyword that sets escaping, and what happens when it is left out. */
  keyword: string;
  escapesByDefault: boolean;
}

/** A named protection mechanism: found by import, by a setting, or by a middleware name. */
export interface Mechanism {
  /** Human name shown as evidence. */
  name: string;
  /** Modules whose import is the mechanism. */
  imports?: readonly string[];
  /** Distribution names (PEP 503) whose declaration is evidence of it. */
  packages?: readonly string[];
  /** Middleware or setting strings whose presence in settings turns it on. */
  settings?: readonly string[];
}

export interface FrameworkModel {
  id: string;
  name: string;
  /** How it is recognised: distributions declared, top-level modules imported. */
  packages: readonly string[];
  imports: readonly string[];
  requests: RequestSources;
  debug: DebugSwitch;
  templates: readonly TemplateSetup[];
  csrf: {
    /** True when the framework protects against CSRF by itself (Django's middleware by default). */
    builtIn: boolean;
    mechanisms: readonly Mechanism[];
    /** Decorators, calls or settings that switch it off. */
    exemptions: readonly string[];
  };
  /** Settings or keywords that hold the key sessions/cookies are signed with; empty when none. */
  secretKey: readonly string[];
  headers: readonly Mechanism[];
  rateLimits: readonly Mechanism[];
}
