import { Box, Text } from 'ink';
import { useTint } from './color-context.js';
import type { StatusMessage } from './state.js';

/** The status line and the key line that close every screen (always exactly two lines). */
export function Footer({ status, keys }: { status: StatusMessage | undefined; keys: string }) {
  const tint = useTint();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" color={status?.tone === 'error' ? tint('red') : undefined}>
        {status === undefined ? ' ' : `${status.tone === 'error' ? '! ' : ''}${status.text}`}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {keys}
      </Text>
    </Box>
  );
}
