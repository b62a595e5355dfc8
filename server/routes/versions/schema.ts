/** zod shapes of the version routes. */
import { z } from 'zod';
import { idSchema, nameSchema } from '../../../shared/schemas.js';

export const idParams = z.object({ id: idSchema });
export const createVersionBody = z.object({ name: nameSchema }).strict();
export const diffQuery = z.object({ from: idSchema, to: idSchema.default('current') });
