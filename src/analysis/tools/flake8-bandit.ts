import { codeList, iniValue, optionCodes } from './config.js';
import type { Gate, Place, RepoView, RunContext, SecurityTool } from './types.js';

const FLAKE8_CONFIGS: readonly { base: string; section: string }[] = [
  { base: '.flake8', section: 'flake8' },
  { base: 'setup.cfg', section: 'flake8' },
  { base: 'tox.ini', section: 'flake8' },
];

const S_CODE = /^S\d*$/;

/**
 * Whether flake8 reports the plugin's S codes: without `select`, flake8 reports every installed
 * plugin; a `select` naming other codes only leaves them out unless `extend-select` adds S.
 */
function flake8SelectsS(repo: RepoView, args: string): { ok: boolean; place?: Place } {
  const argSelect = optionCodes(args, 'select');
  const argExtend = optionCodes(args, 'extend-select') ?? [];
  if (argExtend.some((c) => S_CODE.test(c))) return { ok: true };
  if (argSelect !== undefined) return { ok: argSelect.some((c) => S_CODE.test(c)) };
  for (const path of repo.paths) {
    const config = FLAKE8_CONFIGS.find((c) => path === c.base);
    if (config === undefined) continue;
    const text = repo.text(path) ?? '';
    const select = iniValue(text, config.section, 'select');
    const extend = iniValue(text, config.section, 'extend-select');
    if (extend !== undefined && codeList(extend.value).some((c) => S_CODE.test(c)))
      return { ok: true, place: { file: path, line: extend.line, text: `extend-select = ${extend.value}` } };
    if (select !== undefined) {
      const ok = codeList(select.value).some((c) => S_CODE.test(c));
      return { ok, place: { file: path, line: select.line, text: `select = ${select.value}` } };
    }
  }
  return { ok: true };
}

/**
 * flake8-bandit runs where flake8 runs with the plugin installed (a declared dependency or the
 * hook's `additional_dependencies`) and its S codes selected. `.flake8` selecting S without the
 * plugin installed runs nothing.
 */
function gate(repo: RepoView, run: RunContext | undefined): Gate {
  const selected = flake8SelectsS(repo, run?.args ?? '');
  if (!selected.ok)
    return { ok: false, why: 'flake8 is configured with a select that leaves out the S codes' };
  if (run === undefined) return { ok: true, place: selected.place };
  const installed =
    run.hookDependencies.includes('flake8-bandit') || repo.dependency('flake8-bandit') !== undefined;
  if (!installed) return { ok: false, why: 'flake8 runs without the flake8-bandit plugin' };
  return { ok: true, place: selected.place };
}

/** The flake8-bandit plugin: bandit's checks reported by flake8 as S codes. */
export const flake8Bandit: SecurityTool = {
  id: 'flake8-bandit',
  name: 'flake8-bandit',
  covers: ['sast'],
  summary: "bandit's checks as a flake8 plugin (S codes)",
  run: {
    commands: [{ programs: ['flake8'], modules: ['flake8'] }],
    hooks: [{ repos: ['github.com/pycqa/flake8', 'gitlab.com/pycqa/flake8'], ids: ['flake8'] }],
  },
  declared: {
    packages: ['flake8-bandit'],
  },
  gate,
};
