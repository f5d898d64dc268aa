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
    // Request data, as the model names it, followed to a sink (taint.ts); and the near miss.
    [
      'py-path-request',
      'from fastapi import FastAPI\nfrom fastapi.responses import FileResponse\napp = FastAPI()\n@app.get("/files/{name}")\ndef get_file(name: str):\n    return FileResponse(f"/srv/files/{name}")',
      [6],
    ],
    [
      'py-path-request',
      'from fastapi import FastAPI\nfrom fastapi.responses import FileResponse\napp = FastAPI()\n@app.get("/files/{fid}")\ndef get_file(fid: int):\n    return FileResponse(f"/srv/files/{fid}.pdf")',
      [],
    ],
    [
      'py-sql-format',
      'from fastapi import FastAPI, Depends\napp = FastAPI()\n@app.get("/u")\ndef users(db = Depends(get_db)):\n    return db.execute("SELECT * FROM users WHERE org = \'%s\'" % db.org)',
      [5],
    ],
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
