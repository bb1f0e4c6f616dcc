import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
// The person's pseudonymous key from the organ's notice: a person's help follows them from stage to
// stage and agency to agency without justice ever holding their ID number.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'alter table help_request_notice add column person_key text',
    'create index help_request_notice_person_idx on help_request_notice (person_key, requested_at) where person_key is not null',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop index help_request_notice_person_idx',
    'alter table help_request_notice drop column person_key',
  ]);
}
