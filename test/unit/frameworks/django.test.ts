import { describeModel } from './rows.js';

describeModel('django', {
  imports: [
    ['django', true],
    ['django.http', true],
    ['rest_framework.views', true],
    ['djangorestframework', false],
    ['django_extensions_helper', false],
  ],
  packages: [
    ['django', true],
    ['djangorestframework', true],
    ['django-environ', false],
  ],
  code: [
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-sql-format',
      'from django.db import connection\ndef search(request):\n    q = request.GET.get("q")\n    with connection.cursor() as c:\n        c.execute("SELECT * FROM app_item WHERE name LIKE \'%%" + q + "%%\'")',
      [5],
    ],
    [
      'py-html-response-request',
      'from django.views import View\nfrom django.http import HttpResponse\nclass Hello(View):\n    def get(self, request):\n        return HttpResponse("<p>" + self.request.GET["who"] + "</p>")',
      [5],
    ],
    [
      'py-html-response-request',
      'from django.http import HttpResponse\ndef hello(request):\n    return HttpResponse("<p>" + request.user.username + "</p>")',
      [],
    ],
    ['py-debug-true', 'DEBUG = True', [1]],
    ['py-debug-true', 'DEBUG = env.bool("DEBUG", default=False)', []],
    [
      'py-csrf-exempt',
      'from django.views.decorators.csrf import csrf_exempt\n@csrf_exempt\ndef hook(request):\n    pass',
      [2],
    ],
    ['py-jinja-autoescape-off', 'TEMPLATES = [{"OPTIONS": {"autoescape": False}}]', [1]],
    ['py-jinja-autoescape-off', 'TEMPLATES = [{"OPTIONS": {"context_processors": []}}]', []],
    ['py-secret-key-literal', 'SECRET_KEY = "django-insecure-abc123"', [1]],
  ],
});
