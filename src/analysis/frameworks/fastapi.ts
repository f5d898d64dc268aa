import type { FrameworkModel } from './types.js';

/** FastAPI and the Starlette toolkit it is built on. */
export const fastapi: FrameworkModel = {
  id: 'fastapi',
  name: 'FastAPI/Starlette',
  packages: ['fastapi', 'starlette'],
  imports: ['fastapi', 'starlette'],
  requests: {
    objects: [],
    // Route parameters (query, path, body models) are request data too; a Request parameter
    // carries the rest.
    parameters: ['request', 'req'],
    attributes: [
      'query_params',
      'path_params',
      'headers',
      'cookies',
      'body',
      'json',
      'form',
      'url',
      'stream',
    ],
    handlerBases: ['starlette.endpoints.HTTPEndpoint'],
    selfMembers: [],
    routes: ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'api_route', 'websocket'],
  },
  debug: { calls: ['FastAPI', 'Starlette'], keyword: 'debug', settings: [], switchCalls: [] },
  templates: [
    // Jinja2Templates builds its Environment with autoescape=True unless told otherwise.
    {
      call: 'starlette.templating.Jinja2Templates',
      engine: 'jinja2',
      keyword: 'autoescape',
      escapesByDefault: true,
    },
    {
      call: 'fastapi.templating.Jinja2Templates',
      engine: 'jinja2',
      keyword: 'autoescape',
      escapesByDefault: true,
    },
  ],
  csrf: {
    builtIn: false,
    mechanisms: [
      { name: 'starlette-csrf', imports: ['starlette_csrf'], packages: ['starlette-csrf'] },
      { name: 'fastapi-csrf-protect', imports: ['fastapi_csrf_protect'], packages: ['fastapi-csrf-protect'] },
      { name: 'asgi-csrf', imports: ['asgi_csrf'], packages: ['asgi-csrf'] },
    ],
    exemptions: [],
  },
  secretKey: ['secret_key'],
  headers: [{ name: 'secure', imports: ['secure'], packages: ['secure'] }],
  rateLimits: [
    { name: 'slowapi', imports: ['slowapi'], packages: ['slowapi'] },
    { name: 'fastapi-limiter', imports: ['fastapi_limiter'], packages: ['fastapi-limiter'] },
  ],
};
