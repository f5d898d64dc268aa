import type { FrameworkModel } from './types.js';

/** Quart: Flask's API on asyncio. */
export const quart: FrameworkModel = {
  id: 'quart',
  name: 'Quart',
  packages: ['quart'],
  imports: ['quart'],
  requests: {
    objects: ['quart.request'],
    parameters: [],
    attributes: [],
    handlerBases: [],
    selfMembers: [],
    routes: ['route', 'get', 'post', 'put', 'patch', 'delete', 'websocket'],
  },
  debug: { calls: ['run'], keyword: 'debug', settings: ['DEBUG', 'debug'], switchCalls: [] },
  templates: [
    { call: 'quart.render_template', engine: 'jinja2', keyword: 'autoescape', escapesByDefault: true },
    { call: 'quart.render_template_string', engine: 'jinja2', keyword: 'autoescape', escapesByDefault: true },
  ],
  csrf: {
    builtIn: false,
    mechanisms: [{ name: 'Quart-WTF CSRFProtect', imports: ['quart_wtf'], packages: ['quart-wtf'] }],
    exemptions: ['csrf.exempt', 'WTF_CSRF_ENABLED'],
  },
  secretKey: ['SECRET_KEY', 'secret_key'],
  headers: [],
  rateLimits: [
    { name: 'Quart-Rate-Limiter', imports: ['quart_rate_limiter'], packages: ['quart-rate-limiter'] },
  ],
};
