import { Box, Text, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { STEP_LABELS } from '../audit/progress.js';
import { useTint } from './color-context.js';
import { formatCount, formatElapsed } from './format.js';
import { Footer } from './Footer.js';
import type { KeyHandler } from './key-handler.js';
import { FOOTERS } from './keys.js';
import type { StepView, UiState } from './state.js';

const LABEL_WIDTH = Math.max(...Object.values(STEP_LABELS).map((l) => l.length));

/** What a step line says after its label: the detail, the count, or why it stopped. */
export function stepDetail(step: StepView): string {
  const count =
    step.done !== undefined && step.total !== undefined
      ? `${formatCount(step.done)}/${formatCount(step.total)}`
      : step.done !== undefined
        ? formatCount(step.done)
        : '';
  const detail = [step.detail, count].filter((s) => s !== undefined && s !== '').join(' ');
  switch (step.state) {
    case 'pending':
      return 'waiting';
    case 'skipped':
      return `skipped${detail === '' ? '' : `: ${detail}`}`;
    case 'failed':
      return `failed${detail === '' ? '' : `: ${detail}`}`;
    default:
      return detail;
  }
}

function StepMark({ step }: { step: StepView }) {
  const tint = useTint();
  switch (step.state) {
    case 'running':
      return (
        <Text color={tint('cyan')}>
          <Spinner type="dots" />
        </Text>
      );
    case 'done':
      return <Text color={tint('green')}>✔</Text>;
    case 'skipped':
      return <Text color={tint('yellow')}>–</Text>;
    case 'failed':
      return <Text color={tint('red')}>✖</Text>;
    case 'pending':
      return <Text dimColor>·</Text>;
  }
}

/** Live collection progress: a line per step, a spinner while it runs, elapsed time that keeps ticking. */
export function ScanScreen({ state, onKey, active }: { state: UiState; onKey: KeyHandler; active: boolean }) {
  useInput(onKey, { isActive: active });
  const tint = useTint();
  const steps = Object.values(state.steps);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        vouch · scanning the repository · {formatElapsed(state.clock - state.scanStartedAt)}
      </Text>
      {steps.map((step) => {
        const started = step.startedAt;
        // A skipped step never ran: a time beside it would only mislead.
        const elapsed =
          started === undefined || step.state === 'skipped'
            ? ''
            : formatElapsed((step.endedAt ?? state.clock) - started);
        return (
          <Box key={step.id}>
            <StepMark step={step} />
            <Text wrap="truncate-end" dimColor={step.state === 'pending'}>
              {' '}
              {STEP_LABELS[step.id].padEnd(LABEL_WIDTH)} {stepDetail(step)}
              {elapsed === '' ? '' : `  ${elapsed}`}
            </Text>
          </Box>
        );
      })}
      {state.scanError === undefined ? null : (
        <Text color={tint('red')} wrap="wrap">
          The audit failed: {state.scanError}
        </Text>
      )}
      <Footer status={state.scanError === undefined ? state.status : undefined} keys={FOOTERS.scan} />
    </Box>
  );
}
