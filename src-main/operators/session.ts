/**
 * Who is at the counter. In memory only: the console always opens locked. `currentOperatorId`
 * is the seam other domains read (orders, shifts, refunds record it).
 */
import type { OperatorRole } from '../../src-shared/api';

export interface SessionOperator {
  readonly id: string;
  readonly role: OperatorRole;
}

export class OperatorSession {
  private current: SessionOperator | null = null;

  currentOperatorId(): string | null {
    return this.current?.id ?? null;
  }

  currentRole(): OperatorRole | null {
    return this.current?.role ?? null;
  }

  set(op: SessionOperator | null): void {
    this.current = op;
  }
}
