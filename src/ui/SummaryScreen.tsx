import { Box, Text, useInput } from 'ink';
import type { AuditItem } from '../audit/types.js';
import { useTint } from './color-context.js';
import { countsLine } from './format.js';
import { Footer } from './Footer.js';
import type { KeyHandler } from './key-handler.js';
import { FOOTERS } from './keys.js';
import type { UiState } from './state.js';
import { displayOrder, needingCount } from './state.js';
import { verdictLabel } from './verdict-style.js';
import { printable } from '../util/printable.js';

/** Lines the summary uses besides its two lists (title, counts, headings, report, sign-off, footer). */
const SUMMARY_CHROME = 12;

function ItemList({ items, limit }: { items: AuditItem[]; limit: number }) {
  const shown = items.length > limit ? items.slice(0, Math.max(0, limit - 1)) : items;
  return (
    <>
      {shown.map((item) => (
        <Text key={item.id} wrap="truncate-end">
          {'  '}
          {verdictLabel(item.verdict)} {item.id} — {printable(item.title)}
        </Text>
      ))}
      {shown.length < items.length ? (
        <Text> …and {items.length - shown.length} more (f in the list filters them)</Text>
      ) : null}
    </>
  );
}

/** Where the audit stands: counts, what still fails or waits, the report, and how to sign off. */
export function SummaryScreen({
  state,
  onKey,
  active,
}: {
  state: UiState;
  onKey: KeyHandler;
  active: boolean;
}) {
  useInput(onKey, { isActive: active });
  const tint = useTint();
  const ordered = displayOrder(state.items, state.categories).map((i) => state.items[i]!);
  const failing = ordered.filter((i) => i.verdict === 'fail');
  const open = ordered.filter((i) => i.verdict === 'review' || i.verdict === 'unanswered');
  const room = Math.max(2, state.viewport.rows - 1 - SUMMARY_CHROME);
  const failRoom = open.length === 0 ? room : Math.max(1, room - Math.min(open.length, Math.floor(room / 2)));
  const total = state.summary.total;
  const ready = failing.length === 0 && open.length === 0;
  return (
    <Box flexDirection="column">
      <Text bold>vouch · summary · {state.meta?.checklistTitle ?? 'checklist'}</Text>
      <Text>
        {total - needingCount(state.items)}/{total} answered · {countsLine(state.summary) || 'no items'}
      </Text>
      <Text> </Text>
      {failing.length === 0 ? (
        <Text color={tint('green')}>Nothing fails.</Text>
      ) : (
        <>
          <Text color={tint('red')}>Still failing ({failing.length}):</Text>
          <ItemList items={failing} limit={failRoom} />
        </>
      )}
      {open.length === 0 ? null : (
        <>
          <Text color={tint('yellow')}>Still needs you ({open.length}):</Text>
          <ItemList items={open} limit={room - Math.min(failing.length, failRoom)} />
        </>
      )}
      <Text> </Text>
      <Text wrap="truncate-end">
        Report:{' '}
        {state.reportPaths.length === 0 ? 'not written yet (s writes it)' : state.reportPaths.join(', ')}
      </Text>
      <Text wrap="truncate-end">
        {ready ? 'Ready to sign off:' : 'Sign off once nothing fails or waits (waive what you accept):'}
      </Text>
      <Text bold>{'  vouch signoff --release <version>'}</Text>
      <Footer status={state.status} keys={FOOTERS.summary} />
    </Box>
  );
}
