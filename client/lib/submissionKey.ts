/**
 * One Idempotency-Key per submission of a form. A retry of the same content (after a lost reply or a network error)
 * reuses the key, so the server answers with what it already created instead of creating it twice; changed content,
 * or a submission after a success, gets a new key.
 */
import { useRef } from 'react';

export interface SubmissionKey {
  /** The key to send with this content. */
  keyFor(content: unknown): string;
  /** The submission succeeded: the next one is a new request. */
  done(): void;
}

/** A fresh random key (`getRandomValues`, not `randomUUID`: the latter exists only on HTTPS and localhost). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Creates the keys of one form. */
export function createSubmissionKey(): SubmissionKey {
  let last: { content: string; key: string } | null = null;
  return {
    keyFor(content) {
      const json = JSON.stringify(content);
      if (last?.content !== json) last = { content: json, key: newKey() };
      return last.key;
    },
    done() {
      last = null;
    },
  };
}

/** The submission keys of a form component, kept across renders. */
export function useSubmissionKey(): SubmissionKey {
  const ref = useRef<SubmissionKey | null>(null);
  ref.current ??= createSubmissionKey();
  return ref.current;
}
