// The standard security handler written, for the encrypted PDFs of the hostile inputs: RC4
// 40-bit (R2), AES-128 (V4 R4) and AES-256 (V5 R6), all with an empty user password (as
// "printing restricted" portals publish them). pdf.js, which implements the handler on its
// own, must open what is written here: that checks these keys, and so the guard's
// (extract/pdf/pdf-decryption.ts) that decrypts streams to count what they inflate to.
import { createCipheriv, createHash } from "node:crypto";
import { hash2B, rc4 } from "../extract/pdf/pdf-decryption.ts";

export type EncryptionMethod = "rc4-40" | "aes-128" | "aes-256";

export interface Encryption {
  /** The /Encrypt dictionary. */
  dict: string;
  /** The trailer's /ID entry. */
  id: string;
  /** A stream's data encrypted for object `num` (generation 0). */
  encrypt(num: number, data: Buffer): Buffer;
}

const PAD = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");
const ID = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
const P = -44;
const hex = (b: Buffer) => `<${b.toString("hex")}>`;
const md5 = (...parts: Buffer[]) => { const h = createHash("md5"); for (const p of parts) h.update(p); return h.digest(); };
/** Deterministic stand-ins for random bytes (reproducible files). */
const fixed = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (seed * 31 + i * 17) & 0xff));

/** RC4 of `data` with `key`, then 19 more times with the key XORed by 1 … 19 (algorithms 3 and 5, R3+). */
function rc4Rounds(key: Buffer, data: Buffer): Buffer {
  let out = rc4(key, data);
  for (let i = 1; i <= 19; i++) out = rc4(Buffer.from(key.map((b) => b ^ i)), out);
  return out;
}

const aesCbc = (algorithm: string, key: Buffer, iv: Buffer, data: Buffer, padding: boolean) => {
  const c = createCipheriv(algorithm, key, iv);
  c.setAutoPadding(padding);
  return Buffer.concat([c.update(data), c.final()]);
};

export function encryption(method: EncryptionMethod): Encryption {
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(P);
  const id = `/ID [${hex(ID)} ${hex(ID)}]`;
  if (method === "rc4-40") {
    const o = rc4(md5(Buffer.concat([Buffer.from("owner"), PAD]).subarray(0, 32)).subarray(0, 5), PAD);
    const key = md5(PAD, o, pBytes, ID).subarray(0, 5);
    return {
      dict: `<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex(o)} /U ${hex(rc4(key, PAD))} /P ${P} >>`, id,
      encrypt: (num, data) => rc4(md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, num >> 16, 0, 0])).subarray(0, 10), data),
    };
  }
  if (method === "aes-128") {
    let ownerKey = md5(Buffer.concat([Buffer.from("owner"), PAD]).subarray(0, 32));
    for (let i = 0; i < 50; i++) ownerKey = md5(ownerKey);
    const o = rc4Rounds(ownerKey, PAD);
    let key = md5(PAD, o, pBytes, ID);
    for (let i = 0; i < 50; i++) key = md5(key);
    const u = Buffer.concat([rc4Rounds(key, md5(PAD, ID)), Buffer.alloc(16)]);
    return {
      dict: `<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O ${hex(o)} /U ${hex(u)} /P ${P} >>`, id,
      encrypt: (num, data) => {
        const objectKey = md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, num >> 16, 0, 0]), Buffer.from("sAlT"));
        const iv = fixed(16, num);
        return Buffer.concat([iv, aesCbc("aes-128-cbc", objectKey, iv, data, true)]);
      },
    };
  }
  const fileKey = fixed(32, 7);
  const empty = Buffer.alloc(0);
  const [uValidation, uKey] = [fixed(8, 1), fixed(8, 2)];
  const u = Buffer.concat([hash2B(empty, uValidation, empty), uValidation, uKey]);
  const ue = aesCbc("aes-256-cbc", hash2B(empty, uKey, empty), Buffer.alloc(16), fileKey, false);
  const owner = Buffer.from("owner");
  const [oValidation, oKey] = [fixed(8, 3), fixed(8, 4)];
  const o = Buffer.concat([hash2B(owner, oValidation, u), oValidation, oKey]);
  const oe = aesCbc("aes-256-cbc", hash2B(owner, oKey, u), Buffer.alloc(16), fileKey, false);
  const perms = Buffer.concat([pBytes, Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from("Tadb"), fixed(4, 5)]);
  const permsEnc = aesCbc("aes-256-ecb", fileKey, empty, perms, false);
  return {
    dict: `<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O ${hex(o)} /U ${hex(u)} /OE ${hex(oe)} /UE ${hex(ue)} /P ${P} /Perms ${hex(permsEnc)} >>`, id,
    encrypt: (num, data) => {
      const iv = fixed(16, num);
      return Buffer.concat([iv, aesCbc("aes-256-cbc", fileKey, iv, data, true)]);
    },
  };
}
