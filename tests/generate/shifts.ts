import { addDays, chinaInstant } from '@duty/kit';
import { type DemoDirectory, dutyLawyersByCounty, type RegionTree } from '@duty/kit/demo';
import type { CopyWriter } from './copy.js';

const MORNING = ['09:00', '12:00'] as const;
const AFTERNOON = ['13:30', '17:00'] as const;

/**
 * Shifts on every working day from `from` to `to` (inclusive): at each county the court's station
 * in the morning, the procuratorate's in the afternoon and the detention center's in the morning;
 * at each city the court's and the detention center's in the morning, staffed from its first
 * county. Lawyers take turns, so no one is booked twice at once and nobody passes the monthly
 * on-site limit of 8. Suspended lawyers (the sixth of each eight) are left out.
 */
export async function generateShifts(
  tree: RegionTree,
  directory: DemoDirectory,
  shifts: CopyWriter,
  range: { from: string; to: string },
) {
  const lawyersByCounty = dutyLawyersByCounty(directory);
  const days: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(d);
  }
  const createdAt = chinaInstant(addDays(range.from, -7), '10:00');
  for (const { cities } of tree) {
    for (const { city, counties } of cities) {
      const posts: { ws: string; slot: readonly [string, string]; county: string; turn: number }[] = [];
      for (const county of counties) {
        posts.push({ ws: `ws-court-${county}`, slot: MORNING, county, turn: 0 });
        posts.push({ ws: `ws-proc-${county}`, slot: AFTERNOON, county, turn: 1 });
        posts.push({ ws: `ws-dc-${county}`, slot: MORNING, county, turn: 2 });
      }
      if (counties[0]) {
        posts.push({ ws: `ws-court-${city}`, slot: MORNING, county: counties[0], turn: 3 });
        posts.push({ ws: `ws-dc-${city}`, slot: MORNING, county: counties[0], turn: 4 });
      }
      for (let i = 0; i < days.length; i += 1) {
        const day = days[i]!;
        for (const post of posts) {
          const lawyers = lawyersByCounty.get(post.county) ?? [];
          await shifts.write({
            id: `gen-${post.ws}-${day}-${post.slot[0].slice(0, 2)}`,
            workstation_id: post.ws,
            lawyer_id: lawyers.length ? lawyers[(i * 5 + post.turn) % lawyers.length] : null,
            starts_at: chinaInstant(day, post.slot[0]),
            ends_at: chinaInstant(day, post.slot[1]),
            mode: 'ON_SITE',
            assignment: 'ROTATION',
            status: 'SCHEDULED',
            created_by: 'generator',
            created_at: createdAt,
          });
        }
      }
    }
  }
}
