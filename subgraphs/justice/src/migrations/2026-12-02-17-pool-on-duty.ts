import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
// Art. 4: some agencies keep a pool (库) beside the roster; its lawyers serve on duty only where the
// agency admits them to duty.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'alter table legal_aid_agency add column pool_serves_duty boolean not null default false',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['alter table legal_aid_agency drop column pool_serves_duty']);
}
