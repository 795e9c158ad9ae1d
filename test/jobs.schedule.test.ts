import { expect } from 'chai';
import { startScheduledJobs, type ScheduledJob } from '../server/jobs';

/** A job due every second (croner's six-field pattern), counting its runs. */
function everySecond(): { job: ScheduledJob; runs: () => number } {
  let runs = 0;
  return { job: { name: 'every-second', pattern: '* * * * * *', run: () => { runs += 1; return { runs }; } }, runs: () => runs };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduled jobs', function () {
  this.timeout(10_000);

  it('run once at start and then on their schedule', async () => {
    const counted = everySecond();
    const jobs = startScheduledJobs([counted.job]);
    await jobs.initialRun;
    expect(counted.runs()).to.equal(1);
    await wait(2_300);
    await jobs.stop();
    expect(counted.runs()).to.be.at.least(2);
  });

  it('run only at start when not timed, as the test harness starts the app', async () => {
    const counted = everySecond();
    const jobs = startScheduledJobs([counted.job], undefined, { timed: false });
    await jobs.initialRun;
    await wait(2_300);
    await jobs.stop();
    expect(counted.runs()).to.equal(1);
  });
});
