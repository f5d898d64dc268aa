import type { FrameworkModel } from './types.js';

/** Flask (and the Werkzeug debugger it runs). */
export const flask: FrameworkModel = {
  id: 'flask',
  name: 'Flask',
  packages: ['flask'],
  imports: ['flask'],
  requests: {
    objects: ['flask.request'],
    parameters: [],
    attributes: [],
    handlerBases: ['flask.views.View', 'flask.views.MethodView'],
    selfMembers: [],
    routes: ['route', 'get', 'post', 'put', 'patch', 'delete'],
  },
  debug: { calls: ['run'], keyword: 'debug', settings: ['DEBUG', 'debug'], switchCalls: [] },
  templates: [
    // Flask's environment escapes templates ending in .html, .htm, .xml, .xhtml (and .svg from
    // 2.3) and every string given to render_template_string.
    { call: 'flask.render_template', engine: 'jinja2', keyword: 'autoescape', escapesByDefault: true },
    { call: 'flask.render_template_string', engine: 'jinja2', keyword: 'autoescape', escapesByDefault: true },
  ],
  csrf: {
    builtIn: false,
    mechanisms: [
      { name: 'Flask-WTF CSRFProtect', imports: ['flask_wtf.csrf', 'flask_wtf'], packages: ['flask-wtf'] },
      { name: 'Flask-SeaSurf', imports: ['flask_seasurf'], packages: ['flask-seasurf'] },
    ],
    exemptions: ['csrf.exempt', 'WTF_CSRF_ENABLED', 'WTF_CSRF_CHECK_DEFAULT'],
  },
  secretKey: ['SECRET_KEY', 'secret_key'],
  headers: [
    { name: 'Flask-Talisman', imports: ['flask_talisman'], packages: ['flask-talisman'] },
    { name: 'secure', imports: ['secure'], packages: ['secure'] },
  ],
  rateLimits: [{ name: 'Flask-Limiter', imports: ['flask_limiter'], packages: ['flask-limiter'] }],
};
