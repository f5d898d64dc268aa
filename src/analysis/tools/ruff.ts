import { baseIs, optionCodes, placeOf, readToml, stringsOf, tomlTable } from './config.js';
import type { Gate, RepoView, RunContext, SecurityTool } from './types.js';

/** ruff's flake8-bandit port: codes `S` + digits, or `ALL` (never `SIM`, `SLF`, `SLOT`). */
const BANDIT_CODE = /^(?:ALL|S\d*)$/;

/** Whether a selection turns the S rules on, given what is ignored. */
function selectsS(selected: readonly string[], ignored: readonly string[]): boolean {
  const on = selected.filter((c) => BANDIT_CODE.test(c));
  if (on.length === 0) return false;
  // `ignore = ["S"]` switches the whole family off again.
  return !ignored.includes('S');
}

/** The `S` selection of one ruff configuration file, if it has one. */
function configSelects(path: string, text: string): boolean {
  const doc = readToml(text);
  if (doc === undefined) return false;
  const isPyproject = baseIs(path, ['pyproject.toml']);
  const top = isPyproject ? tomlTable(doc, 'tool.ruff') : doc;
  if (top === undefined) return false;
  const lint = tomlTable(top, 'lint');
  const select = [
    ...stringsOf(lint?.['select'] ?? top['select']),
    ...stringsOf(lint?.['extend-select']),
    ...stringsOf(top['extend-select']),
  ];
  const ignore = [...stringsOf(lint?.['ignore']), ...stringsOf(top['ignore'])];
  return selectsS(select, ignore);
}

/** Ruff counts as a bandit when its configuration or its command line selects the `S` rules. */
function gate(repo: RepoView, run: RunContext | undefined): Gate {
  if (run !== undefined) {
    const select = optionCodes(run.args, 'select');
    const extend = optionCodes(run.args, 'extend-select') ?? [];
    const ignore = optionCodes(run.args, 'ignore') ?? [];
    if (selectsS([...(select ?? []), ...extend], ignore)) return { ok: true };
    if (select !== undefined) return { ok: false, why: 'its --select does not include the S (bandit) rules' };
  }
  for (const path of repo.paths) {
    if (!baseIs(path, ['pyproject.toml', 'ruff.toml', '.ruff.toml'])) continue;
    const text = repo.text(path);
    if (text === undefined || !configSelects(path, text)) continue;
    return {
      ok: true,
      place: placeOf(path, text, /(?:extend-)?select\s*=.*["'](?:ALL|S\d*)["']/),
      declares: true,
    };
  }
  return { ok: false, why: 'no ruff configuration selects the S (bandit) rules' };
}

/** Ruff with its `S` rules (flake8-bandit re-implemented): bandit's checks in the linter. */
export const ruffBandit: SecurityTool = {
  id: 'ruff-bandit',
  name: 'ruff (S rules)',
  covers: ['sast'],
  summary: "ruff's flake8-bandit rules (S), when the configuration selects them",
  run: {
    actions: ['astral-sh/ruff-action', 'chartboost/ruff-action'],
    // `ruff format`, `ruff --version` do not lint; `ruff check` and the older `ruff .` do.
    commands: [
      {
        programs: ['ruff'],
        modules: ['ruff'],
        args: /^(?!\s*(?:format|version|clean|rule|config|linter|server|analyze)\b)/,
      },
    ],
    hooks: [
      {
        repos: ['github.com/astral-sh/ruff-pre-commit', 'github.com/charliermarsh/ruff-pre-commit'],
        ids: ['ruff', 'ruff-check'],
      },
    ],
  },
  declared: {
    packages: ['ruff'],
  },
  gate,
};
