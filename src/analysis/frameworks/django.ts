import type { FrameworkModel } from './types.js';

/** Django (and Django REST framework, which reads the same request object). */
export const django: FrameworkModel = {
  id: 'django',
  name: 'Django',
  packages: ['django', 'djangorestframework'],
  imports: ['django', 'rest_framework'],
  requests: {
    objects: [],
    parameters: ['request'],
    attributes: [
      'GET',
      'POST',
      'body',
      'COOKIES',
      'FILES',
      'META',
      'headers',
      'data',
      'query_params',
      'path',
      'get_full_path',
    ],
    handlerBases: ['django.views.View', 'django.views.generic.View', 'rest_framework.views.APIView'],
    selfMembers: ['request'],
  },
  debug: { calls: [], keyword: 'debug', settings: ['DEBUG', 'TEMPLATE_DEBUG'], switchCalls: [] },
  templates: [
    // Django's own engine escapes unless `{% autoescape off %}`/`autoescape: False` in OPTIONS;
    // its Jinja2 backend sets autoescape=True unless OPTIONS say otherwise.
    { call: 'django.shortcuts.render', engine: 'django', keyword: 'autoescape', escapesByDefault: true },
    { call: 'django.template.Template', engine: 'django', keyword: 'autoescape', escapesByDefault: true },
    {
      call: 'django.template.backends.jinja2.Jinja2',
      engine: 'jinja2',
      keyword: 'autoescape',
      escapesByDefault: true,
    },
  ],
  csrf: {
    builtIn: true,
    mechanisms: [
      { name: 'Django CsrfViewMiddleware', settings: ['django.middleware.csrf.CsrfViewMiddleware'] },
    ],
    exemptions: ['csrf_exempt'],
  },
  secretKey: ['SECRET_KEY'],
  headers: [
    // nosniff and frame options are Django's defaults; what a project adds is HSTS and a CSP.
    { name: 'Django HSTS (SECURE_HSTS_SECONDS)', settings: ['SECURE_HSTS_SECONDS'] },
    {
      name: 'django-csp',
      imports: ['csp'],
      packages: ['django-csp'],
      settings: ['csp.middleware.CSPMiddleware'],
    },
    {
      name: "Django's Content-Security-Policy middleware",
      settings: ['django.middleware.csp.ContentSecurityPolicyMiddleware'],
    },
  ],
  rateLimits: [
    { name: 'django-ratelimit', imports: ['django_ratelimit', 'ratelimit'], packages: ['django-ratelimit'] },
    {
      name: 'DRF throttling',
      imports: ['rest_framework.throttling'],
      settings: ['DEFAULT_THROTTLE_CLASSES'],
    },
    { name: 'django-axes (login lockout)', imports: ['axes'], packages: ['django-axes'] },
  ],
};
