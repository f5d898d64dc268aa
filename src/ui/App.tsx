import { useApp, useStdout } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { joinNoteCites } from '../answers/cites.js';
import type { Answer } from '../answers/types.js';
import type { ProgressEvent } from '../audit/progress.js';
import type { Audit, AuditItem } from '../audit/types.js';
import { ChecklistScreen } from './ChecklistScreen.js';
import { ColorContext } from './color-context.js';
import { HelpOverlay } from './HelpOverlay.js';
import { ItemScreen } from './ItemScreen.js';
import type { KeyInfo } from './keys.js';
import { actionForKey, splitKeys } from './keys.js';
import { DEFAULT_COLUMNS, DEFAULT_ROWS } from './layout.js';
import { ScanScreen } from './ScanScreen.js';
import type { Action, Effect, UiState } from './state.js';
import { initialState, reduce } from './state.js';
import { SummaryScreen } from './SummaryScreen.js';
import { colorsEnabled } from './verdict-style.js';

export type ProgressSubscription = (listener: (event: ProgressEvent) => void) => () => void;

export interface AppProps {
  /** A finished audit: the UI starts on the checklist. */
  audit?: Audit | undefined;
  /** Live collection progress, for the scan screen (should replay the latest state of each step). */
  progress?: ProgressSubscription | undefined;
  /** The audit being computed: the UI shows the scan screen until it settles. */
  auditPromise?: Promise<Audit> | undefined;
  /**
   * Checks the cites of an answer about to be recorded: the cites to record (a renamed file under
   * its new name), or why it cannot be recorded (a cite names no file). Synchronous, so keys
   * typed after Enter act on the outcome.
   */
  prepareCites?: ((itemId: string, cites: string[]) => { cites: string[] } | { error: string }) | undefined;
  /** Persists one answer (undefined clears it); called as soon as the person records it. */
  onAnswer: (itemId: string, answer: Answer | undefined) => Promise<void> | void;
  /** Writes the report for these items; returns the paths written. */
  onWriteReport: (items: AuditItem[]) => Promise<string[]>;
  /** Called once, with the final items, just before the app exits. */
  onQuit: (items: AuditItem[]) => void;
  /** Who answers (recorded in each answer). */
  by: string;
  /** Commit the answers are given at. */
  commit?: string | undefined;
  now?: (() => Date) | undefined;
  /** Colour on or off; defaults to off when NO_COLOR is set. */
  color?: boolean | undefined;
}

/** How often elapsed times refresh while scanning. */
const TICK_MS = 200;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The interactive audit. State lives in the pure reducer (state.ts); this component owns the
 * store and turns the reducer's effects into calls to the props.
 */
export function App(props: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const propsRef = useRef(props);
  propsRef.current = props;
  const clock = props.now ?? (() => new Date());
  const clockRef = useRef(clock);
  clockRef.current = clock;

  // The store is a ref updated synchronously, so keys that arrive in one chunk (faster than React
  // re-renders) are each interpreted against the state the previous key produced.
  const storeRef = useRef<UiState | undefined>(undefined);
  if (storeRef.current === undefined) {
    const now = clock();
    storeRef.current = initialState({
      viewport: { rows: stdout.rows || DEFAULT_ROWS, columns: stdout.columns || DEFAULT_COLUMNS },
      at: now.getTime(),
      today: now.toISOString().slice(0, 10),
      audit: props.audit,
    });
  }
  const [state, setState] = useState<UiState>(storeRef.current);

  /** Answers still being saved: quitting waits for them. */
  const savingRef = useRef(new Set<Promise<void>>());
  const auditErrorRef = useRef<Error | undefined>(undefined);
  const dispatchRef = useRef<(action: Action) => void>(() => undefined);
  const dispatch = useCallback((action: Action) => dispatchRef.current(action), []);

  const runEffect = useCallback(
    (effect: Effect) => {
      const p = propsRef.current;
      switch (effect.kind) {
        case 'record': {
          let answer: Answer = {
            ...effect.answer,
            by: p.by,
            at: clockRef.current().toISOString(),
            ...(p.commit === undefined ? {} : { commit: p.commit }),
          };
          if (answer.cites !== undefined && p.prepareCites !== undefined) {
            const prepared = p.prepareCites(effect.itemId, answer.cites);
            if ('error' in prepared) {
              dispatch({
                type: 'answer-refused',
                itemId: effect.itemId,
                message: prepared.error,
                note: joinNoteCites(answer.note, answer.cites),
              });
              return;
            }
            answer = { ...answer, cites: prepared.cites.length === 0 ? undefined : prepared.cites };
          }
          dispatch({
            type: 'answered',
            itemId: effect.itemId,
            answer,
            now: clockRef.current(),
            advance: effect.advance,
          });
          const saving = Promise.resolve()
            .then(() => p.onAnswer(effect.itemId, answer))
            .catch((error: unknown) =>
              dispatch({ type: 'answer-failed', itemId: effect.itemId, message: message(error) }),
            );
          savingRef.current.add(saving);
          void saving.finally(() => savingRef.current.delete(saving));
          return;
        }
        case 'write-report': {
          const items = storeRef.current?.items ?? [];
          p.onWriteReport(items).then(
            (paths) => dispatch({ type: 'report-written', paths }),
            (error: unknown) => dispatch({ type: 'report-failed', message: message(error) }),
          );
          return;
        }
      }
    },
    [dispatch],
  );

  dispatchRef.current = (action: Action) => {
    const next = reduce(storeRef.current!, action);
    const effects = next.outbox;
    storeRef.current = effects.length === 0 ? next : { ...next, outbox: [] };
    setState(storeRef.current);
    for (const effect of effects) runEffect(effect);
  };

  const onKey = useCallback(
    (input: string, key: KeyInfo) => {
      for (const [oneInput, oneKey] of splitKeys(input, key)) {
        const action = actionForKey(storeRef.current!, oneInput, oneKey);
        if (action !== undefined) dispatch(action);
      }
    },
    [dispatch],
  );

  // Effects the initial state already asked for (an audit with nothing left to answer writes its report).
  useEffect(() => {
    const pending = storeRef.current!.outbox;
    if (pending.length === 0) return;
    storeRef.current = { ...storeRef.current!, outbox: [] };
    for (const effect of pending) runEffect(effect);
  }, [runEffect]);

  useEffect(() => {
    const subscribe = propsRef.current.progress;
    if (subscribe === undefined) return;
    return subscribe((event) => dispatch({ type: 'progress', event, at: clockRef.current().getTime() }));
  }, [dispatch]);

  useEffect(() => {
    const promise = propsRef.current.auditPromise;
    if (promise === undefined || propsRef.current.audit !== undefined) return;
    let live = true;
    promise.then(
      (audit) => {
        if (live) dispatch({ type: 'audit-loaded', audit });
      },
      (error: unknown) => {
        if (!live) return;
        auditErrorRef.current = error instanceof Error ? error : new Error(message(error));
        dispatch({ type: 'audit-failed', message: message(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [dispatch, exit]);

  // Quit after the frame saying so is drawn: write the report (when there is an audit), hand the
  // items over, exit. A failed write still quits, and rejects runInteractive with the reason.
  useEffect(() => {
    if (!state.quitting) return;
    const p = propsRef.current;
    const current = storeRef.current!;
    void (async () => {
      let failure: Error | undefined;
      await Promise.all(savingRef.current);
      try {
        if (current.meta !== undefined) await p.onWriteReport(current.items);
      } catch (error) {
        failure = new Error(`could not write the report: ${message(error)}`);
      }
      p.onQuit(current.items);
      exit(failure);
    })();
  }, [state.quitting, exit]);

  // Exit only after the frame showing the failure has been drawn, so the reason stays on screen.
  useEffect(() => {
    if (state.scanError !== undefined) exit(auditErrorRef.current ?? new Error(state.scanError));
  }, [state.scanError, exit]);

  const scanning = state.screen === 'scan' && state.scanError === undefined;
  useEffect(() => {
    if (!scanning) return;
    const timer = setInterval(() => dispatch({ type: 'tick', at: clockRef.current().getTime() }), TICK_MS);
    return () => clearInterval(timer);
  }, [scanning, dispatch]);

  useEffect(() => {
    const onResize = () =>
      dispatch({
        type: 'resize',
        rows: stdout.rows || DEFAULT_ROWS,
        columns: stdout.columns || DEFAULT_COLUMNS,
      });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch]);

  const color = props.color ?? colorsEnabled(process.env);
  const screenActive = !state.helpOpen;
  let screen;
  if (state.helpOpen) screen = <HelpOverlay onKey={onKey} active />;
  else if (state.screen === 'scan') screen = <ScanScreen state={state} onKey={onKey} active={screenActive} />;
  else if (state.screen === 'checklist')
    screen = <ChecklistScreen state={state} onKey={onKey} active={screenActive} />;
  else if (state.screen === 'item') screen = <ItemScreen state={state} onKey={onKey} active={screenActive} />;
  else screen = <SummaryScreen state={state} onKey={onKey} active={screenActive} />;
  return <ColorContext.Provider value={color}>{screen}</ColorContext.Provider>;
}
