import { describe, expect, it } from 'vitest';
import { approvalReady } from '../../src-renderer/logic/owner-approval';

describe('owner approval at the till', () => {
  it('is ready with an owner picked and a PIN main would accept (4 to 8 digits)', () => {
    expect(approvalReady('OWNER1', '1234')).toBe(true);
    expect(approvalReady('OWNER1', '12345678')).toBe(true);
    expect(approvalReady('', '1234')).toBe(false);
    expect(approvalReady('OWNER1', '123')).toBe(false);
    expect(approvalReady('OWNER1', '123456789')).toBe(false);
    expect(approvalReady('OWNER1', '12a4')).toBe(false);
  });
});
