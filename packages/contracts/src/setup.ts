import { z } from 'zod';
import { SETUP_STEPS } from './constants.ts';

export const SetupStep = z.enum(SETUP_STEPS);
export type SetupStep = z.infer<typeof SetupStep>;

/** Each step with whether it is done, derived from the system's state (nothing to tick by hand). */
export const SetupChecklist = z.object({
  steps: z.array(z.object({ step: SetupStep, done: z.boolean() })),
});
export type SetupChecklist = z.infer<typeof SetupChecklist>;
