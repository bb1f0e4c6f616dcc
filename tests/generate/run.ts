// `pnpm generate`: loads PostgreSQL with a deterministic dataset the size of a year of national
// duty lawyer work (or a small one over the demo regions), one database per subgraph, ready for
// `pnpm bench` and for `DUTY_DB_PREFIX=… pnpm start`. Bulk COPY, indexes built after the load.
import { parseArgs } from 'node:util';
import { chinaToday, validateLocalDate } from '@duty/kit';
import { generate, SIZES } from './generate.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'national' },
    prefix: { type: 'string' },
    until: { type: 'string', default: chinaToday() },
  },
});
const fail = (message: string): never => {
  process.stderr.write(`pnpm generate: ${message}\n`);
  process.exit(2);
};
const pgUrl =
  process.env.DUTY_PG_URL ||
  fail('it loads PostgreSQL: set DUTY_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
if (!(args.size! in SIZES)) fail(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
if (!validateLocalDate(args.until!).ok) fail(`--until must be a date, YYYY-MM-DD: ${args.until}`);
const prefix = args.prefix ?? `duty_${args.size}`;
if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix))
  fail(`--prefix must be lower-case letters, digits and _: ${prefix}`);
await generate({
  pgUrl,
  size: args.size as keyof typeof SIZES,
  prefix,
  until: args.until!,
  log: (line) => console.log(line),
});
console.log(`\nServe it: DUTY_PG_URL=${pgUrl} DUTY_DB_PREFIX=${prefix} pnpm start`);
