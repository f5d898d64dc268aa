import { describeModel } from './rows.js';

describeModel('pyramid', {
  imports: [
    ['pyramid.config', true],
    ['pyramid', true],
    ['pyramid_jinja2', false],
  ],
  packages: [['pyramid', true]],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-html-response-request',
      'from pyramid.view import view_config\nfrom pyramid.response import Response\n@view_config(route_name="hi")\ndef hi(request):\n    return Response("<h1>" + request.matchdict["name"] + "</h1>")',
      [5],
    ],
    [
      'py-html-response-request',
      'from pyramid.view import view_config\nfrom pyramid.response import Response\n@view_config(route_name="hi")\ndef hi(request):\n    return Response("<h1>" + request.route_url("home") + "</h1>")',
      [],
    ],
    ['py-secret-key-literal', 'SECRET_KEY = "itsaseekreet"', [1]],
    ['py-debug-true', 'config = Configurator(settings=settings)', []],
  ],
});
