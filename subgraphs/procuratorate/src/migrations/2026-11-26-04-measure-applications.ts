import { measureApplicationTable } from '@duty/kit';

// Frozen: change the schema with a new, later migration.
export const { up, down } = measureApplicationTable({ personTable: 'accused_person' });
