import { createHash } from 'node:crypto';
import type { Item } from './types.js';

/**
 * The digest of what a person reads and answers in an item: its title, question and guidance.
 * An answer records it; when the item's text changes, the answer is stale. Checks, severity and
 * remediation are left out: they change what vouch finds or how to fix, not the question asked.
 */
export function itemDigest(item: Pick<Item, 'id' | 'title' | 'question' | 'guidance'>): string {
  const text = JSON.stringify([item.id, item.title, item.question, item.guidance]);
  return createHash('sha256').update(text).digest('hex');
}
