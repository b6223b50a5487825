import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { processGateway, type SpawnGateway } from '../../src-main/host/child-gateway';

describe('the demo gateway process', () => {
  it('gets its one-time pairing code in its environment, never on its command line', async () => {
    const calls: { args: string[]; env: Readonly<Record<string, string>> }[] = [];
    const spawn: SpawnGateway = (_script, args, env) => {
      calls.push({ args, env });
      const stdout = new PassThrough();
      setImmediate(() => stdout.write('{"ready":true,"url":"http://127.0.0.1:4567","pairing_code":"13572468"}\n'));
      return { stdout, kill: () => undefined, onExit: () => undefined, exited: () => true };
    };
    const launcher = processGateway({
      spawn,
      gatewayScript: 'gateway.js',
      dataDir: '/tmp/pos-child-gw',
      merchantName: 'M',
    });
    await expect(launcher.start('13572468')).resolves.toEqual({ url: 'http://127.0.0.1:4567' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args.join(' ')).not.toContain('13572468');
    expect(calls[0]!.env).toEqual({ GATEWAY_PAIRING_CODE: '13572468' });
  });
});
