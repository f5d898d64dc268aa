import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, UsageError } from '../errors.js';
import { FAIL_ON_VALUES } from '../audit/policy.js';
import { exitOnInterrupt } from './interrupt.js';
import { printable } from '../util/printable.js';
import { redactSecretsInLine } from '../util/redact.js';
import { VERSION } from '../version.js';
import type { FailOn } from '../config/config.js';

/**
 * Prints a user error as one line (plus details) and returns exit code 2. Messages quote the
 * input they complain about (an unknown key, an unknown item id), and the input may be a damaged
 * file holding a token, or name a file whose name holds terminal escapes: every line is redacted
 * like a report and made printable.
 */
function reportUsageError(error: UsageError): number {
  process.stderr.write(`vouch: ${printable(redactSecretsInLine(oneLine(error.message)))}\n`);
  for (const d of error.details) process.stderr.write(`${printable(redactSecretsInLine(oneLine(d)))}\n`);
  return EXIT.usage;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/gu, ' ');
}

// `vouch checklist list | head`: the reader went away; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

/** `--bandit PATH` names the executable, `--no-bandit` turns it off, nothing means bandit on PATH. */
function banditFlags(value: string | boolean | undefined): {
  bandit: boolean;
  banditPath?: string | undefined;
} {
  if (value === false) return { bandit: false };
  return { bandit: true, banditPath: typeof value === 'string' && value !== '' ? value : undefined };
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  // Ctrl-C or a kill: stop bandit and the probes, write nothing more, exit 130 / 143.
  exitOnInterrupt();

  const parser = yargs(argv)
    .scriptName('vouch')
    .usage(
      'vouch — a security checklist and auditor for Python repositories\n\nUsage: $0 [audit] [PATH] [options]',
    )
    .command(
      ['audit [path]', '$0 [path]'],
      'Audit a Python repository (interactive in a terminal, headless in CI)',
      (y) =>
        y
          .positional('path', { type: 'string', default: '.', describe: 'The repository to audit' })
          .option('non-interactive', {
            type: 'boolean',
            describe:
              'No prompts: print a summary, write reports, exit by policy (implied when not a terminal or CI is set)',
          })
          .option('format', {
            type: 'string',
            describe:
              'Report formats, comma-separated: md,json,sarif,junit,html [default: the --output file ending, else md,json]',
          })
          .option('output', {
            alias: 'o',
            type: 'string',
            describe:
              'Report file (.md .json .sarif .xml .html pick the format) or folder, created if new [default: PATH/.vouch/]',
          })
          .option('fail-on', {
            type: 'string',
            choices: FAIL_ON_VALUES as string[],
            describe:
              'Exit 1 when an item is at this level or worse (fail > stale > review > unanswered) [default: fail]',
          })
          .option('checklist', {
            alias: 'c',
            type: 'string',
            array: true,
            describe: 'Checklist file(s) instead of the default; "default" names the built-in one',
          })
          .option('bandit', {
            alias: 'bandit-path',
            type: 'string',
            describe: 'The bandit executable to run [default: bandit on PATH]; --no-bandit skips it',
          })
          .option('pip-audit', {
            type: 'boolean',
            default: true,
            describe: 'Run pip-audit when installed (--no-pip-audit to skip it)',
          })
          .option('exclude', {
            type: 'string',
            array: true,
            describe: 'Paths to leave out (gitignore patterns)',
          })
          .option('osv-db', {
            type: 'string',
            describe:
              "An offline OSV database (osv.dev's PyPI all.zip, or a folder of its records) to check pinned and locked dependencies against [default: osv_db in settings]",
          })
          .option('import', {
            type: 'string',
            array: true,
            describe:
              'A report to read: pip-audit -f json, osv-scanner --format json, or SARIF (bandit, semgrep, CodeQL); repeatable',
          })
          .option('cache', {
            type: 'boolean',
            default: true,
            describe:
              'Reuse analysis of unchanged files (.vouch/cache) and the loaded checklist (--no-cache to redo all)',
          })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'Print only the policy result' })
          .option('verbose', {
            alias: 'v',
            type: 'boolean',
            describe: 'Print every step, all evidence and the probes',
          })
          .conflicts('quiet', 'verbose'),
      async (a) => {
        const { auditCommand } = await import('./audit.js');
        code = await auditCommand({
          path: a.path,
          nonInteractive: a.nonInteractive,
          format: a.format,
          output: a.output,
          failOn: a.failOn as FailOn | undefined,
          checklist: a.checklist,
          ...banditFlags(a.bandit),
          pipAudit: a.pipAudit,
          osvDb: a.osvDb,
          imports: a.import,
          exclude: a.exclude,
          cache: a.cache,
          quiet: a.quiet,
          verbose: a.verbose,
        });
      },
    )
    .command(
      'signoff [path]',
      'Record a sign-off of HEAD for a release (refuses while items are open or failing)',
      (y) =>
        y
          .positional('path', { type: 'string', default: '.', describe: 'The repository' })
          .option('release', {
            alias: 'r',
            type: 'string',
            demandOption: true,
            describe: 'The release being signed off, e.g. 1.4.0',
          })
          .option('signer', {
            type: 'string',
            describe: 'Who signs, "Name <email>" [default: git user.name <user.email>]',
          })
          .option('sign-key', {
            type: 'string',
            describe: 'SSH private key (or .pub with ssh-agent) to sign the record with ssh-keygen -Y sign',
          })
          .option('allow-dirty', {
            type: 'boolean',
            describe: 'Sign off despite uncommitted changes (recorded in the sign-off)',
          })
          .option('max-age', {
            type: 'number',
            describe:
              'Refuse answers older than this many days [default: max_age_days from settings, else off]',
          })
          .option('accept-stale', {
            type: 'boolean',
            describe: 'Sign off despite stale answers (each is recorded in the sign-off, with its reason)',
          })
          .option('checklist', {
            alias: 'c',
            type: 'string',
            array: true,
            describe: 'Checklist file(s) instead of the default',
          })
          .option('bandit', {
            alias: 'bandit-path',
            type: 'string',
            describe: 'The bandit executable to run [default: bandit on PATH]; --no-bandit skips it',
          })
          .option('osv-db', {
            type: 'string',
            describe: 'An offline OSV database, as for audit [default: osv_db in settings]',
          })
          .option('import', {
            type: 'string',
            array: true,
            describe: 'A pip-audit, osv-scanner or SARIF report, as for audit; repeatable',
          }),
      async (a) => {
        const { signoffCommand } = await import('./signoff.js');
        code = await signoffCommand({
          path: a.path,
          release: a.release,
          signer: a.signer,
          signKey: a.signKey,
          allowDirty: a.allowDirty,
          maxAge: a.maxAge,
          acceptStale: a.acceptStale,
          checklist: a.checklist,
          ...banditFlags(a.bandit),
          osvDb: a.osvDb,
          imports: a.import,
        });
      },
    )
    .command(
      'verify [path]',
      'Check that a sign-off covers HEAD and the current checklist (the release gate)',
      (y) =>
        y
          .positional('path', { type: 'string', default: '.', describe: 'The repository' })
          .option('release', {
            alias: 'r',
            type: 'string',
            describe: 'The release to verify [default: the newest sign-off]',
          })
          .option('allowed-signers', {
            type: 'string',
            describe: 'Require an SSH signature by a signer in this file (git allowed_signers format)',
          })
          .option('checklist', {
            alias: 'c',
            type: 'string',
            array: true,
            describe: 'Checklist file(s) instead of the default',
          }),
      async (a) => {
        const { verifyCommand } = await import('./signoff.js');
        code = await verifyCommand({
          path: a.path,
          release: a.release,
          allowedSigners: a.allowedSigners,
          checklist: a.checklist,
        });
      },
    )
    .command('osv-db', 'Inspect an offline OSV database', (y) =>
      y
        .command(
          'info <path>',
          'Say what an OSV database holds: records, PyPI records, withdrawn, newest modified date',
          (z) => z.positional('path', { type: 'string', demandOption: true }),
          async (a) => {
            const { osvDbInfoCommand } = await import('./osv-db.js');
            code = await osvDbInfoCommand(a.path as string);
          },
        )
        .demandCommand(1, 'name a subcommand: info'),
    )
    .command('checklist', 'Validate or list checklists', (y) =>
      y
        .command(
          'validate <files..>',
          'Validate checklist files (combined in order); every problem as FILE:LINE:COL',
          (z) => z.positional('files', { type: 'string', array: true, demandOption: true }),
          async (a) => {
            const { validateCommand } = await import('./checklist.js');
            code = validateCommand(a.files as string[]);
          },
        )
        .command(
          'list',
          'List the checklist items',
          (z) =>
            z
              .option('checklist', {
                alias: 'c',
                type: 'string',
                array: true,
                describe: 'Checklist file(s) [default: the built-in one]',
              })
              .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
          async (a) => {
            const { listCommand } = await import('./checklist.js');
            code = listCommand(a.checklist, a.json);
          },
        )
        .demandCommand(1, 'name a subcommand: validate or list'),
    )
    .strict()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .alias('V', 'version')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      throw new UsageError(`${message} (see vouch --help)`);
    });

  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError(error);
    throw error;
  }
  return code;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Anything unexpected is a bug: say so in one line; VOUCH_DEBUG=1 shows the stack.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`vouch: internal error: ${printable(redactSecretsInLine(oneLine(message)))}\n`);
    if (process.env.VOUCH_DEBUG === '1' && error instanceof Error)
      process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = 3;
  },
);
