import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
// Organs besides the sender that follow a request (the organ handling the case, the detention
// center holding the person): they see its dispatch too.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `alter table help_request_notice add column concerned_organ_ids text[] not null default '{}'`,
    // The inbox filtered to one organ.
    'create index help_request_notice_organ_idx on help_request_notice (organ_id, deadline_at)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop index help_request_notice_organ_idx',
    'alter table help_request_notice drop column concerned_organ_ids',
  ]);
}
