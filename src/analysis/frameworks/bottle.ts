import type { FrameworkModel } from './types.js';

/** Bottle. */
export const bottle: FrameworkModel = {
  id: 'bottle',
  name: 'Bottle',
  packages: ['bottle'],
  imports: ['bottle'],
  requests: {
    objects: ['bottle.request'],
    parameters: [],
    attributes: [],
    handlerBases: [],
    selfMembers: [],
    routes: ['route', 'get', 'post', 'put', 'patch', 'delete'],
  },
  debug: { calls: ['run'], keyword: 'debug', settings: [], switchCalls: ['bottle.debug'] },
  templates: [
    // SimpleTemplate escapes {{x}}; {{!x}} prints raw.
    { call: 'bottle.template', engine: 'simpletemplate', keyword: 'noescape', escapesByDefault: true },
  ],
  csrf: { builtIn: false, mechanisms: [], exemptions: [] },
  secretKey: ['secret'],
  headers: [],
  rateLimits: [],
};
