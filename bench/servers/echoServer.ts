/** Child process: the bare echo bot on PORT, announcing its URL on stdout. */
import { startEchoBot } from '../echoBot';

startEchoBot(Number(process.env.PORT ?? 0)).then(({ url, stop }) => {
  process.stdout.write(`READY ${url}\n`);
  // A normal exit on SIGTERM, so that --cpu-prof (BENCH_ECHO_NODE_FLAGS) writes its profile.
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
});
