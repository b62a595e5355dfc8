/** The diff worker (a worker thread, see textDiffer.ts): word-diffs two plan texts and posts back the runs. */
import { serveJobs } from '../workers/jobPort.js';
import { runTextDiff, type TextDiffJob } from './textDiffJob.js';
import type { TextRun } from '../../shared/textDiff.js';

serveJobs<TextDiffJob, TextRun[]>(runTextDiff);
