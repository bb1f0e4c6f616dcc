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

/** Kinds of organ that take help requests and notify the legal aid agency (通知机关). */
export const ORGAN_KIND = {
  COURT: { description: '人民法院' },
  PROCURATORATE: { description: '人民检察院' },
  PUBLIC_SECURITY: { description: '公安机关（含国家安全机关）' },
  DETENTION_CENTER: { description: '看守所' },
} as const;
export type OrganKind = keyof typeof ORGAN_KIND;

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
  /**
   * Other organs following the request, which see how the agency handles it too: the organ handling
   * the case and the detention center holding the person, where those are not the sender.
   */
  concernedOrganIds?: string[];
  /** The person's pseudonymous key (`personKey`), which links their requests across stages. */
  personKey?: string;
  /** The justice workstation at the organ, when the organ has one. */
  workstationId: string | null;
  requestedAt: string;
  deadlineAt: string;
}

export const HELP_REQUEST_NOTICE = 'help-request-notice';

/**
 * The notice justice sends an organ when the legal aid agency assigns defense counsel to a person
 * whose request the organ recorded: the person now has counsel, and the duty-lawyer path closes.
 */
export interface DefenseAssignedNotice {
  /** The organ subgraph holding the request. */
  subgraph: SubgraphName;
  requestId: string;
  assignedAt: string;
}

export const DEFENSE_ASSIGNED = 'defense-assigned';

/**
 * Delivers an outbox message of the exchange between agencies to the subgraph it is for: help
 * request notices to justice, defense assignments back to the organ. Receivers are idempotent.
 */
export async function deliverExchange(peers: PeerClient, message: OutboxMessage): Promise<void> {
  const caller = { principal: null, requestId: `outbox-${message.id}` };
  if (message.topic === HELP_REQUEST_NOTICE) {
    await peers.query(
      'justice',
      caller,
      'mutation($n: HelpRequestNoticeInput!) { receiveHelpRequestNotice(notice: $n) }',
      { n: message.payload },
    );
  } else if (message.topic === DEFENSE_ASSIGNED) {
    const n = message.payload as DefenseAssignedNotice;
    await peers.query(
      n.subgraph,
      caller,
      'mutation($n: DefenseAssignedInput!) { receiveDefenseAssignment(notice: $n) }',
      { n },
    );
  } else {
    throw new Error(`unknown outbox topic ${message.topic}`);
  }
}
