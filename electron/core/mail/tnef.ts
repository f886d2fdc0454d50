// The files inside a TNEF attachment (winmail.dat, application/ms-tnef): what Outlook and
// Exchange send instead of MIME parts when a message was written in "Rich Text". Without
// this, such mail shows one opaque winmail.dat. The format is Microsoft's [MS-OXTNEF]: a
// signature, then attributes (level, id, length, data, checksum); each attachment starts
// with attAttachRendData and may carry its MAPI properties (long file name, MIME type) in
// attAttachment. No maintained npm decoder exists (node-tnef pulls a logger and a CLI),
// and only the attachment list is wanted here, so this reads just that much.
//
// Anything unexpected throws a TnefError: the caller then keeps winmail.dat as it is, so
// nothing is lost. Files it cannot take out (an attached Outlook message, an OLE object)
// are counted in `skipped` for the same reason.

export class TnefError extends Error {
  constructor(message: string) {
    super(`Unreadable TNEF data: ${message}`);
    this.name = 'TnefError';
  }
}

export interface TnefFile {
  filename: string;
  /** From the file's MAPI properties when the sender's client gave one. */
  contentType: string | null;
  contentId: string | null;
  data: Uint8Array;
}

export interface TnefContents {
  files: TnefFile[];
  /** Attachments that are not plain files (embedded messages, OLE objects). */
  skipped: number;
}

/** [MS-OXTNEF] 2.1.3.1 */
const TNEF_SIGNATURE = 0x223e9f78;
const LVL_ATTACHMENT = 0x02;

// Attribute ids ([MS-OXTNEF] 2.1.3.3): the type in the high word, the id in the low word.
const ATT_OEM_CODEPAGE = 0x00069007;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005;

// MAPI property ids of an attachment ([MS-OXPROPS]).
const PR_DISPLAY_NAME = 0x3001;
const PR_ATTACH_DATA = 0x3701; // PtypBinary (a file) or PtypObject (a message, an OLE object)
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_METHOD = 0x3705;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const PR_ATTACH_CONTENT_ID = 0x3712;
/** PR_ATTACH_METHOD values that are not a file's bytes: embedded message, OLE object. */
const NOT_A_FILE = new Set([5, 6]);

// MAPI property types ([MS-OXCDATA] 2.11.1) and their sizes in a TNEF stream, where every
// value takes a multiple of 4 bytes.
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;
const PT_OBJECT = 0x000d;
const PT_MULTIPLE = 0x1000;
const FIXED_SIZE: Record<number, number> = {
  0x0002: 4, // Int16, padded
  0x0003: 4, // Int32
  0x0004: 4, // Float32
  0x0005: 8, // Float64
  0x0006: 8, // Currency
  0x0007: 8, // FloatingTime
  0x000a: 4, // ErrorCode
  0x000b: 4, // Boolean, padded
  0x0014: 8, // Int64
  0x0040: 8, // Time
  0x0048: 16, // Guid
};
const VARIABLE = new Set([PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT]);

/** A value kept from a MAPI property list: Int32 as a number, strings decoded, binary as bytes. */
type PropValue = number | string | Uint8Array;

class Reader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get done(): boolean {
    return this.offset >= this.bytes.length;
  }
  private need(n: number): void {
    if (n < 0 || this.offset + n > this.bytes.length) throw new TnefError('it ends too early');
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.offset++);
  }
  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }
  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  /** Values in a property list are padded to a multiple of 4 bytes. */
  takePadded(n: number): Uint8Array {
    const out = this.take(n);
    this.take((4 - (n % 4)) % 4);
    return out;
  }
}

export function isTnef(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 6 &&
    new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === TNEF_SIGNATURE
  );
}

/** Where a MIME part holds TNEF: by its type, or by the name Outlook gives it. */
export function looksLikeTnef(contentType: string, filename: string | null): boolean {
  const type = contentType.toLowerCase();
  return (
    type === 'application/ms-tnef' ||
    type === 'application/vnd.ms-tnef' ||
    filename?.toLowerCase() === 'winmail.dat'
  );
}

interface PendingFile {
  title: string | null;
  data: Uint8Array | null;
  props: Map<number, PropValue>;
}

export function readTnef(bytes: Uint8Array): TnefContents {
  if (!isTnef(bytes)) throw new TnefError('no TNEF signature');
  const reader = new Reader(bytes);
  reader.u32(); // signature
  reader.u16(); // legacy key
  let codepage = 1252;
  const attachments: PendingFile[] = [];
  while (!reader.done) {
    const level = reader.u8();
    const id = reader.u32();
    const data = reader.take(reader.u32());
    if (reader.u16() !== checksum(data)) throw new TnefError('an attribute checksum is wrong');
    if (id === ATT_OEM_CODEPAGE && data.length >= 4) {
      codepage = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
    }
    if (level !== LVL_ATTACHMENT) continue; // message attributes: the MIME part has the text
    if (id === ATT_ATTACH_REND_DATA) {
      attachments.push({ title: null, data: null, props: new Map() });
      continue;
    }
    const current = attachments[attachments.length - 1];
    if (!current) throw new TnefError('attachment data before any attachment');
    if (id === ATT_ATTACH_TITLE) current.title = ansi(data, codepage);
    else if (id === ATT_ATTACH_DATA) current.data = data;
    else if (id === ATT_ATTACHMENT) current.props = readProperties(data, codepage);
  }
  const files: TnefFile[] = [];
  let skipped = 0;
  for (const attachment of attachments) {
    const file = toFile(attachment);
    if (file) files.push(file);
    else skipped++;
  }
  return { files, skipped };
}

function toFile(attachment: PendingFile): TnefFile | null {
  const { props } = attachment;
  const method = props.get(PR_ATTACH_METHOD);
  if (typeof method === 'number' && NOT_A_FILE.has(method)) return null;
  const binary = props.get(PR_ATTACH_DATA); // PtypBinary; an object (PtypObject) is not kept
  const data = attachment.data ?? (binary instanceof Uint8Array ? binary : null);
  if (!data) return null;
  const text = (id: number) => {
    const value = props.get(id);
    return typeof value === 'string' && value ? value : null;
  };
  const filename =
    text(PR_ATTACH_LONG_FILENAME) ??
    text(PR_ATTACH_FILENAME) ??
    attachment.title ??
    text(PR_DISPLAY_NAME) ??
    'attachment';
  return {
    filename: baseName(filename),
    contentType: text(PR_ATTACH_MIME_TAG)?.toLowerCase() ?? null,
    contentId: text(PR_ATTACH_CONTENT_ID),
    data,
  };
}

/** [MS-OXTNEF] 2.1.3.4: the checksum is the sum of the data bytes, modulo 65536. */
function checksum(data: Uint8Array): number {
  let sum = 0;
  for (const byte of data) sum += byte;
  return sum & 0xffff;
}

/** Outlook may send a Windows path as the name; only its last part is the file's name. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop()?.trim() || 'attachment';
}

/** An 8-bit string in the stream's code page, ending at its first NUL. */
function ansi(data: Uint8Array, codepage: number): string {
  const end = data.indexOf(0);
  const text = end < 0 ? data : data.subarray(0, end);
  try {
    return new TextDecoder(`windows-${codepage}`).decode(text);
  } catch {
    return new TextDecoder('windows-1252').decode(text); // a code page TextDecoder does not know
  }
}

/**
 * An attAttachment list of MAPI properties ([MS-OXTNEF] 2.1.3.5). The first value of each
 * Int32, string and binary property is kept; objects (an attached message) and the rest
 * are read past.
 */
function readProperties(data: Uint8Array, codepage: number): Map<number, PropValue> {
  const reader = new Reader(data);
  const props = new Map<number, PropValue>();
  const count = reader.u32();
  for (let i = 0; i < count; i++) {
    const type = reader.u16();
    const id = reader.u16();
    if (id >= 0x8000) skipPropertyName(reader);
    const baseType = type & ~PT_MULTIPLE;
    const values = type & PT_MULTIPLE || VARIABLE.has(baseType) ? reader.u32() : 1;
    for (let v = 0; v < values; v++) {
      if (VARIABLE.has(baseType)) {
        const value = reader.takePadded(reader.u32());
        if (v > 0 || baseType === PT_OBJECT) continue;
        if (baseType === PT_UNICODE) {
          props.set(id, new TextDecoder('utf-16le').decode(value).replace(/\0+$/, ''));
        } else if (baseType === PT_STRING8) props.set(id, ansi(value, codepage));
        else props.set(id, value);
        continue;
      }
      const size = FIXED_SIZE[baseType];
      if (size === undefined) throw new TnefError(`unknown property type 0x${type.toString(16)}`);
      const value = reader.take(size);
      if (v === 0 && baseType === 0x0003) {
        props.set(id, new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true));
      }
    }
  }
  return props;
}

/** A named property's name: a GUID, then a numeric id or a UTF-16 name. */
function skipPropertyName(reader: Reader): void {
  reader.take(16);
  const kind = reader.u32();
  if (kind === 0) reader.u32();
  else if (kind === 1) reader.takePadded(reader.u32());
  else throw new TnefError(`unknown property name kind ${kind}`);
}
