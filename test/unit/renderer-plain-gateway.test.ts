import { describe, expect, it } from 'vitest';
import { isPlainRemoteGateway } from '../../src-renderer/logic/plain-gateway';

describe('a gateway over plain http beyond this machine', () => {
  it('is flagged on the shop network or the internet, not on loopback, over https, or when not a URL', () => {
    for (const url of [
      'http://192.168.1.20:8080',
      'http://pay.example.com',
      ' http://10.0.0.5 ',
      'HTTP://Gateway.local',
    ]) {
      expect(isPlainRemoteGateway(url), url).toBe(true);
    }
    for (const url of [
      'https://pay.example.com',
      'http://127.0.0.1:5181',
      'http://127.9.9.9',
      'http://localhost:8080',
      'http://[::1]:8080',
      'pay.example.com',
      '',
      'ftp://192.168.1.20',
    ]) {
      expect(isPlainRemoteGateway(url), url).toBe(false);
    }
  });
});
