import type { FrameworkModel } from './types.js';

/** Sanic. */
export const sanic: FrameworkModel = {
  id: 'sanic',
  name: 'Sanic',
  packages: ['sanic'],
  imports: ['sanic'],
  requests: {
    objects: [],
    parameters: ['request'],
    attributes: [
      'args',
      'form',
      'json',
      'body',
      'files',
      'cookies',
      'headers',
      'query_string',
      'match_info',
      'raw_args',
      'url',
    ],
    handlerBases: ['sanic.views.HTTPMethodView'],
    selfMembers: [],
    routes: ['route', 'get', 'post', 'put', 'patch', 'delete', 'websocket'],
  },
  // app.run(debug=True) or dev=True (debug plus auto-reload).
  debug: { calls: ['run', 'Sanic'], keyword: 'debug', settings: ['DEBUG'], switchCalls: [] },
  templates: [],
  csrf: { builtIn: false, mechanisms: [], exemptions: [] },
  secretKey: ['SECRET'],
  headers: [],
  rateLimits: [],
};
