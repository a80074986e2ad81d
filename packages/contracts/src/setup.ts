import { z } from 'zod';

/**
 * The first-run steps an administrator is shown on the console's home, in order. (Replacing the generated
 * password is not one: the console asks for it at the first sign-in and nothing else answers before.)
 */
export const SETUP_STEPS = ['routing', 'centres', 'calendar', 'zalo', 'staff'] as const;
export const SetupStep = z.enum(SETUP_STEPS);
export type SetupStep = z.infer<typeof SetupStep>;

/** Each step with whether it is done, derived from the system's state (nothing to tick by hand). */
export const SetupChecklist = z.object({
  steps: z.array(z.object({ step: SetupStep, done: z.boolean() })),
});
export type SetupChecklist = z.infer<typeof SetupChecklist>;
