import type { OrganKind } from '@duty/kit';
import type { Generated, Selectable } from 'kysely';

export interface QuestionAnswer {
  question: string;
  answer: string;
}

/** One version of a help record (法律帮助记录); the consultation columns are confidential. */
export interface HelpRecordTable {
  id: string;
  version: number;
  notice_id: string;
  lawyer_id: string;
  given_at: Date;
  mode: 'ON_SITE' | 'PHONE' | 'ONLINE';
  questions: QuestionAnswer[];
  suspected_charges: string[];
  facts: string | null;
  advice: string;
  legal_aid_eligible: boolean;
  told_how_to_apply: boolean;
  acknowledgment: 'ACKNOWLEDGED' | 'REFUSED';
  recorded_at: Generated<Date>;
  correction_reason: string | null;
  idempotency_key: string | null;
}
export type HelpRecord = Selectable<HelpRecordTable>;

export type Danger = 'STATE_SECURITY' | 'PUBLIC_SAFETY' | 'PERSONAL_SAFETY';

/** A disclosure to a named organ, the one exception to confidentiality. */
export interface DisclosureTable {
  id: string;
  record_id: string;
  record_version: number;
  organ_kind: OrganKind;
  organ_id: string;
  danger: Danger;
  content: string;
  disclosed_by: string;
  disclosed_at: Generated<Date>;
  idempotency_key: string | null;
}
export type Disclosure = Selectable<DisclosureTable>;
