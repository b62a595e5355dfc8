/** Query schema of the activity import's template. */
import { z } from 'zod';
import { localeSchema } from '../../../shared/schemas.js';

export const activityTemplateQuery = z.object({
  /** The template's language (default: the caller's). */
  lang: z.preprocess((v) => (v === '' ? undefined : v), localeSchema.optional()),
});
