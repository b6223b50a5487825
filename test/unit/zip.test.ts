import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DeflatingSink, zip } from '../../src-main/export/zip';

/** Reads a zip back by its central directory, checking each file's CRC-32 and size. */
function unzip(archive: Buffer): { name: Buffer; utf8: boolean; data: Buffer }[] {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const flags = archive.readUInt16LE(at + 8);
    const crc = archive.readUInt32LE(at + 16);
    const packedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength);
    expect(archive.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = inflateRawSync(archive.subarray(start, start + packedSize));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    out.push({ name, utf8: (flags & 0x0800) !== 0, data });
    at += 46 + nameLength;
  }
  return out;
}

describe('the ZIP writer', () => {
  it('packs files whole or deflated a chunk at a time, names in UTF-8 or as given bytes', () => {
    const sink = new DeflatingSink();
    const pieces: string[] = [];
    for (let i = 0; i < 40_000; i++) pieces.push(`<row r="${i}">收款 ${i}</row>`); // ~1.2 MB: several chunks
    pieces.push('x'.repeat(1_500_000)); // one write larger than a chunk
    for (const p of pieces) sink.write(p);
    const big = Buffer.from(pieces.join(''), 'utf8');
    const gbkName = Buffer.from([0xd2, 0xb5, 0xce, 0xf1, 0x2e, 0x63, 0x73, 0x76]); // 业务.csv in GBK
    const files = unzip(
      zip([
        { name: '账单/a.txt', data: Buffer.from('hello') },
        { name: 'big.xml', data: sink.finish() },
        { name: gbkName, data: Buffer.alloc(0) },
      ]),
    );
    expect(files.map((f) => [f.name.toString('utf8'), f.utf8])).toEqual([
      ['账单/a.txt', true],
      ['big.xml', true],
      [gbkName.toString('utf8'), false],
    ]);
    expect(files[0]!.data.toString()).toBe('hello');
    expect(files[1]!.data.equals(big)).toBe(true);
    expect(files[2]!.data.length).toBe(0);
    expect(files[2]!.name.equals(gbkName)).toBe(true);
  });
});
