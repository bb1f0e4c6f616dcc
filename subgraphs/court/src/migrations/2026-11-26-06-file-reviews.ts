import { fileReviewTable } from '@duty/kit';

// Frozen: change the schema with a new, later migration.
export const { up, down } = fileReviewTable({ caseTable: 'court_case' });
