import { randomUUID } from 'node:crypto';
import {
  byKeys,
  canSeeRegion,
  chinaToday,
  DutyError,
  hasAnyRole,
  LEGAL_AID_STAFF,
  listRegionPrefix,
  maskPhoneNumber,
  maskResidentIdNumber,
  type Principal,
  pageByKey,
  regionFullName,
  requireRegionRole,
  withDatabaseRules,
} from '@duty/kit';
import { z } from 'zod';
import { findAgenciesByIds } from '../agencies/queries.js';
import { LegalAidAgency } from '../agencies/schema.js';
import { builder, type Context } from '../builder.js';
import { findLawyersByIds, listLawyers } from './queries.js';
import type { Lawyer as LawyerRow } from './table.js';

/** The lawyer themself, or legal aid staff of the lawyer's region, see private details unmasked. */
const seesPrivateDetails = (p: Principal | null, l: LawyerRow) =>
  p?.lawyerId === l.id || (hasAnyRole(p, LEGAL_AID_STAFF) && canSeeRegion(p, l.region_code));

const Gender = builder.enumType('Gender', {
  description: 'Gender (性别)',
  values: { MALE: { description: '男' }, FEMALE: { description: '女' } } as const,
});

const PracticeKind = builder.enumType('PracticeKind', {
  description: 'Kind of practice (执业类别)',
  values: {
    PRIVATE_PRACTICE: { description: '社会律师' },
    AGENCY: { description: '法律援助机构律师' },
  } as const,
});

export const Lawyer = builder.loadableObject('Lawyer', {
  description: 'Lawyer (律师); a duty lawyer (值班律师) serves through the roster',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findLawyersByIds(ctx.db, ids), (r) => r.id, '律师'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: 'Name (姓名)' }),
    gender: t.expose('gender', { type: Gender, description: 'Gender (性别)' }),
    licenseNo: t.expose('license_no', {
      type: 'LawyerLicenseNo',
      description: 'Practice license number (律师执业证号)',
    }),
    lawFirm: t.exposeString('law_firm', { description: 'Law firm or agency (执业机构)' }),
    practiceKind: t.expose('practice_kind', {
      type: PracticeKind,
      description: 'Kind of practice (执业类别)',
    }),
    practiceYears: t.int({
      description: 'Years in practice (执业年限)',
      resolve: (l) => Math.max(0, new Date().getFullYear() - l.first_licensed_year),
    }),
    regionCode: t.expose('region_code', { type: 'RegionCode', description: 'Region code (行政区划代码)' }),
    regionName: t.string({
      description: 'Region name (行政区划名称)',
      resolve: (l) => regionFullName(l.region_code) ?? l.region_code,
    }),
    agency: t.field({
      type: LegalAidAgency,
      description: 'Managing legal aid agency (管理的法律援助机构)',
      resolve: (l) => l.agency_id,
    }),
    phone: t.field({
      type: 'String',
      description:
        'Mobile phone (手机号码); masked unless you are the lawyer or legal aid staff of the region',
      resolve: (l, _args, ctx) => (seesPrivateDetails(ctx.principal, l) ? l.phone : maskPhoneNumber(l.phone)),
    }),
    residentIdNumber: t.field({
      type: 'String',
      nullable: true,
      description:
        'Resident ID number (居民身份证号码): for vetting by legal aid staff — whole within their region, masked elsewhere; the lawyer sees their own. Forbidden to other roles.',
      authScopes: (l) => ({ $any: { lawyer: l.id, anyRole: LEGAL_AID_STAFF } }),
      resolve: (l, _args, ctx) =>
        seesPrivateDetails(ctx.principal, l)
          ? l.resident_id_number
          : maskResidentIdNumber(l.resident_id_number),
    }),
  }),
});

builder.asEntity(Lawyer, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => Lawyer.getDataloader(ctx).load(ref.id),
});

builder.queryFields((t) => ({
  lawyer: t.field({
    type: Lawyer,
    nullable: true,
    description: 'One lawyer by id (按编号查询律师)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }) => String(id),
  }),
  lawyers: t.connection(
    {
      type: Lawyer,
      // Nullable: if this agency's subgraph fails, the other agencies' fields still come back.
      nullable: true,
      description: "Lawyers in a region, the caller's own by default (辖区内的律师)",
      authScopes: { signedIn: true },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (l: LawyerRow) => l.id,
          (page) => listLawyers(ctx.db, regionPrefix, page),
        );
      },
    },
    { name: 'LawyerConnection', description: 'A page of lawyers (律师分页列表)' },
    { name: 'LawyerEdge' },
  ),
}));

const LAWYER_RULES = {
  lawyer_license_no_key: { code: 'CONFLICT', message: '该执业证号已登记' },
  lawyer_resident_id_number_key: { code: 'CONFLICT', message: '该身份证号码已登记' },
} as const;

const RegisterLawyerInput = builder.inputType('RegisterLawyerInput', {
  description: 'A lawyer to register (律师登记)',
  fields: (t) => ({
    name: t.string({
      required: true,
      validate: z.string().trim().min(2, '姓名至少 2 个字').max(40, '姓名最多 40 字'),
    }),
    gender: t.field({ type: Gender, required: true }),
    residentIdNumber: t.field({ type: 'ResidentIdNumber', required: true }),
    licenseNo: t.field({ type: 'LawyerLicenseNo', required: true }),
    lawFirm: t.string({
      required: true,
      validate: z.string().trim().min(2, '执业机构至少 2 个字').max(100, '执业机构最多 100 字'),
    }),
    practiceKind: t.field({ type: PracticeKind, required: true }),
    firstLicensedYear: t.int({
      required: true,
      validate: z.number().int().min(1950, '首次执业年份不早于 1950 年').max(2100),
    }),
    phone: t.field({ type: 'PhoneNumber', required: true }),
    regionCode: t.field({
      type: 'RegionCode',
      required: true,
      description: 'Where the lawyer practises (执业地区)',
    }),
    agencyId: t.id({ description: 'Managing agency (管理机构)；默认为本人所在机构' }),
  }),
});

builder.mutationField('registerLawyer', (t) =>
  t.field({
    type: Lawyer,
    description: 'Register a lawyer with a legal aid agency (登记律师信息)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: { input: t.arg({ type: RegisterLawyerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const agencyId = String(input.agencyId ?? ctx.principal?.agencyId ?? '');
      const [agency] = await findAgenciesByIds(ctx.db, [agencyId]);
      if (!agency) throw new DutyError('NOT_FOUND', `未找到法律援助机构（编号 ${agencyId}）`);
      requireRegionRole(ctx, LEGAL_AID_STAFF, agency.region_code, '为该机构登记律师');
      if (input.firstLicensedYear > Number(chinaToday().slice(0, 4))) {
        throw new DutyError('BAD_USER_INPUT', '首次执业年份不能晚于今年', { reason: 'FIRST_LICENSED_YEAR' });
      }
      const id = randomUUID();
      await withDatabaseRules(LAWYER_RULES, () =>
        ctx.db
          .insertInto('lawyer')
          .values({
            id,
            name: input.name,
            gender: input.gender,
            resident_id_number: input.residentIdNumber,
            license_no: input.licenseNo,
            law_firm: input.lawFirm,
            practice_kind: input.practiceKind,
            first_licensed_year: input.firstLicensedYear,
            phone: input.phone,
            region_code: input.regionCode,
            agency_id: agency.id,
          })
          .execute(),
      );
      return id;
    },
  }),
);
