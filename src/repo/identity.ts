import { userInfo } from 'node:os';
import { runGit } from './exec/git-command.js';

/** Who is answering: git `user.name <user.email>`, else the OS user. */
export async function whoAmI(root: string): Promise<string> {
  const get = async (key: string): Promise<string> => {
    const r = await runGit(root, ['config', '--get', key]);
    return r.ok ? r.stdout.trim() : '';
  };
  try {
    const [name, email] = await Promise.all([get('user.name'), get('user.email')]);
    if (name !== '' && email !== '') return `${name} <${email}>`;
    if (name !== '' || email !== '') return name || email;
  } catch {
    // git missing: fall through to the OS user.
  }
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
