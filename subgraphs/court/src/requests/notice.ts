import type { HelpRequestNotice } from '@duty/kit';

/** Without a regional rule, the agency has 48 hours to answer a court's request. */
export const DEFAULT_DEADLINE_HOURS = 48;

/** The notice a court's help request sends the legal aid agency (keys and dates only). */
export function courtNotice(r: {
  id: string;
  courtId: string;
  regionCode: string;
  requestedAt: Date;
  deadlineAt: Date;
}): HelpRequestNotice {
  return {
    requestId: r.id,
    requestType: 'CourtHelpRequest',
    subgraph: 'court',
    organKind: 'COURT',
    organId: r.courtId,
    regionCode: r.regionCode,
    stage: 'TRIAL',
    workstationId: null,
    requestedAt: r.requestedAt.toISOString(),
    deadlineAt: r.deadlineAt.toISOString(),
  };
}
