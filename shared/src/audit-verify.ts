// `pnpm audit-verify`: checks the hash chain of every subgraph's audit log (the databases of
// DUTY_PG_URL, or the embedded ones in DUTY_DATA_DIR, which must not be open in a running system)
// and names the first broken row. Exit code 1 when a chain is broken.
import { type Kysely, sql } from 'kysely';
import { verifyAuditChain } from './audit-chain.js';
import { databaseConfig, SUBGRAPHS } from './config.js';
import { openDatabase } from './db.js';

let broken = false;
for (const { name, title } of SUBGRAPHS) {
  const database = await openDatabase<unknown>(databaseConfig(name));
  try {
    const db = database.db as Kysely<any>;
    const { rows } = await sql<{ t: string | null }>`select to_regclass('audit_log')::text as t`.execute(db);
    if (!rows[0]?.t) continue;
    const check = await verifyAuditChain(db);
    if (check.firstBroken) {
      broken = true;
      console.log(
        `${title}（${name}）：审计日志的哈希链在第 ${check.firstBroken.seq} 条（编号 ${check.firstBroken.id}）处断开，该条或其前一条已被改动或删除`,
      );
    } else console.log(`${title}（${name}）：审计日志完整，共 ${check.rows} 条`);
  } finally {
    await database.close();
  }
}
process.exit(broken ? 1 : 0);
