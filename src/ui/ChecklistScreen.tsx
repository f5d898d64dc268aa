import { Box, Text, useInput } from 'ink';
import { useTint } from './color-context.js';
import { countsLine, progressBar } from './format.js';
import { Footer } from './Footer.js';
import type { KeyHandler } from './key-handler.js';
import { FOOTERS } from './keys.js';
import { checklistListHeight, lineWidth } from './layout.js';
import type { UiState } from './state.js';
import { FILTER_LABELS, listRows, needingCount } from './state.js';
import { sourceLabel, VERDICT_COLOR, verdictLabel } from './verdict-style.js';
import { printable } from '../util/printable.js';
import { isStale } from '../audit/stale.js';

const VERDICT_COLUMN = '· unanswered'.length + 1;

/** The list of items grouped by category, with a header of counts and a key footer. */
export function ChecklistScreen({
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
  const width = lineWidth(state.viewport);
  const height = checklistListHeight(state.viewport);
  const rows = listRows(state);
  const shown = rows.slice(state.listScroll, state.listScroll + height);
  const total = state.summary.total;
  const answered = total - needingCount(state.items);
  const staleCount = state.items.filter(isStale).length;
  const above = state.listScroll > 0;
  const below = state.listScroll + height < rows.length;
  const scrollHint = above || below ? `  ${above ? '↑' : ' '}${below ? '↓' : ' '} more` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        vouch · {state.meta?.checklistTitle ?? 'checklist'} · filter: {FILTER_LABELS[state.filter]}
        {scrollHint}
      </Text>
      <Text wrap="truncate-end">
        {answered}/{total} answered {progressBar(answered, total, 20)} {needingCount(state.items)} need you
      </Text>
      <Text wrap="truncate-end">
        {countsLine(state.summary) || 'no items'}
        {staleCount > 0 ? `  ⟳ ${staleCount} stale (Tab visits them)` : ''}
      </Text>
      <Box flexDirection="column" height={height}>
        {rows.length === 0 ? (
          <Text>
            Nothing matches the filter “{FILTER_LABELS[state.filter]}”: press f for the next filter.
          </Text>
        ) : null}
        {shown.map((row) => {
          if (row.kind === 'category') {
            return (
              <Text key={`c:${row.id}`} bold underline wrap="truncate-end">
                {printable(row.title)}
              </Text>
            );
          }
          const item = state.items[row.index]!;
          const selected = row.position === state.cursor;
          const source = `${sourceLabel(item.source)}${isStale(item) ? ' · stale' : ''}`;
          return (
            <Box key={`i:${item.id}`} width={width}>
              <Box flexShrink={0}>
                <Text bold={selected} color={selected ? tint('cyan') : undefined}>
                  {selected ? '❯ ' : '  '}
                </Text>
                <Text color={tint(VERDICT_COLOR[item.verdict])}>
                  {verdictLabel(item.verdict).padEnd(VERDICT_COLUMN)}
                </Text>
              </Box>
              <Box flexGrow={1} flexShrink={1}>
                <Text bold={selected} wrap="truncate-end">
                  {printable(item.title)}
                </Text>
              </Box>
              {source === '' ? null : (
                <Box flexShrink={0}>
                  <Text
                    dimColor={item.source === 'auto'}
                    color={item.source === 'override' || isStale(item) ? tint('yellow') : undefined}
                  >
                    {' '}
                    {source}
                  </Text>
                </Box>
              )}
            </Box>
          );
        })}
      </Box>
      <Footer status={state.status} keys={FOOTERS.checklist} />
    </Box>
  );
}
