import { createContext, useContext } from 'react';

/** Whether components may colour text (false under NO_COLOR); set once by App. */
export const ColorContext = createContext(true);

/** Returns `color` when colour is allowed, else undefined (Ink then emits no colour codes). */
export function useTint(): (color: string) => string | undefined {
  const enabled = useContext(ColorContext);
  return (color) => (enabled ? color : undefined);
}
