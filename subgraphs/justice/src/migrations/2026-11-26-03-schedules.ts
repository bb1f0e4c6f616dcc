import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'create extension if not exists btree_gist',
    // What a workstation shows the public (art. 3) and how its duty is planned (art. 5).
    `alter table workstation
      add column legal_aid_scope text not null default '',
      add column legal_aid_conditions text not null default '',
      add column duty_lawyer_duties text not null default '',
      add column slots jsonb not null default '[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"17:00"}]',
      add column planned_daily_demand integer not null default 1 check (planned_daily_demand between 0 and 20),
      add column assignment text not null default 'ROTATION' check (assignment in ('FIXED', 'ROTATION')),
      add column fixed_lawyer_ids text[] not null default '{}'`,
    'create unique index workstation_host_once on workstation (host_kind, host_id, name)',
    // A lawyer's limits per calendar month (China time): on-site half-days, and phone/online ones.
    `alter table lawyer
      add column max_on_site_per_month integer not null default 8 check (max_on_site_per_month between 0 and 62),
      add column max_remote_per_month integer not null default 12 check (max_remote_per_month between 0 and 62)`,
    `create table lawyer_unavailable_date (
      lawyer_id text not null references lawyer (id),
      date date not null,
      reason text not null default '',
      primary key (lawyer_id, date)
    )`,
    `create table duty_shift (
      id text primary key,
      workstation_id text not null references workstation (id),
      lawyer_id text references lawyer (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      mode text not null check (mode in ('ON_SITE', 'PHONE', 'ONLINE')),
      assignment text not null default 'ROTATION' check (assignment in ('FIXED', 'ROTATION')),
      status text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'CANCELLED')),
      lent_from_agency_id text references legal_aid_agency (id),
      cancel_reason text,
      created_by text not null,
      created_at timestamptz not null default now(),
      constraint duty_shift_span check (ends_at > starts_at and ends_at - starts_at <= interval '24 hours'),
      constraint duty_shift_cancel_reason check (status <> 'CANCELLED' or length(cancel_reason) >= 2),
      constraint duty_shift_no_double_booking exclude using gist (
        lawyer_id with =, tstzrange(starts_at, ends_at) with &&
      ) where (lawyer_id is not null and status = 'SCHEDULED')
    )`,
    'create index duty_shift_workstation_idx on duty_shift (workstation_id, starts_at)',
    'create index duty_shift_lawyer_idx on duty_shift (lawyer_id, starts_at)',
    `create table duty_shift_change (
      id text primary key,
      shift_id text not null references duty_shift (id),
      kind text not null check (kind in ('SWAP', 'CANCEL')),
      from_lawyer_id text references lawyer (id),
      to_lawyer_id text references lawyer (id),
      reason text not null check (length(reason) between 2 and 500),
      changed_by text not null,
      changed_at timestamptz not null default now()
    )`,
    'create index duty_shift_change_shift_idx on duty_shift_change (shift_id, changed_at)',
    // The scheduling rules hold in the database, whoever writes: only active roster lawyers, not
    // in the past, within each lawyer's monthly limits. (Double booking: the exclusion above.)
    `create function duty_shift_rules() returns trigger language plpgsql as $$
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
    `create trigger duty_shift_rules before insert or update of lawyer_id, starts_at, ends_at, mode, status
      on duty_shift for each row execute function duty_shift_rules()`,
    `create function duty_shift_change_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'shift history is append-only' using errcode = 'check_violation', constraint = 'duty_shift_change_append_only';
    end $$`,
    `create trigger duty_shift_change_append_only before update or delete on duty_shift_change
      for each row execute function duty_shift_change_append_only()`,
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop table duty_shift_change',
    'drop function duty_shift_change_append_only',
    'drop table duty_shift',
    'drop function duty_shift_rules',
    'drop table lawyer_unavailable_date',
    'alter table lawyer drop column max_on_site_per_month, drop column max_remote_per_month',
    'drop index workstation_host_once',
    `alter table workstation drop column legal_aid_scope, drop column legal_aid_conditions,
      drop column duty_lawyer_duties, drop column slots, drop column planned_daily_demand,
      drop column assignment, drop column fixed_lawyer_ids`,
  ]);
}
