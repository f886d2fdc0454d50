// RFC 2919 §3: `List-Id: "Dev team" <dev.lists.acme.example>` — the identifier is the
// part between angle brackets (a bare identifier is accepted too); it is compared
// case-insensitively, so it is kept lower-case.
const MAX_LENGTH = 255;

export function parseListId(value: string | undefined | null): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/u.exec(value)?.[1];
  const id = (bracketed ?? value.trim()).toLowerCase();
  // A list-id is a dot-atom (list-label "." list-id-namespace); anything else is noise.
  if (!/^[\w!#$%&'*+/=?^`{|}~.-]+\.[\w.-]+$/u.test(id) || id.length > MAX_LENGTH) return null;
  return id;
}
