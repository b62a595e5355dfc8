import { describe, expect, it } from 'vitest';
import { takesServerCopy, type Settling } from '../../client/lib/useLatestSave.js';

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const at = (settling: Settling<string[]> | null, now: number, running = false) => ({ running, settling, now, same });

describe('takesServerCopy (attendance ticked faster than the server answers)', () => {
  const settling: Settling<string[]> = { sent: ['UNODC'], until: 1_500 };

  it('never replaces the shown value while saves are under way', () => {
    expect(takesServerCopy(['UNODC'], at(null, 0, true))).toBe(false);
  });

  it('takes any server copy when nothing was just saved', () => {
    expect(takesServerCopy(['FGR', 'SSPC'], at(null, 0))).toBe(true);
  });

  it('right after the last save, leaves out a copy read before it (it would tick a box the person just unticked)', () => {
    expect(takesServerCopy(['SSPC', 'UNODC'], at(settling, 100))).toBe(false);
  });

  it('takes the copy that holds what was sent, in any order', () => {
    expect(takesServerCopy(['UNODC'], at(settling, 100))).toBe(true);
    expect(takesServerCopy(['B', 'A'], at({ sent: ['A', 'B'], until: 1_500 }, 100))).toBe(true);
  });

  it('takes a differing copy once the window is over: someone else may have changed it', () => {
    expect(takesServerCopy(['SSPC', 'UNODC'], at(settling, 1_500))).toBe(true);
  });
});
