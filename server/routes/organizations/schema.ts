/** Inputs of the organization routes: creation takes the shared schema, a change takes any of its fields. */
import { z } from 'zod';
import { idSchema, nonEmpty, organizationInput, stateCodeSchema } from '../../../shared/schemas.js';

export const organizationParams = z.object({ id: idSchema });

/** A change to an organization: the creation rules per field; `stateCode: null` clears the state. */
export const organizationPatch = z
  .object({
    name: organizationInput.shape.name.optional(),
    acronym: organizationInput.shape.acronym.optional(),
    level: organizationInput.shape.level.optional(),
    stateCode: stateCodeSchema.nullable().optional(),
    /** false deactivates a defunct agency, true reactivates it. */
    active: z.boolean().optional(),
  })
  .strict()
  .refine(nonEmpty, 'Nothing to change');
