// Writes TNEF streams (winmail.dat) as [MS-OXTNEF] lays them out, for tests of the
// decoder (electron/core/mail/tnef.ts). The specs check every stream built here with
// Debian's `tnef` tool first, so the fixtures are TNEF as an independent decoder reads it,
// not as ours does.

export interface TnefFixtureFile {
  /** attAttachTitle: the short (8-bit) name. */
  title: string;
  /** PR_ATTACH_LONG_FILENAME, as a PT_UNICODE property, when given. */
  longName?: string;
  /** PR_ATTACH_MIME_TAG (PT_STRING8). */
  mimeTag?: string;
  /** PR_ATTACH_METHOD: 1 a file, 5 an attached message (its data then goes in PR_ATTACH_DATA_OBJ). */
  method?: number;
  data: Uint8Array;
}

const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);

function attribute(level: number, id: number, data: Buffer): Buffer {
  let sum = 0;
  for (const byte of data) sum += byte;
  return Buffer.concat([Buffer.from([level]), u32(id), u32(data.length), data, u16(sum & 0xffff)]);
}

const MESSAGE = 1;
const ATTACHMENT = 2;

/** A variable-length property value: a count of 1, the length, the bytes padded to 4. */
const variable = (bytes: Buffer) => Buffer.concat([u32(1), u32(bytes.length), pad4(bytes)]);
const tag = (type: number, id: number) => Buffer.concat([u16(type), u16(id)]);

function properties(file: TnefFixtureFile): Buffer {
  const props: Buffer[] = [
    // PR_ATTACH_METHOD (Int32)
    Buffer.concat([tag(0x0003, 0x3705), u32(file.method ?? 1)]),
    // PR_ATTACHMENT_HIDDEN: a Boolean, padded to 4 bytes
    Buffer.concat([tag(0x000b, 0x7ffe), u32(0)]),
    // A named Int32 property (GUID + MNID_ID), which the decoder must read past
    Buffer.concat([tag(0x0003, 0x8005), Buffer.alloc(16, 0x42), u32(0), u32(0x8514), u32(7)]),
    // A named string property (GUID + MNID_STRING)
    Buffer.concat([
      tag(0x001e, 0x8006),
      Buffer.alloc(16, 0x24),
      u32(1),
      u32(Buffer.from('Keywords\0', 'utf16le').length),
      pad4(Buffer.from('Keywords\0', 'utf16le')),
      variable(Buffer.from('x\0', 'latin1')),
    ]),
  ];
  if (file.method === 5) {
    // An attached Outlook message: PR_ATTACH_DATA_OBJ, an interface id and then the object
    props.push(
      Buffer.concat([
        tag(0x000d, 0x3701),
        variable(Buffer.concat([Buffer.alloc(16, 7), file.data])),
      ]),
    );
  }
  if (file.longName !== undefined) {
    props.push(
      Buffer.concat([tag(0x001f, 0x3707), variable(Buffer.from(`${file.longName}\0`, 'utf16le'))]),
    );
  }
  if (file.mimeTag !== undefined) {
    props.push(
      Buffer.concat([tag(0x001e, 0x370e), variable(Buffer.from(`${file.mimeTag}\0`, 'latin1'))]),
    );
  }
  return Buffer.concat([u32(props.length), ...props]);
}

/** A whole TNEF stream holding these files, in code page 1252. */
export function buildTnef(files: TnefFixtureFile[]): Buffer {
  const parts: Buffer[] = [
    u32(0x223e9f78), // signature
    u16(0x1234), // legacy key
    attribute(MESSAGE, 0x00089006, u32(0x00010000)), // attTnefVersion
    attribute(MESSAGE, 0x00069007, Buffer.concat([u32(1252), u32(0)])), // attOemCodepage
    attribute(MESSAGE, 0x00078008, Buffer.from('IPM.Microsoft Mail.Note\0', 'latin1')),
  ];
  for (const file of files) {
    // RENDDATA: atyp (1 = file), position, width, height, flags
    const rend = Buffer.concat([u16(1), u32(0xffffffff), u16(0), u16(0), u32(0)]);
    parts.push(
      attribute(ATTACHMENT, 0x00069002, rend),
      attribute(ATTACHMENT, 0x00018010, Buffer.from(`${file.title}\0`, 'latin1')),
      // A file's bytes; an attached message has them in its properties instead
      ...(file.method === 5 ? [] : [attribute(ATTACHMENT, 0x0006800f, Buffer.from(file.data))]),
      attribute(ATTACHMENT, 0x00069005, properties(file)),
    );
  }
  return Buffer.concat(parts);
}
