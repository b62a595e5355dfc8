import { describe, expect, it } from 'vitest';
import { PresenceAnnouncer } from './presenceAnnouncer.js';

/** A send that reads the "store" at its start and finishes when the test lets it. */
function controlledSends() {
  let store = 0;
  const sent: number[] = [];
  const pending: Array<() => void> = [];
  const announcer = new PresenceAnnouncer(async () => {
    const read = store;
    await new Promise<void>((resolve) => pending.push(resolve));
    sent.push(read);
  });
  return { announcer, sent, pending, change: () => ++store };
}

describe('PresenceAnnouncer', () => {
  it('sends one list at a time per group, and once more after a change heard during a send, so the last list is current', async () => {
    const { announcer, sent, pending, change } = controlledSends();
    change();
    const first = announcer.announce('w1');
    // Three changes while the first send is under way: one more send, not three, and it reads all of them.
    change();
    const second = announcer.announce('w1');
    change();
    void announcer.announce('w1');
    change();
    void announcer.announce('w1');
    expect(pending).toHaveLength(1);
    pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(pending).toHaveLength(1);
    pending.shift()!();
    await Promise.all([first, second]);
    expect(sent).toEqual([1, 4]);
  });

  it('keeps groups apart, and starts afresh after a send that failed', async () => {
    let fail = true;
    const sent: string[] = [];
    const announcer = new PresenceAnnouncer(async (workspaceId) => {
      if (fail) throw new Error('Redis unreachable');
      sent.push(workspaceId);
    });
    await expect(announcer.announce('w1')).rejects.toThrow('Redis unreachable');
    fail = false;
    await Promise.all([announcer.announce('w1'), announcer.announce('w2')]);
    expect(sent.sort()).toEqual(['w1', 'w2']);
  });
});
