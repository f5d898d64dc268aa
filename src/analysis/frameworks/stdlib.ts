import type { FrameworkModel } from './types.js';

/**
 * The standard library's servers: http.server handlers, wsgiref, and any bare WSGI callable
 * (`def application(environ, start_response)`). No templates, CSRF, headers or limits of its
 * own: whatever the application does, it writes itself.
 */
export const stdlib: FrameworkModel = {
  id: 'stdlib',
  name: 'standard library (http.server, wsgiref, WSGI)',
  packages: [],
  imports: ['http.server', 'wsgiref.simple_server', 'BaseHTTPServer', 'SimpleHTTPServer', 'CGIHTTPServer'],
  requests: {
    objects: [],
    parameters: ['environ'],
    attributes: [],
    handlerBases: [
      'http.server.BaseHTTPRequestHandler',
      'http.server.SimpleHTTPRequestHandler',
      'BaseHTTPServer.BaseHTTPRequestHandler',
      'socketserver.StreamRequestHandler',
    ],
    selfMembers: ['path', 'headers', 'rfile', 'requestline', 'command'],
  },
  debug: { calls: [], keyword: 'debug', settings: [], switchCalls: [] },
  templates: [],
  csrf: { builtIn: false, mechanisms: [], exemptions: [] },
  secretKey: [],
  headers: [],
  rateLimits: [],
};
