import { userInfo } from 'node:os';
import { execa } from 'execa';

/** Who is answering: git `user.name <user.email>`, else the OS user. */
export async function whoAmI(root: string): Promise<string> {
  const get = async (key: string): Promise<string> => {
    const r = await execa('git', ['config', '--get', key], { cwd: root, reject: false });
    return r.exitCode === 0 ? String(r.stdout).trim() : '';
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
