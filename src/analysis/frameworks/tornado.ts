import type { FrameworkModel } from './types.js';

/** Tornado's web framework. */
export const tornado: FrameworkModel = {
  id: 'tornado',
  name: 'Tornado',
  packages: ['tornado'],
  imports: ['tornado.web'],
  requests: {
    objects: [],
    parameters: [],
    attributes: [],
    handlerBases: ['tornado.web.RequestHandler'],
    selfMembers: [
      'get_argument',
      'get_arguments',
      'get_query_argument',
      'get_query_arguments',
      'get_body_argument',
      'get_body_arguments',
      'get_cookie',
      'get_secure_cookie',
      'request',
      'path_args',
      'path_kwargs',
    ],
  },
  // Application(debug=True) turns on autoreload, serve_traceback and template reloading.
  debug: {
    calls: ['Application'],
    keyword: 'debug',
    settings: ['debug', 'serve_traceback'],
    switchCalls: [],
  },
  templates: [
    // Tornado templates escape {{ }} with xhtml_escape unless autoescape=None is set.
    { call: 'tornado.template.Loader', engine: 'tornado', keyword: 'autoescape', escapesByDefault: true },
    { call: 'tornado.template.Template', engine: 'tornado', keyword: 'autoescape', escapesByDefault: true },
  ],
  csrf: {
    builtIn: false,
    mechanisms: [{ name: 'Tornado xsrf_cookies', settings: ['xsrf_cookies'] }],
    exemptions: ['check_xsrf_cookie'],
  },
  secretKey: ['cookie_secret'],
  headers: [],
  rateLimits: [],
};
