// `pnpm freeze-migrations`: records the hash of each new migration (never rewrites a recorded one).
import { freezeNewMigrations } from './migration-lock.js';

const added = freezeNewMigrations();
console.log(added.length ? `frozen: ${added.join(', ')}` : 'no new migrations');
