import type { AgencyKind, Principal, Role } from '../principal.js';
import { DEMO_REGIONS, demoDirectory } from './directory.js';

export interface DemoUser extends Principal {
  /** Chinese label for pickers: "北京市朝阳区人民法院 · 法院工作人员". */
  label: string;
}

export const ROLE_LABELS: Record<Role, string> = {
  DUTY_LAWYER: '值班律师',
  LEGAL_AID_DISPATCHER: '法律援助机构调度员',
  LEGAL_AID_SUPERVISOR: '法律援助机构负责人',
  JUSTICE_ADMIN: '司法行政机关管理员',
  COURT_STAFF: '法院工作人员',
  PROCURATORATE_STAFF: '检察院工作人员',
  POLICE_STAFF: '公安机关工作人员',
  DETENTION_CENTER_STAFF: '看守所工作人员',
  STATE_SECURITY_STAFF: '国家安全机关工作人员',
  BAR_ASSOCIATION_STAFF: '律师协会工作人员',
  JOINT_MEETING_MEMBER: '联席会议成员',
};

let cached: DemoUser[] | undefined;

/** One demo user per role and demo region, tied to the demo directory's agencies. */
export function demoUsers(): DemoUser[] {
  if (cached) return cached;
  const d = demoDirectory();
  const byId = <T extends { id: string; name: string }>(list: T[], id: string) => {
    const found = list.find((x) => x.id === id);
    if (!found) throw new Error(`demo directory lacks ${id}`);
    return found;
  };
  const users: DemoUser[] = [];
  const add = (
    userId: string,
    agency: { id: string; name: string },
    agencyKind: AgencyKind,
    regionCode: string,
    roles: Role[],
    extra: Partial<Principal> = {},
  ) => {
    const label = `${agency.name} · ${roles.map((r) => ROLE_LABELS[r]).join('、')}`;
    users.push({
      userId,
      name: extra.name ?? label,
      agencyId: agency.id,
      agencyKind,
      regionCode,
      roles,
      label,
      ...extra,
    });
  };
  for (const { province, cities } of DEMO_REGIONS) {
    add(`justice-admin-${province}`, byId(d.justiceBureaus, `jb-${province}`), 'JUSTICE_BUREAU', province, [
      'JUSTICE_ADMIN',
      'JOINT_MEETING_MEMBER',
    ]);
    add(
      `bar-staff-${province}`,
      { id: `bar-${province}`, name: `${byId(d.justiceBureaus, `jb-${province}`).name.slice(0, 3)}律师协会` },
      'BAR_ASSOCIATION',
      province,
      ['BAR_ASSOCIATION_STAFF'],
    );
    add(
      `state-security-staff-${province}`,
      byId(d.policeOrgans, `ssb-${province}`),
      'STATE_SECURITY',
      province,
      ['STATE_SECURITY_STAFF'],
    );
    for (const { counties } of cities) {
      for (const county of counties) {
        add(`dispatcher-${county}`, byId(d.legalAidAgencies, `laa-${county}`), 'LEGAL_AID_AGENCY', county, [
          'LEGAL_AID_DISPATCHER',
        ]);
        add(`supervisor-${county}`, byId(d.legalAidAgencies, `laa-${county}`), 'LEGAL_AID_AGENCY', county, [
          'LEGAL_AID_SUPERVISOR',
        ]);
        add(`court-staff-${county}`, byId(d.courts, `court-${county}`), 'COURT', county, ['COURT_STAFF']);
        add(
          `procuratorate-staff-${county}`,
          byId(d.procuratorates, `proc-${county}`),
          'PROCURATORATE',
          county,
          ['PROCURATORATE_STAFF'],
        );
        add(`police-staff-${county}`, byId(d.policeOrgans, `psb-${county}`), 'PUBLIC_SECURITY', county, [
          'POLICE_STAFF',
        ]);
        add(
          `detention-staff-${county}`,
          byId(d.detentionCenters, `dc-${county}`),
          'PUBLIC_SECURITY',
          county,
          ['DETENTION_CENTER_STAFF'],
        );
        const lawyer = byId(d.lawyers, `lawyer-${county}-01`);
        add(
          `lawyer-${county}-01`,
          byId(d.legalAidAgencies, lawyer.agencyId),
          'LEGAL_AID_AGENCY',
          county,
          ['DUTY_LAWYER'],
          {
            lawyerId: lawyer.id,
            name: lawyer.name,
          },
        );
      }
    }
  }
  for (const u of users) if (u.roles.includes('DUTY_LAWYER')) u.label = `${u.name}（${u.label}）`;
  cached = users;
  return users;
}

export const findDemoUser = (userId: string) => demoUsers().find((u) => u.userId === userId);
