import type { Kysely, Migration } from 'kysely';
import { runStatements } from '../../sql.js';

// Frozen: a template the subgraphs' own migrations call; change it with a new template.
/**
 * Makes the audit log tamper-evident: each row carries `seq`, the hash of the row before it and its
 * own SHA-256 over its fields and that hash, set by the database on insert (under a lock, so the
 * chain has one order). `audit_log_row_hash` is the one definition the trigger and the verifier
 * share. Rows from before are chained in (at, id) order. TRUNCATE is refused like UPDATE/DELETE.
 */
export function auditChain(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await runStatements(db, [
        'create sequence audit_log_seq',
        'alter table audit_log add column seq bigint',
        'alter table audit_log add column prev_hash text',
        'alter table audit_log add column hash text',
        `create function audit_log_row_hash(r audit_log, prev text) returns text language sql immutable as $$
      select encode(sha256(convert_to(jsonb_build_array(r.seq, r.id,
        to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.action, r.subject_type,
        r.subject_id, r.user_id, r.roles, r.agency_id, r.agency_kind, r.region_code, r.request_id, prev)::text,
        'UTF8')), 'hex') $$`,
        // The rows already there are chained once, by the owner, with the append-only rule paused.
        'alter table audit_log disable trigger audit_log_append_only',
        `do $$ declare r audit_log; last text; begin
      for r in select * from audit_log order by at, id loop
        r.seq := nextval('audit_log_seq');
        update audit_log set seq = r.seq, prev_hash = last, hash = audit_log_row_hash(r, last) where id = r.id
          returning hash into last;
      end loop; end $$`,
        'alter table audit_log enable trigger audit_log_append_only',
        'alter table audit_log alter column seq set not null',
        'alter table audit_log alter column hash set not null',
        'create unique index audit_log_seq_idx on audit_log (seq)',
        `create function audit_log_chain() returns trigger language plpgsql as $$
    declare last text;
    begin
      -- One writer at a time extends the chain; the lock ends with the writing transaction.
      perform pg_advisory_xact_lock(hashtext('audit_log_chain'));
      new.seq := nextval('audit_log_seq');
      select hash into last from audit_log order by seq desc limit 1;
      new.prev_hash := last;
      new.hash := audit_log_row_hash(new, last);
      return new;
    end $$`,
        `create trigger audit_log_chain before insert on audit_log
      for each row execute function audit_log_chain()`,
        `create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`,
      ]);
    },
    async down(db: Kysely<unknown>) {
      await runStatements(db, [
        'drop trigger audit_log_no_truncate on audit_log',
        'drop trigger audit_log_chain on audit_log',
        'drop function audit_log_chain',
        'drop function audit_log_row_hash',
        'alter table audit_log drop column hash',
        'alter table audit_log drop column prev_hash',
        'alter table audit_log drop column seq',
        'drop sequence audit_log_seq',
      ]);
    },
  };
}
