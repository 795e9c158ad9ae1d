/** Time comes from here so that tests and the retention/reminder jobs can run on a controlled clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
