import { enqueue, HELP_REQUEST_NOTICE, makeResidentIdNumber, parentsFirst } from '@duty/kit';
import { demoDirectory, seededRandom } from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { CourtDatabase } from './db.js';
import { courtNotice, DEFAULT_DEADLINE_HOURS } from './requests/notice.js';

/** The demo regions' courts; parents come first so the foreign key holds. */
export async function seedDemo(db: Kysely<CourtDatabase>) {
  const rows = parentsFirst(demoDirectory().courts).map((c) => ({
    id: c.id,
    name: c.name,
    level: c.level,
    region_code: c.regionCode,
    parent_id: c.parentId,
    address: c.address,
    phone: c.phone,
  }));
  await db.insertInto('court').values(rows).execute();
  await seedCases(db);
}

/** Two trial cases at every basic court, with their accused; one already has defense counsel. */
async function seedCases(db: Kysely<CourtDatabase>) {
  const rnd = seededRandom('court-demo-cases');
  const year = new Date().getFullYear();
  const charges = ['盗窃罪', '危险驾驶罪', '诈骗罪', '故意伤害罪', '寻衅滋事罪', '帮助信息网络犯罪活动罪'];
  const names = ['张伟', '王磊', '李娜', '刘洋', '陈杰', '杨帆', '赵敏', '黄强'];
  const cases = [];
  const persons = [];
  for (const court of demoDirectory().courts.filter((c) => c.level === 'BASIC')) {
    for (let n = 1; n <= 2; n += 1) {
      const id = `case-${court.id}-${n}`;
      cases.push({
        id,
        case_number: `（${year}）${court.regionCode}刑初${100 + n}号`,
        court_id: court.id,
        charges: [rnd.pick(charges)],
        received_at: new Date(Date.now() - rnd.int(1, 20) * 86_400_000),
      });
      for (let p = 1; p <= n; p += 1) {
        const birth = `19${rnd.int(70, 99)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`;
        persons.push({
          id: `${id}-p${p}`,
          case_id: id,
          name: rnd.pick(names),
          resident_id_number: makeResidentIdNumber(court.regionCode, birth, rnd.int(0, 999)),
          phone: `139${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
          has_defense_counsel: n === 2 && p === 2,
        });
      }
    }
  }
  await db.insertInto('court_case').values(cases).execute();
  await db.insertInto('accused_person').values(persons).execute();
  // One request per basic court, notified through the outbox like any other: the legal aid
  // agencies' inboxes have content on first start.
  for (const court of demoDirectory().courts.filter((c) => c.level === 'BASIC')) {
    const id = `request-${court.id}-1`;
    const requestedAt = new Date(Date.now() - rnd.int(1, 30) * 3600_000);
    const deadlineAt = new Date(requestedAt.getTime() + DEFAULT_DEADLINE_HOURS * 3600_000);
    await db
      .insertInto('help_request')
      .values({
        id,
        person_id: `case-${court.id}-1-p1`,
        stage: 'TRIAL',
        requested_by: 'ACCUSED',
        relative_name: null,
        relative_relation: null,
        requested_at: requestedAt,
        deadline_at: deadlineAt,
        recorded_by: `court-staff-${court.regionCode}`,
        idempotency_key: null,
      })
      .execute();
    const notice = courtNotice({
      id,
      courtId: court.id,
      regionCode: court.regionCode,
      requestedAt,
      deadlineAt,
    });
    await enqueue(db, HELP_REQUEST_NOTICE, notice, id);
  }
}
