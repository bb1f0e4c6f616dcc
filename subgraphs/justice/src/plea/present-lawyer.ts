import { DutyError, isRegionWithin, regionFullName } from '@duty/kit';
import { builder } from '../builder.js';
import { ASSIGNMENT_ENDED } from '../notices/table.js';
import { dutyEntries } from '../roster/on-duty.js';
import { findLawyerByLicense } from '../roster/queries.js';

const Basis = builder.enumType('PleaLawyerBasis', {
  description: 'Why a lawyer may be present at a plea signing (在场资格)',
  inaccessible: true,
  values: {
    ASSIGNED_TO_PERSON: { description: '被指派为该当事人提供法律帮助的值班律师' },
    DEFENSE_COUNSEL: { description: '法律援助机构为该当事人指派的辩护律师' },
    ON_DUTY_ROSTER: { description: '本院所在地的值班律师' },
  } as const,
});
type Basis = 'ASSIGNED_TO_PERSON' | 'DEFENSE_COUNSEL' | 'ON_DUTY_ROSTER';

const PresentLawyer = builder
  .objectRef<{ id: string; name: string; basis: Basis }>('PleaPresentLawyer')
  .implement({
    description: 'The lawyer a plea agreement may name, and why (internal)',
    inaccessible: true,
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      basis: t.field({ type: Basis, resolve: (l) => l.basis }),
    }),
  });

/** One region lies within the other: a county procuratorate and its city's agency, or the reverse. */
const onOneLine = (a: string, b: string) => isRegionWithin(a, b) || isRegionWithin(b, a);

builder.queryField('pleaPresentLawyer', (t) =>
  t.field({
    type: PresentLawyer,
    description:
      'Checks the lawyer a procuratorate names on a plea agreement (internal): the duty lawyer assigned to the person, their legal aid defense counsel, or a lawyer on duty by the roster of the procuratorate’s region',
    inaccessible: true,
    authScopes: { $all: { viaPeer: ['procuratorate'], signedIn: true } },
    args: {
      licenseNo: t.arg({ type: 'LawyerLicenseNo', required: true }),
      regionCode: t.arg({ type: 'RegionCode', required: true }),
      requestIds: t.arg.idList({ required: true, description: "The person's help requests there" }),
      personKey: t.arg.string({ description: "The person's key, linking their requests at other stages" }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyer = await findLawyerByLicense(ctx.db, args.licenseNo);
      if (!lawyer)
        throw new DutyError('BAD_USER_INPUT', `未找到执业证号为 ${args.licenseNo} 的律师`, {
          reason: 'LAWYER_NOT_FOUND',
        });
      const found = (basis: Basis) => ({ id: lawyer.id, name: lawyer.name, basis });
      const requestIds = args.requestIds.map(String);
      const notices = await ctx.db
        .selectFrom('help_request_notice')
        .select(['id', 'lawyer_id', 'status'])
        .where((eb) =>
          eb.or([
            eb.and([
              eb('subgraph', '=', 'procuratorate'),
              eb('request_id', 'in', requestIds.length ? requestIds : ['']),
            ]),
            ...(args.personKey ? [eb('person_key', '=', args.personKey)] : []),
          ]),
        )
        .execute();
      if (notices.some((n) => n.lawyer_id === lawyer.id && !ASSIGNMENT_ENDED.includes(n.status)))
        return found('ASSIGNED_TO_PERSON');
      if (notices.length) {
        const defense = await ctx.db
          .selectFrom('legal_aid_application')
          .select('id')
          .where(
            'notice_id',
            'in',
            notices.map((n) => n.id),
          )
          .where('status', '=', 'GRANTED')
          .where('defense_lawyer_id', '=', lawyer.id)
          .executeTakeFirst();
        if (defense) return found('DEFENSE_COUNSEL');
      }
      const entries = await dutyEntries(ctx.db)
        .select(['a.region_code', 'e.list'])
        .where('e.lawyer_id', '=', lawyer.id)
        .execute();
      if (entries.some((e) => onOneLine(e.region_code, args.regionCode))) return found('ON_DUTY_ROSTER');
      const who = `律师${lawyer.name}（执业证号 ${args.licenseNo}）`;
      const here = regionFullName(args.regionCode) ?? args.regionCode;
      if (entries.length) {
        const where = [...new Set(entries.map((e) => regionFullName(e.region_code) ?? e.region_code))].join(
          '、',
        );
        throw new DutyError(
          'BAD_USER_INPUT',
          `${who}是${where}的值班律师，不在本院所在地（${here}）的值班律师名册中，也不是该当事人的值班律师或辩护人，不能作为在场律师`,
          { reason: 'LAWYER_OUT_OF_REGION' },
        );
      }
      const pooled = await ctx.db
        .selectFrom('roster_entry')
        .select('id')
        .where('lawyer_id', '=', lawyer.id)
        .where('status', '=', 'ACTIVE')
        .where('list', '=', 'POOL')
        .executeTakeFirst();
      throw new DutyError(
        'BAD_USER_INPUT',
        pooled
          ? `${who}在值班律师库（备选）中，所在法律援助机构未安排库中律师值班，不能作为在场律师`
          : `${who}不在有效的值班律师名册中（或已暂停、除名），也不是该当事人的值班律师或辩护人，不能作为在场律师`,
        { reason: pooled ? 'LAWYER_IN_POOL' : 'LAWYER_NOT_ON_ROSTER' },
      );
    },
  }),
);
