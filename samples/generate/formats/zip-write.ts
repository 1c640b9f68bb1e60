// A minimal ZIP writer (stored or deflated members, optional UTF-8 names): builds the
// DOCX packages and ZIP samples, and the malformed archives of the format tests.
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipMember {
  name: string;
  data: Uint8Array;
  /** Deflate (default) or store. */
  store?: boolean;
  /** Header fields to forge (tests): declared inflated size, flags. */
  declaredSize?: number;
  flags?: number;
}

export function writeZip(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, "utf8");
    const body = m.store ? Buffer.from(m.data) : deflateRawSync(m.data);
    const flags = m.flags ?? 0x800; // names in UTF-8
    const size = m.declaredSize ?? m.data.length;
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(20, at); h.writeUInt16LE(flags, at + 2); h.writeUInt16LE(m.store ? 0 : 8, at + 4);
      h.writeUInt16LE(0, at + 6); h.writeUInt16LE(0x21, at + 8); // 1980-01-01: reproducible bytes
      h.writeUInt32LE(crc32(m.data), at + 10); h.writeUInt32LE(body.length, at + 14); h.writeUInt32LE(size, at + 18);
      h.writeUInt16LE(name.length, at + 22); h.writeUInt16LE(0, at + 24);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8); end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
