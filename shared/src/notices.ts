import { type Kysely, sql } from 'kysely';
import type { SubgraphName } from './config.js';
import type { OutboxMessage } from './outbox.js';
import type { PeerClient } from './peers.js';

/** Case stages (诉讼阶段): investigation (侦查), review for prosecution (审查起诉), trial (审判). */
export const CASE_STAGE = {
  INVESTIGATION: { description: '侦查阶段' },
  REVIEW_FOR_PROSECUTION: { description: '审查起诉阶段' },
  TRIAL: { description: '审判阶段' },
} as const;
export type CaseStage = keyof typeof CASE_STAGE;

export type OrganKind = 'COURT' | 'PROCURATORATE' | 'PUBLIC_SECURITY' | 'DETENTION_CENTER';

/**
 * The notice (通知) an organ sends the legal aid agency when it records a help request: the
 * contract between the organ subgraphs and justice. It carries keys and dates, never the accused's
 * personal data: the inbox shows those by asking the organ's own subgraph.
 */
export interface HelpRequestNotice {
  /** The organ's help request id; justice ignores a notice it already has. */
  requestId: string;
  /** The request's GraphQL type in the organ's subgraph, e.g. `CourtHelpRequest`. */
  requestType: string;
  subgraph: SubgraphName;
  organKind: OrganKind;
  organId: string;
  regionCode: string;
  stage: CaseStage;
  /** The justice workstation at the organ, when the organ has one. */
  workstationId: string | null;
  requestedAt: string;
  deadlineAt: string;
}

export const HELP_REQUEST_NOTICE = 'help-request-notice';

/** Delivers an outbox message carrying a notice to the justice subgraph (idempotent there). */
export async function deliverNotice(peers: PeerClient, message: OutboxMessage): Promise<void> {
  if (message.topic !== HELP_REQUEST_NOTICE) throw new Error(`unknown outbox topic ${message.topic}`);
  await peers.query(
    'justice',
    { principal: null, requestId: `outbox-${message.id}` },
    'mutation($n: HelpRequestNoticeInput!) { receiveHelpRequestNotice(notice: $n) }',
    { n: message.payload },
  );
}

/**
 * The deadline of a help request: the region's rule (longest matching code prefix in the organ
 * subgraph's `deadline_rule` table) or the organ's default, counted from the request.
 */
export async function helpRequestDeadline(
  db: Kysely<any>,
  regionCode: string,
  requestedAt: Date,
  defaultHours: number,
): Promise<Date> {
  const { rows } = await sql<{ hours: number }>`
    select hours from deadline_rule where ${regionCode} like region_prefix || '%'
    order by length(region_prefix) desc limit 1`.execute(db);
  const hours = rows[0]?.hours ?? defaultHours;
  return new Date(requestedAt.getTime() + hours * 3600_000);
}
