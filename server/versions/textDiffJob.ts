/** The word diff of two plan texts as a job, so the diff worker and this thread run the same code. */
import { diffText, type TextRun } from '../../shared/textDiff.js';

export interface TextDiffJob {
  from: string;
  to: string;
}

/** Diffs one job's texts in this thread. */
export async function runTextDiff(job: TextDiffJob): Promise<TextRun[]> {
  return diffText(job.from, job.to);
}
