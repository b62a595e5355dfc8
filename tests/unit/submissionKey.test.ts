import { describe, expect, it } from 'vitest';
import { createSubmissionKey } from '../../client/lib/submissionKey.js';

describe('a form’s submission keys', () => {
  it('repeat for the same content until it succeeds, and change with the content', () => {
    const keys = createSubmissionKey();
    const first = keys.keyFor({ title: 'Acción', due: '2027-01-01' });
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    // A retry of the same content (a lost reply, a network error) is the same request.
    expect(keys.keyFor({ title: 'Acción', due: '2027-01-01' })).toBe(first);
    // Edited before sending again: a new request.
    const edited = keys.keyFor({ title: 'Acción revisada', due: '2027-01-01' });
    expect(edited).not.toBe(first);
    // After a success, the same words sent again on purpose are a new request too.
    keys.done();
    expect(keys.keyFor({ title: 'Acción revisada', due: '2027-01-01' })).not.toBe(edited);
    // Each form has its own keys.
    expect(createSubmissionKey().keyFor({ title: 'Acción', due: '2027-01-01' })).not.toBe(first);
  });
});
