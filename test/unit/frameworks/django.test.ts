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
