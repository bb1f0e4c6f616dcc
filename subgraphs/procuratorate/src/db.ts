import type { AccusedPersonTable, OrganRequestTables } from '@duty/kit';
import type { ProsecutionCaseTable } from './cases/table.js';
import type { MisconductComplaintTable } from './complaints/table.js';
import type { LawyerOpinionTable, PleaAgreementTable, SentencingRecommendationTable } from './plea/table.js';
import type { ProcuratorateTable } from './procuratorates/table.js';

/** The procuratorate subgraph's database: its tables by name (rights notices and help requests are the kit's). */
export interface ProcuratorateDatabase extends OrganRequestTables {
  procuratorate: ProcuratorateTable;
  prosecution_case: ProsecutionCaseTable;
  accused_person: AccusedPersonTable;
  sentencing_recommendation: SentencingRecommendationTable;
  lawyer_opinion: LawyerOpinionTable;
  plea_agreement: PleaAgreementTable;
  misconduct_complaint: MisconductComplaintTable;
}
