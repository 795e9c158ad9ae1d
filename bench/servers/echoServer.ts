/** Child process: the bare echo bot on PORT, announcing its URL on stdout. */
import { startEchoBot } from '../echoBot';

startEchoBot(Number(process.env.PORT ?? 0)).then(({ url }) => {
  process.stdout.write(`READY ${url}\n`);
});
