import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
// One sentencing recommendation has at most one signed plea agreement in force; re-signing needs
// the earlier one withdrawn, with who, when and why kept on the row (the history stays).
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'alter table plea_agreement add column withdrawn_at timestamptz',
    'alter table plea_agreement add column withdrawn_by text',
    'alter table plea_agreement add column withdrawal_reason text',
    `alter table plea_agreement add constraint plea_agreement_withdrawal check (
      (withdrawn_at is null) = (withdrawn_by is null) and (withdrawn_at is null) = (withdrawal_reason is null))`,
    // Rows from before the rule: all but the latest agreement of a recommendation are withdrawn.
    `update plea_agreement a set withdrawn_at = a.recorded_at, withdrawn_by = 'migration',
       withdrawal_reason = '同一量刑建议有多份具结书，保留最后签署的一份'
     where exists (select 1 from plea_agreement b where b.recommendation_id = a.recommendation_id
       and (b.signed_at, b.id) > (a.signed_at, a.id))`,
    'create unique index plea_agreement_in_force_idx on plea_agreement (recommendation_id) where withdrawn_at is null',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop index plea_agreement_in_force_idx',
    'alter table plea_agreement drop constraint plea_agreement_withdrawal',
    'alter table plea_agreement drop column withdrawal_reason',
    'alter table plea_agreement drop column withdrawn_by',
    'alter table plea_agreement drop column withdrawn_at',
  ]);
}
