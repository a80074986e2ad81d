/**
 * Lets a service ask for a job to run soon (after it committed work for it) without knowing about the queue:
 * the job worker binds the real sender at start; without a worker (tests, migrations) a fire does nothing and
 * the job's schedule picks the work up.
 */
export interface JobTrigger {
  fire(name: string): void;
  bind(sender: (name: string) => Promise<unknown>, onError: (err: unknown) => void): void;
}

export function createJobTrigger(): JobTrigger {
  let send: ((name: string) => Promise<unknown>) | null = null;
  let report: (err: unknown) => void = () => {};
  return {
    fire(name) {
      send?.(name).catch(report);
    },
    bind(sender, onError) {
      send = sender;
      report = onError;
    },
  };
}
