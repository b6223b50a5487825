/**
 * A ZIP archive of a few in-memory files (what an XLSX is), deflated with node:zlib. No ZIP64:
 * each file and the whole archive stay below 4 GiB and 65,535 entries, checked.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** A file's bytes already deflated (`DeflatingSink`), with their CRC-32 and size. */
export interface PackedData {
  readonly packed: Buffer;
  readonly crc: number;
  readonly size: number;
}

export interface ZipFile {
  /** A string is written as UTF-8 (and flagged so); bytes as given, unflagged (e.g. GBK names). */
  readonly name: string | Uint8Array;
  readonly data: Buffer | PackedData;
}

/** Text written into it is deflated a chunk at a time, so a large file is never held whole. */
export class DeflatingSink {
  private buf = Buffer.allocUnsafe(SINK_CHUNK_BYTES);
  private len = 0;
  private readonly packed: Buffer[] = [];
  private crc = 0;
  private size = 0;

  write(s: string): void {
    if (this.len + s.length * 3 > this.buf.length) this.flush(); // UTF-16 unit → ≤ 3 UTF-8 bytes
    if (s.length * 3 > this.buf.length) {
      this.take(Buffer.from(s, 'utf8'));
      return;
    }
    this.len += this.buf.write(s, this.len, 'utf8');
  }

  finish(): PackedData {
    this.flush();
    // The chunks end on a sync flush (byte-aligned, not final); an empty final block closes them.
    this.packed.push(deflateRawSync(Buffer.alloc(0)));
    return { packed: Buffer.concat(this.packed), crc: this.crc, size: this.size };
  }

  private flush(): void {
    if (this.len === 0) return;
    this.take(this.buf.subarray(0, this.len));
    this.len = 0;
  }

  private take(bytes: Buffer): void {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.size > U32_MAX) throw new Error('zip: a file above 4 GiB needs ZIP64');
    this.packed.push(deflateRawSync(bytes, { level: DEFLATE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH }));
  }
}

const U32_MAX = 0xffff_ffff;
const ENTRIES_MAX = 0xffff;
/** 1980-01-01 00:00 in DOS time: the files carry no meaningful time, and the bytes stay stable. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** Bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;
/** Fast deflate: an export's XML is highly repetitive, so level 1 already packs it ~8×, at a third of level 6's time. */
const DEFLATE_LEVEL = 1;
/**
 * The fields a local header and its central directory entry both carry, in the same order:
 * flags, method, DOS time and date, CRC-32, packed and unpacked sizes, name length (26 bytes).
 */
function writeEntryFields(
  b: Buffer,
  at: number,
  f: { flags: number; crc: number; packedSize: number; size: number; nameLength: number },
): void {
  b.writeUInt16LE(f.flags, at);
  b.writeUInt16LE(DEFLATE, at + 2);
  b.writeUInt16LE(DOS_TIME, at + 4);
  b.writeUInt16LE(DOS_DATE, at + 6);
  b.writeUInt32LE(f.crc, at + 8);
  b.writeUInt32LE(f.packedSize, at + 12);
  b.writeUInt32LE(f.size, at + 16);
  b.writeUInt16LE(f.nameLength, at + 20);
}

/** What `DeflatingSink` holds before deflating it. */
const SINK_CHUNK_BYTES = 1 << 20;

export function zip(files: readonly ZipFile[]): Buffer {
  if (files.length > ENTRIES_MAX) throw new Error(`zip: ${files.length} files is more than ${ENTRIES_MAX}`);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = typeof f.name === 'string' ? Buffer.from(f.name, 'utf8') : Buffer.from(f.name);
    const flags = typeof f.name === 'string' ? UTF8_NAMES : 0;
    const { packed, crc, size } = Buffer.isBuffer(f.data)
      ? { packed: deflateRawSync(f.data, { level: DEFLATE_LEVEL }), crc: crc32(f.data), size: f.data.length }
      : f.data;
    if (size > U32_MAX || offset > U32_MAX) throw new Error('zip: an archive above 4 GiB needs ZIP64');
    const fields = { flags, crc, packedSize: packed.length, size, nameLength: name.length };
    const local = Buffer.alloc(30); // extra field length (28): 0
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4); // version needed
    writeEntryFields(local, 6, fields);
    const entry = Buffer.alloc(46); // extra, comment, disk, internal and external attributes: 0
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(VERSION, 4); // version made by
    entry.writeUInt16LE(VERSION, 6); // version needed
    writeEntryFields(entry, 8, fields);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const dirBytes = central.reduce((n, b) => n + b.length, 0);
  if (offset > U32_MAX || dirBytes > U32_MAX) throw new Error('zip: an archive above 4 GiB needs ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dirBytes, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
