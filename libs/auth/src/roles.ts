/** The agencies' roles a token may carry (docs/security.md, "Who may do what"). */
export const ROLES = [
  'hospital',
  'medical-insurance',
  'civil-affairs',
  'township',
  'finance',
  'auditor',
  'dpo',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is calling, from a verified token. `region` (and `township`, `facility`) narrow what the
 * caller may touch; a token without `region` is provincial: every region.
 */
export interface Actor {
  subject: string;
  role: Role;
  agency: string | null;
  region: string | null;
  township: string | null;
  facility: string | null;
}

/** What of the actor goes into every event's metadata: who did it, for which agency and region. */
export interface ActorMetadata {
  subject: string;
  role: Role;
  agency: string | null;
  region: string | null;
}

export function actorMetadata(actor: Actor): ActorMetadata {
  return { subject: actor.subject, role: actor.role, agency: actor.agency, region: actor.region };
}
