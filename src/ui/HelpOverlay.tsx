import { Box, Text, useInput } from 'ink';
import type { KeyHandler } from './key-handler.js';
import { KEY_BINDINGS, TEXT_FIELD_HELP } from './keys.js';

const LABEL_WIDTH = Math.max(...KEY_BINDINGS.map((b) => b.label.length)) + 2;

/** The key table, drawn from the same bindings the key handler uses. */
export function HelpOverlay({ onKey, active }: { onKey: KeyHandler; active: boolean }) {
  useInput(onKey, { isActive: active });
  return (
    <Box flexDirection="column">
      <Text bold>vouch · keys</Text>
      {KEY_BINDINGS.map((b) => (
        <Text key={b.command} wrap="truncate-end">
          {'  '}
          {b.label.padEnd(LABEL_WIDTH)}
          {b.description}
        </Text>
      ))}
      <Text wrap="wrap">{TEXT_FIELD_HELP}</Text>
      <Text dimColor>Esc or ? closes this help.</Text>
    </Box>
  );
}
