import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen. The first version of the shift rules computed the start of the China month through a
// cast that depends on the session's time zone; this one does not.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `create or replace function duty_shift_rules() returns trigger language plpgsql as $$
    declare
      local_month timestamp;
      month_start timestamptz;
      month_end timestamptz;
      taken integer;
      max_allowed integer;
    begin
      if new.status <> 'SCHEDULED' or new.lawyer_id is null then
        return new;
      end if;
      if tg_op = 'INSERT' and new.starts_at < now() then
        raise exception 'shift in the past' using errcode = 'check_violation', constraint = 'duty_shift_not_in_past';
      end if;
      if tg_op = 'UPDATE' and new.ends_at < now() then
        raise exception 'shift in the past' using errcode = 'check_violation', constraint = 'duty_shift_not_in_past';
      end if;
      if not exists (select 1 from roster_entry where lawyer_id = new.lawyer_id and status = 'ACTIVE') then
        raise exception 'lawyer not active on a roster' using errcode = 'check_violation', constraint = 'duty_shift_lawyer_on_roster';
      end if;
      -- One lawyer's shifts are checked one writer at a time, so two writes cannot both pass the count.
      perform pg_advisory_xact_lock(hashtext('duty_shift:' || new.lawyer_id));
      -- The China (UTC+8) calendar month of the shift, in plain timestamps (no session time zone).
      local_month := date_trunc('month', (new.starts_at at time zone 'UTC') + interval '8 hours');
      month_start := (local_month - interval '8 hours') at time zone 'UTC';
      month_end := (local_month + interval '1 month' - interval '8 hours') at time zone 'UTC';
      select count(*) into taken from duty_shift
        where lawyer_id = new.lawyer_id and status = 'SCHEDULED' and id <> new.id
          and starts_at >= month_start and starts_at < month_end
          and (mode = 'ON_SITE') = (new.mode = 'ON_SITE');
      select case when new.mode = 'ON_SITE' then max_on_site_per_month else max_remote_per_month end
        into max_allowed from lawyer where id = new.lawyer_id;
      if taken >= max_allowed then
        raise exception 'monthly limit reached' using errcode = 'check_violation', constraint = 'duty_shift_lawyer_monthly_limit';
      end if;
      return new;
    end $$`,
  ]);
}

export async function down(_db: Kysely<unknown>) {
  // The corrected function stays: the earlier one was wrong outside UTC sessions.
}
