/** How much of a long list is rendered: a first part, more on request, back to the first part when the list changes. */
import { useState } from 'react';

/** The number of items to render for the list named by `listKey` (filters, status) and a way to show `step` more. */
export function useListLimit(listKey: string, step: number): [number, () => void] {
  const [limit, setLimit] = useState({ listKey, n: step });
  // Another list (new filters): start again from its first part, also when coming back to an earlier one.
  if (limit.listKey !== listKey) setLimit({ listKey, n: step });
  const n = limit.listKey === listKey ? limit.n : step;
  return [n, () => setLimit({ listKey, n: n + step })];
}
