import type { FrameworkModel } from './types.js';

/** aiohttp's web server, with aiohttp_jinja2 and aiohttp_session. */
export const aiohttp: FrameworkModel = {
  id: 'aiohttp',
  name: 'aiohttp',
  packages: ['aiohttp'],
  imports: ['aiohttp.web', 'aiohttp_jinja2', 'aiohttp_session'],
  requests: {
    objects: [],
    parameters: ['request', 'req'],
    attributes: [
      'query',
      'match_info',
      'post',
      'json',
      'text',
      'read',
      'content',
      'headers',
      'cookies',
      'rel_url',
      'url',
      'path_qs',
      'query_string',
      'multipart',
    ],
    handlerBases: ['aiohttp.web.View'],
    selfMembers: ['request'],
  },
  debug: { calls: ['Application'], keyword: 'debug', settings: [], switchCalls: [] },
  templates: [
    // aiohttp_jinja2.setup() sets autoescape=True unless the call says otherwise (1.x).
    { call: 'aiohttp_jinja2.setup', engine: 'jinja2', keyword: 'autoescape', escapesByDefault: true },
  ],
  csrf: {
    builtIn: false,
    mechanisms: [{ name: 'aiohttp-csrf', imports: ['aiohttp_csrf'], packages: ['aiohttp-csrf'] }],
    exemptions: ['csrf_exempt'],
  },
  // The key of cookie-based session storages; Redis/Memcached storages keep sessions server-side.
  secretKey: ['secret_key'],
  headers: [{ name: 'secure', imports: ['secure'], packages: ['secure'] }],
  rateLimits: [
    { name: 'aiohttp-ratelimiter', imports: ['aiohttp_ratelimiter'], packages: ['aiohttp-ratelimiter'] },
  ],
};
