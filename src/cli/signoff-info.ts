import type { SignoffInfo } from '../report/types.js';
import { signoffInfoFor } from '../signoff/store.js';

/** The sign-off recorded for this commit, for the report's sign-off block; none outside git. */
export function latestSignoffInfo(root: string, commit: string | undefined): SignoffInfo | undefined {
  if (commit === undefined) return undefined;
  return signoffInfoFor(root, commit);
}
