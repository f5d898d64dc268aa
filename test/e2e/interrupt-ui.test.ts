/**
 * Interrupting the interactive audit in a real terminal (tmux, built CLI, an interactive bash):
 * Ctrl-C keeps what was answered, and whatever ends the UI (Ctrl-C, a kill) gives the terminal
 * back as it was: the cursor shown, raw mode off (checked with `stty` before bash's line editor
 * could repair it), no bandit left running, and the shell's prompt.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, gitRepoFrom, REPO } from './helpers.js';
import { pidsIn, running, SLOW_BANDIT, until } from './processes.js';
import { Terminal } from './tmux.js';

const VULNERABLE = join(REPO, 'examples', 'vulnerable-flask-app');
const PROMPT = 'READY> ';
let term: Terminal | undefined;
afterEach(() => term?.stop());

/** An interactive bash in tmux, its prompt on screen. */
async function shell(cwd: string): Promise<Terminal> {
  const t = Terminal.start(`env PS1='${PROMPT}' HISTFILE=/dev/null bash --norc --noprofile -i`, {
    cwd,
    env: { NO_COLOR: '1' },
  });
  await t.waitFor(/^READY>\s*$/m);
  return t;
}

/**
 * Types a command line that runs vouch (its pid in `pidFile`), then prints its exit code and
 * the terminal's modes as vouch left them.
 */
function typeVouch(t: Terminal, args: string, pidFile: string, env = ''): void {
  const line =
    `sh -c 'echo $$ > ${pidFile}; exec env -u CI ${env} ${process.execPath} ${BIN} ${args}'; ` +
    'echo "VOUCH=$?"; stty -a | tr -s " ;\\n" "\\n\\n\\n" | grep -x -e "-\\?icanon" -e "-\\?echo" | tr "\\n" " "; echo';
  execFileSync('tmux', ['send-keys', '-t', t.name, '-l', line]);
  t.key('Enter');
}

/** The terminal after vouch: its exit code, canonical mode and echo back on, the cursor shown. */
async function expectTerminalRestored(t: Terminal, code: number): Promise<void> {
  const screen = await t.waitFor(/VOUCH=\d+\n.*\n(.*\n)*READY>\s*$/m);
  expect(screen).toContain(`VOUCH=${code}`);
  expect(screen).toMatch(/VOUCH=\d+\n\s*icanon echo\s*\n/);
  const cursor = execFileSync('tmux', ['display-message', '-p', '-t', t.name, '#{cursor_flag}'], {
    encoding: 'utf8',
  });
  expect(cursor.trim()).toBe('1');
}

function answers(root: string): Record<string, { verdict: string }> {
  const file = parse(readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8')) as {
    answers: Record<string, { verdict: string }>;
  };
  return file.answers;
}

describe('interrupting the interactive audit (tmux, built CLI)', () => {
  it.each([
    { how: 'Ctrl-C', code: 0 },
    { how: 'SIGTERM', code: 143 },
  ])(
    '$how after one answer: the answer is saved, the terminal restored, the prompt back',
    async ({ how, code }) => {
      const root = gitRepoFrom(VULNERABLE);
      const vouchPid = join(root, '..', 'vouch.pid');
      term = await shell(root);
      typeVouch(term, `${root} --no-bandit`, vouchPid);
      await term.waitFor(/❯ · unanswered +All user input is validated/);
      term.key('Enter');
      await term.waitFor(/❯ Pass/);
      term.key('Enter');
      await term.waitFor(/Uploads are checked for size, extension and content/);
      if (how === 'Ctrl-C') term.key('C-c');
      else process.kill(pidsIn(vouchPid)[0] ?? 0, how);
      await expectTerminalRestored(term, code);
      expect(Object.keys(answers(root))).toEqual(['input-validated']);
      expect(answers(root)['input-validated']?.verdict).toBe('pass');
    },
  );

  it.each([
    { how: 'Ctrl-C', code: 0 },
    { how: 'SIGTERM', code: 143 },
    { how: 'SIGINT', code: 130 },
  ])(
    '$how during the scan: bandit is killed at once, the terminal restored, exit $code',
    async ({ how, code }) => {
      const root = gitRepoFrom(VULNERABLE);
      const banditPids = join(root, '..', 'bandit.pids');
      const vouchPid = join(root, '..', 'vouch.pid');
      term = await shell(root);
      typeVouch(term, `${root} --bandit ${SLOW_BANDIT} --no-cache`, vouchPid, `FAKE_PID_FILE=${banditPids}`);
      await until('bandit runs', () => pidsIn(banditPids).length >= 2);
      await term.waitFor(/bandit/);
      if (how === 'Ctrl-C') term.key('C-c');
      else process.kill(pidsIn(vouchPid)[0] ?? 0, how);
      await expectTerminalRestored(term, code);
      const pids = pidsIn(banditPids);
      await until('every bandit process is gone', () => pids.every((pid) => !running(pid)));
    },
  );
});
