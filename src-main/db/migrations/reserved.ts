import type { Migration } from '../migrate';

/**
 * PLACEHOLDERS for console migrations 2–4, assigned to parallel branches (offline 0002,
 * operators 0003, settlement 0004). `migrate` requires versions 1..N without gaps, so this
 * branch needs something in those slots to test its own 0005. At merge, replace each with the
 * real migration and delete this file. They create nothing.
 */
const reserved = (version: number, name: string): Migration => ({ version, name: `reserved-${name}`, up() {} });

export const m0002Reserved = reserved(2, 'offline');
export const m0003Reserved = reserved(3, 'operators');
export const m0004Reserved = reserved(4, 'settlement');
