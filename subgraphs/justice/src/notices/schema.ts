import {
  canSeeRegion,
  caseStageEnum,
  DutyError,
  encodeRowCursor,
  hasAnyRole,
  isAnsweredLate,
  isOverdue,
  LEGAL_AID_STAFF,
  listRegionPrefix,
  type HelpRequestNotice as NoticeInput,
  organKindEnum,
  pageByKey,
  type SubgraphName,
} from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { findNoticesByRequests } from '../dispatch/queries.js';
import { Workstation } from '../workstations/schema.js';
import { listInbox, receiveNotice, timeLimit } from './queries.js';
import { ASSIGNMENT_ENDED, type HelpRequestNotice as NoticeRow, type NoticeStatus } from './table.js';

export const CaseStage = caseStageEnum(builder);

export const NoticeStatusEnum = builder.enumType('NoticeStatus', {
  description: 'Where a help request stands at the legal aid agency (处理状态)',
  values: {
    RECEIVED: { description: '已接收' },
    ASSIGNED: { description: '已指派' },
    ACCEPTED: { description: '律师已接受' },
    IN_PROGRESS: { description: '帮助中' },
    COMPLETED: { description: '已完成' },
    CANCELLED: { description: '已撤销' },
    REFUSED_BY_ACCUSED: { description: '当事人拒绝帮助' },
  } as const,
});

const OrganKind = organKindEnum(builder);

const InboxOrder = builder.enumType('InboxOrder', {
  description: 'Inbox order (排序)',
  values: {
    NEWEST: { description: '最新在前' },
    MOST_URGENT: { description: '最紧急在前（按期限）' },
  } as const,
});

// Help requests live in the organs' subgraphs; the inbox points at them by key and each organ's
// subgraph fills in its own details (case, accused, place) through federation.
/** Which organ subgraph may send which notices; each request type joins the union below. */
const NOTICE_SOURCES: Partial<Record<SubgraphName, { organKinds: string[]; requestType: string }>> = {
  court: { organKinds: ['COURT'], requestType: 'CourtHelpRequest' },
  procuratorate: { organKinds: ['PROCURATORATE'], requestType: 'ProcuratorateHelpRequest' },
  'public-security': {
    organKinds: ['PUBLIC_SECURITY', 'DETENTION_CENTER'],
    requestType: 'PoliceHelpRequest',
  },
};

const key = builder.selection<{ id: string }>('id');
const requestRefs = Object.entries(NOTICE_SOURCES).map(([subgraph, source]) => ({
  subgraph: subgraph as SubgraphName,
  ref: builder.externalRef(source!.requestType, key, (ref) => ref),
}));

const OrganHelpRequest = builder.unionType('OrganHelpRequest', {
  description: "The organ's own help request (机关登记的法律帮助请求)",
  types: requestRefs.map((r) => r.ref),
  resolveType: (ref) => (ref as unknown as { type: string }).type,
});

export const Notice = builder.objectRef<NoticeRow>('HelpRequestNotice').implement({
  description: 'A notice received from an organ: one inbox item (法律帮助通知)',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: NoticeStatusEnum }),
    organKind: t.expose('organ_kind', { type: OrganKind }),
    organId: t.exposeID('organ_id', { description: "The organ's id in its own subgraph (通知机关编号)" }),
    stage: t.expose('stage', { type: CaseStage }),
    regionCode: t.expose('region_code', { type: 'RegionCode' }),
    requestedAt: t.expose('requested_at', { type: 'DateTime', description: 'Requested at (请求时间)' }),
    deadlineAt: t.expose('deadline_at', { type: 'DateTime', description: 'Deadline (办理期限)' }),
    receivedAt: t.expose('received_at', { type: 'DateTime', description: 'Received at (接收时间)' }),
    overdue: t.boolean({
      description: 'Unanswered past its deadline: no lawyer assigned and not closed (已超期未指派)',
      resolve: (n) => isOverdue(timeLimit(n)),
    }),
    answeredAt: t.expose('answered_at', {
      type: 'DateTime',
      nullable: true,
      description: 'First answered: a lawyer assigned, or closed (答复时间)',
    }),
    answeredLate: t.boolean({
      description: 'Answered after its deadline (逾期指派)',
      resolve: (n) => isAnsweredLate(timeLimit(n)),
    }),
    workstation: t.field({
      type: Workstation,
      nullable: true,
      description: 'The workstation at the organ (所在工作站)',
      resolve: (n) => n.workstation_id,
    }),
    request: t.field({
      type: OrganHelpRequest,
      // Nullable: the organ's subgraph may be unavailable; the inbox still answers.
      nullable: true,
      description: "The organ's request with its case, accused and place (请求详情，由机关子图提供)",
      resolve: (n) => ({ id: n.request_id, type: n.request_type }),
    }),
  }),
});

/**
 * The organ sees on its own request how the agency handles it (status, lawyer, times), resolved
 * here: the organ's staff, legal aid staff of the region, and the assigned lawyer.
 */
for (const { subgraph, ref } of requestRefs) {
  ref.implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      dispatch: t.loadable({
        type: Notice,
        nullable: true,
        description: 'How the legal aid agency handles it (法律援助机构处理情况)',
        load: async (ids: string[], ctx: Context) => {
          const rows = await findNoticesByRequests(ctx.db, subgraph, ids);
          return ids.map((id) => {
            const n = rows.find((r) => r.request_id === id);
            if (!n) return null;
            const p = ctx.principal;
            const allowed =
              p?.agencyId === n.organ_id ||
              (!!p && n.concerned_organ_ids.includes(p.agencyId)) ||
              (hasAnyRole(p, LEGAL_AID_STAFF) && canSeeRegion(p, n.region_code)) ||
              (!!n.lawyer_id && p?.lawyerId === n.lawyer_id);
            return allowed ? n : new DutyError('FORBIDDEN', '无权查看该请求的处理情况');
          });
        },
        resolve: (r) => r.id,
      }),
    }),
  });
}

builder.queryField('noticeInbox', (t) =>
  t.connection(
    {
      type: Notice,
      nullable: true,
      description:
        "The legal aid agency's inbox: notices from every organ of the region (法律援助机构收件箱)",
      authScopes: { anyRole: LEGAL_AID_STAFF },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
        status: t.arg({ type: [NoticeStatusEnum] }),
        organKind: t.arg({ type: OrganKind }),
        organId: t.arg.id({ description: 'One organ (通知机关编号)' }),
        workstationId: t.arg.id(),
        overdue: t.arg.boolean({ description: 'Only overdue, or only not overdue (是否超期)' }),
        order: t.arg({ type: InboxOrder, defaultValue: 'MOST_URGENT' }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        const order = args.order ?? 'MOST_URGENT';
        return pageByKey(
          args,
          (n: NoticeRow) =>
            order === 'NEWEST'
              ? encodeRowCursor([n.requested_at.toISOString(), n.id])
              : encodeRowCursor([n.deadline_at.toISOString(), n.id]),
          (page) =>
            listInbox(
              ctx.db,
              {
                regionPrefix,
                status: args.status as NoticeStatus[] | null,
                organKind: args.organKind,
                organId: args.organId ? String(args.organId) : null,
                workstationId: args.workstationId ? String(args.workstationId) : null,
                overdue: args.overdue,
              },
              order,
              page,
            ),
          { rawCursor: true },
        );
      },
    },
    { name: 'HelpRequestNoticeConnection', description: 'A page of the inbox (收件箱分页列表)' },
    { name: 'HelpRequestNoticeEdge' },
  ),
);

const NoticeInputType = builder.inputType('HelpRequestNoticeInput', {
  description: 'A notice as an organ subgraph delivers it (internal)',
  inaccessible: true,
  fields: (t) => ({
    requestId: t.string({ required: true }),
    requestType: t.string({ required: true }),
    subgraph: t.string({ required: true }),
    organKind: t.field({ type: OrganKind, required: true }),
    organId: t.string({ required: true }),
    regionCode: t.field({ type: 'RegionCode', required: true }),
    stage: t.field({ type: CaseStage, required: true }),
    concernedOrganIds: t.stringList(),
    personKey: t.string(),
    workstationId: t.string(),
    requestedAt: t.field({ type: 'DateTime', required: true }),
    deadlineAt: t.field({ type: 'DateTime', required: true }),
  }),
});

builder.mutationField('receiveHelpRequestNotice', (t) =>
  t.boolean({
    description: 'Receives a notice from an organ subgraph; repeated deliveries change nothing (internal)',
    // Not part of the public API: only the organ subgraphs' relays call it, with their own keys.
    inaccessible: true,
    authScopes: { viaPeer: ['court', 'procuratorate', 'public-security'] },
    args: { notice: t.arg({ type: NoticeInputType, required: true }) },
    resolve: async (_root, { notice }, ctx) => {
      // A relay delivers its own subgraph's notices, about its own kinds of organ and request,
      // as itself (no user behind it); anything else is refused loudly, never dropped.
      const allowed = NOTICE_SOURCES[notice.subgraph as SubgraphName];
      if (
        ctx.principal !== null ||
        ctx.via !== `subgraph:${notice.subgraph}` ||
        !allowed?.organKinds.includes(notice.organKind) ||
        allowed.requestType !== notice.requestType
      ) {
        throw new DutyError('FORBIDDEN', '通知来源与内容不符', { reason: 'NOTICE_SOURCE' });
      }
      const n = notice as unknown as Omit<NoticeInput, 'requestedAt' | 'deadlineAt'> & {
        requestedAt: Date;
        deadlineAt: Date;
      };
      return receiveNotice(ctx.db, {
        id: `${n.subgraph}:${n.requestId}`,
        subgraph: n.subgraph,
        request_type: n.requestType,
        request_id: n.requestId,
        organ_kind: n.organKind,
        organ_id: n.organId,
        region_code: n.regionCode,
        stage: n.stage,
        workstation_id: n.workstationId ?? null,
        concerned_organ_ids: n.concernedOrganIds ?? [],
        person_key: n.personKey ?? null,
        requested_at: n.requestedAt,
        deadline_at: n.deadlineAt,
      });
    },
  }),
);

builder.queryField('assignedRequestIds', (t) =>
  t.idList({
    description:
      "Of an organ subgraph's help requests, those the calling duty lawyer is assigned to (internal: the organ asks before showing them)",
    inaccessible: true,
    authScopes: {
      $all: { viaPeer: ['court', 'procuratorate', 'public-security'], anyRole: ['DUTY_LAWYER'] },
    },
    args: {
      subgraph: t.arg.string({ required: true }),
      requestIds: t.arg.idList({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = ctx.principal?.lawyerId;
      if (!lawyerId || args.requestIds.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('help_request_notice')
        .select('request_id')
        .where('subgraph', '=', args.subgraph as SubgraphName)
        .where('request_id', 'in', args.requestIds.map(String))
        .where('lawyer_id', '=', lawyerId)
        .where('status', 'not in', ASSIGNMENT_ENDED)
        .execute();
      return rows.map((r) => r.request_id);
    },
  }),
);
