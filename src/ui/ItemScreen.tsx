import { Box, Text, useInput } from 'ink';
import { contradictsAuto } from '../audit/answers-merge.js';
import type { AuditItem } from '../audit/types.js';
import { useTint } from './color-context.js';
import { Footer } from './Footer.js';
import type { KeyHandler } from './key-handler.js';
import { FOOTERS } from './keys.js';
import { itemBodyHeight, lineWidth } from './layout.js';
import type { Entry, UiState } from './state.js';
import { CHOICES, needingCount, openItem, openItemLines, recordedAnswer } from './state.js';
import { sourceLabel, VERDICT_COLOR, VERDICT_WORD, verdictLabel } from './verdict-style.js';
import { printable } from '../util/printable.js';
import { isStale } from '../audit/stale.js';

/** The three prompt lines (ITEM_CHROME counts them) under the choices: a text field, or a warning about the highlighted choice. */
function promptLines(
  item: AuditItem,
  entry: Entry | undefined,
  choiceIndex: number,
): [string, string, string] {
  const auto = `≠ auto: ${VERDICT_WORD[item.autoVerdict]}`;
  if (entry === undefined) {
    const choice = CHOICES[choiceIndex];
    if (
      choice !== undefined &&
      choice.choice !== 'skip' &&
      contradictsAuto(item.autoVerdict, choice.choice)
    ) {
      return [`${auto} — answering ${choice.label} overrides it and needs a note`, '', ''];
    }
    return ['', '', ''];
  }
  const hint = 'Enter saves · Esc cancels';
  switch (entry.field) {
    case 'note':
      return ['Note for this item (empty clears it):', `note> ${entry.buffer}`, entry.error ?? hint];
    case 'waive-reason':
      return [
        'Waive: why is this accepted for now? (required)',
        `reason> ${entry.buffer}`,
        entry.error ?? hint,
      ];
    case 'waive-expiry':
      return [
        'Waive: until when? YYYY-MM-DD, or empty for no expiry date',
        `expires> ${entry.buffer}`,
        entry.error ?? hint,
      ];
    case 'override-note': {
      const given = CHOICES.find((c) => c.choice === entry.draft.verdict)?.label ?? '';
      return [
        `${auto} — say why the answer is ${given} (note required)`,
        `note> ${entry.buffer}`,
        entry.error ?? hint,
      ];
    }
  }
}

/** Keeps the end of a long text field in view, the way a one-line input scrolls. */
function tail(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

/** One item: what is asked, why the tool decided what it did, the evidence, and the answer choices. */
export function ItemScreen({ state, onKey, active }: { state: UiState; onKey: KeyHandler; active: boolean }) {
  useInput(onKey, { isActive: active });
  const tint = useTint();
  const item = openItem(state);
  if (item === undefined) return <Text>No item is open.</Text>;
  const width = lineWidth(state.viewport);
  const height = itemBodyHeight(state.viewport);
  const lines = openItemLines(state);
  const shown = lines.slice(state.itemScroll, state.itemScroll + height);
  const category = state.categories.find((c) => c.id === item.category)?.title ?? item.category;
  const source = sourceLabel(item.source);
  const current = recordedAnswer(item)?.verdict;
  const scrollHint =
    lines.length > height
      ? `lines ${state.itemScroll + 1}–${state.itemScroll + shown.length} of ${lines.length} · PgUp/PgDn or [ ] scroll`
      : ' ';
  const prompt = promptLines(item, state.entry, state.choice);
  const left = needingCount(state.items);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {printable(item.title)}
      </Text>
      <Text wrap="truncate-end">
        {item.id} · {item.severity} severity · {printable(category)} · now{' '}
        <Text color={tint(VERDICT_COLOR[item.verdict])}>{verdictLabel(item.verdict)}</Text>
        {source === '' ? '' : ` (${source})`}
        {isStale(item) ? ' · ⟳ stale' : ''} · {left} need you
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {line === '' ? ' ' : line}
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">
        {scrollHint}
      </Text>
      {CHOICES.map((c, i) => {
        const selected = i === state.choice;
        return (
          <Text
            key={c.choice}
            bold={selected}
            color={selected ? tint('cyan') : undefined}
            wrap="truncate-end"
          >
            {selected ? '❯ ' : '  '}
            {c.label}
            {c.choice === current
              ? isStale(item)
                ? '  (your answer: Enter re-confirms it)'
                : '  (your answer)'
              : ''}
          </Text>
        );
      })}
      {prompt.map((line, i) => (
        <Text
          key={`p${i}`}
          wrap="truncate-end"
          color={
            i === 2 && state.entry?.error !== undefined
              ? tint('red')
              : i === 0 && line.startsWith('≠')
                ? tint('yellow')
                : undefined
          }
          dimColor={i === 2 && state.entry?.error === undefined}
        >
          {i === 1 && state.entry !== undefined ? `${tail(line, width - 2)}█` : line === '' ? ' ' : line}
        </Text>
      ))}
      <Footer status={state.status} keys={state.entry === undefined ? FOOTERS.item : FOOTERS.entry} />
    </Box>
  );
}
