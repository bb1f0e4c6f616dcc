import { createHmac } from 'node:crypto';
import { isProduction } from './config.js';

const DEV_SECRET = 'duty-dev-person-key-not-for-production';

/**
 * A pseudonymous key for one person across agencies: the HMAC of the resident ID number with the
 * secret the organ subgraphs share (`DUTY_PERSON_KEY_SECRET`). Justice links a person's notices
 * from stage to stage by it without ever holding the number; without the secret it reveals nothing.
 */
export function personKey(residentIdNumber: string): string {
  const secret = process.env.DUTY_PERSON_KEY_SECRET ?? (isProduction() ? undefined : DEV_SECRET);
  if (!secret)
    throw new Error('DUTY_PERSON_KEY_SECRET must be set in production (shared by the organ subgraphs)');
  return createHmac('sha256', secret).update(residentIdNumber.toUpperCase()).digest('base64url');
}
