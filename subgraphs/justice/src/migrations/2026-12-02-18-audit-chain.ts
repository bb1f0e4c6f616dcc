import { auditChain } from '@duty/kit';

// Frozen: change the schema with a new, later migration.
// The audit log of confidential reads and disclosures becomes a hash chain (tamper-evident).
export const { up, down } = auditChain();
