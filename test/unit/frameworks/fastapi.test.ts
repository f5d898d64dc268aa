import { describeModel } from './rows.js';

describeModel('fastapi', {
  imports: [
    ['fastapi', true],
    ['starlette.applications', true],
    ['fastapi_users', false],
  ],
  packages: [
    ['fastapi', true],
    ['starlette', true],
    ['fastapi-users', false],
  ],
  code: [
    ['py-debug-true', 'from fastapi import FastAPI\napp = FastAPI(debug=True)', [2]],
    ['py-debug-true', 'from starlette.applications import Starlette\napp = Starlette(debug=True)', [2]],
    ['py-debug-true', 'from fastapi import FastAPI\napp = FastAPI()', []],
    [
      'py-jinja-autoescape-off',
      'from fastapi.templating import Jinja2Templates\nt = Jinja2Templates(directory="t", autoescape=False)',
      [2],
    ],
    [
      'py-jinja-autoescape-off',
      'from starlette.templating import Jinja2Templates\nt = Jinja2Templates(directory="t")',
      [],
    ],
  ],
});
