// UID sets as IMAP commands take them (RFC 3501 §9 sequence-set): ranges where the UIDs
// run on, so a command about thousands of messages stays a short line.

/** "1:3,7,9:10" for [1, 2, 3, 7, 9, 10], in any order. */
export function uidSet(uids: number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i]!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i]!;
    parts.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return parts.join(',');
}
