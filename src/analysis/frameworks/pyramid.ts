import type { FrameworkModel } from './types.js';

/** Pyramid. */
export const pyramid: FrameworkModel = {
  id: 'pyramid',
  name: 'Pyramid',
  packages: ['pyramid'],
  imports: ['pyramid'],
  requests: {
    objects: [],
    parameters: ['request'],
    attributes: [
      'params',
      'GET',
      'POST',
      'matchdict',
      'json_body',
      'body',
      'cookies',
      'headers',
      'text',
      'path_qs',
      'url',
    ],
    handlerBases: [],
    selfMembers: ['request'],
  },
  debug: {
    calls: [],
    keyword: 'debug',
    settings: ['pyramid.debug_all', 'debug_all', 'pyramid.debug_templates'],
    switchCalls: [],
  },
  templates: [
    { call: 'pyramid.renderers.render', engine: 'chameleon', keyword: 'autoescape', escapesByDefault: true },
    { call: 'pyramid_jinja2', engine: 'jinja2', keyword: 'jinja2.autoescape', escapesByDefault: true },
  ],
  csrf: {
    builtIn: false,
    mechanisms: [
      { name: 'Pyramid CSRF options (require_csrf)', settings: ['set_default_csrf_options', 'require_csrf'] },
    ],
    exemptions: ['require_csrf'],
  },
  secretKey: ['secret'],
  headers: [],
  rateLimits: [],
};
