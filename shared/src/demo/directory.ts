import { makeLawyerLicenseNo, makeResidentIdNumber } from '../ids.js';
import { childRegions, getRegion, mainlandProvinces } from '../regions.js';
import { seededRandom } from './random.js';

/**
 * The demo directory: every agency, organ, workstation and lawyer of the demo regions, generated
 * deterministically. Each subgraph loads only its own part; ids agree across subgraphs because
 * they come from one generator.
 */
export const DEMO_REGIONS = [
  { province: '110000', cities: [{ city: '110100', counties: ['110101', '110105', '110108'] }] },
  { province: '310000', cities: [{ city: '310100', counties: ['310101', '310104', '310115'] }] },
  {
    province: '440000',
    cities: [
      { city: '440100', counties: ['440103', '440106'] },
      { city: '440300', counties: ['440304', '440305'] },
    ],
  },
  { province: '330000', cities: [{ city: '330100', counties: ['330102', '330106'] }] },
  { province: '510000', cities: [{ city: '510100', counties: ['510104', '510107'] }] },
] as const;

const AREA_CODES: Record<string, string> = {
  '1101': '010',
  '3101': '021',
  '4401': '020',
  '4403': '0755',
  '3301': '0571',
  '5101': '028',
};
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

export type CourtLevel = 'HIGH' | 'INTERMEDIATE' | 'BASIC';
export type OrganLevel = 'PROVINCE' | 'CITY' | 'COUNTY';
export type HostKind = 'COURT' | 'PROCURATORATE' | 'DETENTION_CENTER';
export type PoliceOrganKind = 'PUBLIC_SECURITY' | 'STATE_SECURITY';
export type DutyMode = 'ON_SITE' | 'PHONE' | 'ONLINE';

interface Organ {
  id: string;
  name: string;
  regionCode: string;
  address: string;
  phone: string;
}
export interface DemoCourt extends Organ {
  level: CourtLevel;
  parentId: string | null;
}
export interface DemoProcuratorate extends Organ {
  level: OrganLevel;
  parentId: string | null;
}
export interface DemoPoliceOrgan extends Organ {
  kind: PoliceOrganKind;
  level: OrganLevel;
  parentId: string | null;
}
export interface DemoDetentionCenter extends Organ {
  policeOrganId: string;
  capacity: number;
}
export interface DemoJusticeBureau extends Organ {
  level: OrganLevel;
}
export interface DemoLegalAidAgency extends Organ {
  level: OrganLevel;
  justiceBureauId: string;
}
export interface DemoWorkstation extends Organ {
  agencyId: string;
  hostKind: HostKind;
  hostId: string;
  dutyModes: DutyMode[];
  openingHours: string;
}
export interface DemoLawyer {
  id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  residentIdNumber: string;
  licenseNo: string;
  lawFirm: string;
  practiceKind: 'PRIVATE_PRACTICE' | 'AGENCY';
  firstLicensedYear: number;
  phone: string;
  regionCode: string;
  agencyId: string;
}

export interface DemoDirectory {
  courts: DemoCourt[];
  procuratorates: DemoProcuratorate[];
  policeOrgans: DemoPoliceOrgan[];
  detentionCenters: DemoDetentionCenter[];
  justiceBureaus: DemoJusticeBureau[];
  legalAidAgencies: DemoLegalAidAgency[];
  workstations: DemoWorkstation[];
  lawyers: DemoLawyer[];
}

/** Common Chinese surnames, for generated people. */
export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
];
const GIVEN_MALE = [
  '伟',
  '强',
  '磊',
  '军',
  '杰',
  '涛',
  '明',
  '超',
  '志强',
  '建华',
  '晓东',
  '文博',
  '思远',
  '浩然',
  '宇航',
  '国平',
  '振华',
  '俊杰',
];
const GIVEN_FEMALE = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '秀英',
  '桂英',
  '海燕',
  '雨涵',
  '晓梅',
  '婷婷',
  '佳怡',
  '慧敏',
  '丽娟',
  '雪',
  '欣然',
];
const FIRM_WORDS = ['明德', '正衡', '金诚', '天平', '中正', '德恒信', '君诚', '致远', '华夏衡', '公信'];
const STREETS = [
  '人民路',
  '建设路',
  '解放路',
  '中山路',
  '和平街',
  '胜利路',
  '文化路',
  '光明路',
  '长安街',
  '新华路',
];

const name = (code: string) => getRegion(code)?.name ?? code;
const isMunicipality = (province: string) => MUNICIPALITIES.has(province.slice(0, 2));

/** "北京市朝阳区" for a municipality's district, "广州市天河区" elsewhere. */
function countyLabel(county: string, city: string, province: string) {
  return isMunicipality(province) ? `${name(province)}${name(county)}` : `${name(city)}${name(county)}`;
}

function phoneFor(code: string, rnd: ReturnType<typeof seededRandom>) {
  const area = AREA_CODES[code.slice(0, 4)] ?? '010';
  const digits = area.length === 3 ? 8 : 7;
  return `${area}-${rnd.int(6, 8)}${String(rnd.int(0, 10 ** (digits - 1) - 1)).padStart(digits - 1, '0')}`;
}

function addressIn(label: string, rnd: ReturnType<typeof seededRandom>) {
  return `${label}${rnd.pick(STREETS)}${rnd.int(1, 399)}号`;
}

/** Regions to generate a directory for: provinces, their cities, the cities' counties. */
export type RegionTree = readonly {
  province: string;
  cities: readonly { city: string; counties: readonly string[] }[];
}[];

/** Every mainland province, city and county (GB/T 2260): the national-scale directory's regions. */
export function nationalRegionTree(): RegionTree {
  return mainlandProvinces().map((p) => ({
    province: p.code,
    cities: childRegions(p.code).map((c) => ({
      city: c.code,
      counties: childRegions(c.code).map((k) => k.code),
    })),
  }));
}

let cached: DemoDirectory | undefined;

/** The demo regions' directory (8 lawyers a county), the same on every start. */
export function demoDirectory(): DemoDirectory {
  cached ??= generateDirectory(DEMO_REGIONS);
  return cached;
}

/**
 * Every agency, organ, workstation and lawyer of the regions given, generated deterministically:
 * the demo's few regions or the whole country. In each county the last lawyer works for the legal
 * aid agency; the seventh (of each eight) is in the pool and the sixth was suspended (see the
 * justice roster).
 */
export function generateDirectory(
  tree: RegionTree,
  options: { lawyersPerCounty?: number } = {},
): DemoDirectory {
  const lawyersPerCounty = options.lawyersPerCounty ?? 8;
  const rnd = seededRandom('duty-demo-directory-v1');
  const d: DemoDirectory = {
    courts: [],
    procuratorates: [],
    policeOrgans: [],
    detentionCenters: [],
    justiceBureaus: [],
    legalAidAgencies: [],
    workstations: [],
    lawyers: [],
  };
  const organ = (id: string, organName: string, regionCode: string, label: string): Organ => ({
    id,
    name: organName,
    regionCode,
    address: addressIn(label, rnd),
    phone: phoneFor(regionCode, rnd),
  });
  const workstation = (host: Organ, hostKind: HostKind, agencyId: string, modes: DutyMode[]) => {
    d.workstations.push({
      ...organ(`ws-${host.id}`, `${host.name}法律援助工作站`, host.regionCode, ''),
      address: `${host.address}（${host.name}内）`,
      agencyId,
      hostKind,
      hostId: host.id,
      dutyModes: modes,
      openingHours: hostKind === 'DETENTION_CENTER' ? '工作日 8:30-17:30' : '工作日 9:00-12:00，13:30-17:00',
    });
  };

  for (const { province, cities } of tree) {
    const pName = name(province);
    const muni = isMunicipality(province);
    const pJb = {
      ...organ(`jb-${province}`, `${pName}司法${muni ? '局' : '厅'}`, province, pName),
      level: 'PROVINCE' as const,
    };
    d.justiceBureaus.push(pJb);
    d.legalAidAgencies.push({
      ...organ(`laa-${province}`, `${pName}法律援助中心`, province, pName),
      level: 'PROVINCE',
      justiceBureauId: pJb.id,
    });
    d.courts.push({
      ...organ(`court-${province}`, `${pName}高级人民法院`, province, pName),
      level: 'HIGH',
      parentId: null,
    });
    d.procuratorates.push({
      ...organ(`proc-${province}`, `${pName}人民检察院`, province, pName),
      level: 'PROVINCE',
      parentId: null,
    });
    const pPolice = {
      ...organ(`psb-${province}`, `${pName}公安${muni ? '局' : '厅'}`, province, pName),
      kind: 'PUBLIC_SECURITY' as const,
      level: 'PROVINCE' as const,
      parentId: null,
    };
    d.policeOrgans.push(pPolice);
    d.policeOrgans.push({
      ...organ(`ssb-${province}`, `${pName}国家安全${muni ? '局' : '厅'}`, province, pName),
      kind: 'STATE_SECURITY',
      level: 'PROVINCE',
      parentId: null,
    });

    for (const { city, counties } of cities) {
      const cLabel = muni ? pName : name(city);
      const cCourt: DemoCourt = {
        ...organ(`court-${city}`, muni ? `${pName}第一中级人民法院` : `${cLabel}中级人民法院`, city, cLabel),
        level: 'INTERMEDIATE',
        parentId: `court-${province}`,
      };
      d.courts.push(cCourt);
      d.procuratorates.push({
        ...organ(`proc-${city}`, muni ? `${pName}人民检察院第一分院` : `${cLabel}人民检察院`, city, cLabel),
        level: 'CITY',
        parentId: `proc-${province}`,
      });
      // A municipality's city level is its province level: no second police bureau or legal aid centre.
      let cityPolice: DemoPoliceOrgan = pPolice;
      let cityAgencyId = `laa-${province}`;
      if (!muni) {
        cityPolice = {
          ...organ(`psb-${city}`, `${cLabel}公安局`, city, cLabel),
          kind: 'PUBLIC_SECURITY',
          level: 'CITY',
          parentId: pPolice.id,
        };
        d.policeOrgans.push(cityPolice);
        d.policeOrgans.push({
          ...organ(`ssb-${city}`, `${cLabel}国家安全局`, city, cLabel),
          kind: 'STATE_SECURITY',
          level: 'CITY',
          parentId: `ssb-${province}`,
        });
        const cJb = { ...organ(`jb-${city}`, `${cLabel}司法局`, city, cLabel), level: 'CITY' as const };
        d.justiceBureaus.push(cJb);
        d.legalAidAgencies.push({
          ...organ(`laa-${city}`, `${cLabel}法律援助中心`, city, cLabel),
          level: 'CITY',
          justiceBureauId: cJb.id,
        });
        cityAgencyId = `laa-${city}`;
      }
      const cDc: DemoDetentionCenter = {
        ...organ(`dc-${city}`, `${cLabel}第一看守所`, city, cLabel),
        policeOrganId: cityPolice.id,
        capacity: rnd.int(8, 20) * 100,
      };
      d.detentionCenters.push(cDc);
      workstation(cCourt, 'COURT', cityAgencyId, ['ON_SITE', 'PHONE']);
      workstation(cDc, 'DETENTION_CENTER', cityAgencyId, ['ON_SITE', 'ONLINE']);

      for (const county of counties) {
        const label = countyLabel(county, city, province);
        const court: DemoCourt = {
          ...organ(`court-${county}`, `${label}人民法院`, county, label),
          level: 'BASIC',
          parentId: cCourt.id,
        };
        const proc: DemoProcuratorate = {
          ...organ(`proc-${county}`, `${label}人民检察院`, county, label),
          level: 'COUNTY',
          parentId: `proc-${city}`,
        };
        const short = name(county).replace(/(新区|区|县|市)$/, '');
        const police: DemoPoliceOrgan = {
          ...organ(`psb-${county}`, `${cLabel}公安局${muni ? short : name(county)}分局`, county, label),
          kind: 'PUBLIC_SECURITY',
          level: 'COUNTY',
          parentId: cityPolice.id,
        };
        const dc: DemoDetentionCenter = {
          ...organ(`dc-${county}`, `${label}看守所`, county, label),
          policeOrganId: police.id,
          capacity: rnd.int(3, 9) * 100,
        };
        const jb = { ...organ(`jb-${county}`, `${label}司法局`, county, label), level: 'COUNTY' as const };
        const laa: DemoLegalAidAgency = {
          ...organ(`laa-${county}`, `${label}法律援助中心`, county, label),
          level: 'COUNTY',
          justiceBureauId: jb.id,
        };
        d.courts.push(court);
        d.procuratorates.push(proc);
        d.policeOrgans.push(police);
        d.detentionCenters.push(dc);
        d.justiceBureaus.push(jb);
        d.legalAidAgencies.push(laa);
        workstation(court, 'COURT', laa.id, ['ON_SITE', 'PHONE']);
        workstation(proc, 'PROCURATORATE', laa.id, ['ON_SITE', 'PHONE', 'ONLINE']);
        workstation(dc, 'DETENTION_CENTER', laa.id, ['ON_SITE']);

        for (let i = 1; i <= lawyersPerCounty; i += 1) {
          const male = rnd.next() < 0.55;
          const birthYear = rnd.int(1962, 1996);
          const birthDate = `${birthYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
          const seq = rnd.int(0, 498) * 2 + (male ? 1 : 0);
          const firstLicensedYear = Math.min(2024, birthYear + rnd.int(24, 32));
          const agencyLawyer = i === lawyersPerCounty;
          d.lawyers.push({
            id: `lawyer-${county}-${String(i).padStart(2, '0')}`,
            name: rnd.pick(SURNAMES) + rnd.pick(male ? GIVEN_MALE : GIVEN_FEMALE),
            gender: male ? 'MALE' : 'FEMALE',
            residentIdNumber: makeResidentIdNumber(county, birthDate, seq),
            licenseNo: makeLawyerLicenseNo(county, firstLicensedYear, Number(county.slice(2)) * 100 + i),
            lawFirm: agencyLawyer
              ? laa.name
              : `${muni ? pName.replace(/市$/, '') : name(city).replace(/市$/, '')}${rnd.pick(FIRM_WORDS)}律师事务所`,
            practiceKind: agencyLawyer ? 'AGENCY' : 'PRIVATE_PRACTICE',
            firstLicensedYear,
            phone: `1${rnd.pick(['35', '38', '39', '58', '86', '37'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
            regionCode: county,
            agencyId: laa.id,
          });
        }
      }
    }
  }
  return d;
}

/** Of each eight lawyers in a county the sixth is suspended from the roster (justice's demo roster). */
export const isSuspendedDemoLawyer = (lawyerId: string) => Number(lawyerId.slice(-2)) % 8 === 6;
/** Of each eight lawyers in a county the seventh is in the pool rather than on the roster. */
export const isPoolDemoLawyer = (lawyerId: string) => Number(lawyerId.slice(-2)) % 8 === 7;

/** Each county's lawyers who may be on duty and dispatched: all but the suspended. */
export function dutyLawyersByCounty(d: DemoDirectory): Map<string, string[]> {
  const byCounty = new Map<string, string[]>();
  for (const l of d.lawyers) {
    if (isSuspendedDemoLawyer(l.id)) continue;
    const list = byCounty.get(l.regionCode) ?? [];
    list.push(l.id);
    byCounty.set(l.regionCode, list);
  }
  return byCounty;
}
