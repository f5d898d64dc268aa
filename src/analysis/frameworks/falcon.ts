import type { FrameworkModel } from './types.js';

/** Falcon (resources with on_get/on_post responders). */
export const falcon: FrameworkModel = {
  id: 'falcon',
  name: 'Falcon',
  packages: ['falcon'],
  imports: ['falcon'],
  requests: {
    objects: [],
    parameters: ['req'],
    attributes: [
      'params',
      'get_param',
      'get_param_as_int',
      'media',
      'get_media',
      'stream',
      'bounded_stream',
      'get_header',
      'headers',
      'cookies',
      'path',
      'query_string',
      'relative_uri',
    ],
    handlerBases: [],
    selfMembers: [],
  },
  // Falcon has no debug mode of its own.
  debug: { calls: [], keyword: 'debug', settings: [], switchCalls: [] },
  templates: [],
  csrf: { builtIn: false, mechanisms: [], exemptions: [] },
  secretKey: [],
  headers: [],
  rateLimits: [{ name: 'falcon-limiter', imports: ['falcon_limiter'], packages: ['falcon-limiter'] }],
};
