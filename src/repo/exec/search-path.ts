import path from 'node:path';

/**
 * PATH without its relative and empty entries, which mean "the current directory": a child
 * process whose working directory is the audited repository (bandit's `#!/usr/bin/env python3`,
 * git) would otherwise find a program planted there.
 */
export function safeSearchPath(env: NodeJS.ProcessEnv = process.env): string {
  const searchPath = env.PATH ?? env.Path ?? '';
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== '' && path.isAbsolute(dir))
    .join(path.delimiter);
}
