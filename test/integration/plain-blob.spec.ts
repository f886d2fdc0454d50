// The store worker parses mail with an in-memory Blob in place of Node's (mail/plain-blob.ts):
// every message of the MIME corpus must parse to exactly the same text, HTML, snippet,
// attachments and errors with either.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { extractBodyText } from '../../electron/core/mail/body-text';
import { PlainBlob, usePlainBlob } from '../../electron/core/mail/plain-blob';
import { mimeCorpusFiles } from '../harness/corpora';

const nodeBlob = globalThis.Blob;
afterEach(() => {
  globalThis.Blob = nodeBlob;
});

it('parses the whole MIME corpus the same with the in-memory Blob', async () => {
  const files = mimeCorpusFiles();
  expect(files.length).toBeGreaterThan(100); // ../shared/corpora/mime is there
  const sources = files.map((file) => readFileSync(file));
  const withNode = await Promise.all(sources.map((source) => extractBodyText(source)));
  usePlainBlob();
  expect(globalThis.Blob).toBe(PlainBlob);
  const withPlain = await Promise.all(sources.map((source) => extractBodyText(source)));
  for (const [i, file] of files.entries()) expect(withPlain[i], file).toEqual(withNode[i]);
});

it('gives back the bytes of its parts, in order, whatever their kind', async () => {
  const parts = [new Uint8Array([1, 2]), new Uint8Array([9, 3, 4, 9]).subarray(1, 3), 'é'];
  const plain = new PlainBlob(parts);
  const reference = new nodeBlob(parts);
  expect(plain.size).toBe(reference.size);
  expect(new Uint8Array(await plain.arrayBuffer())).toEqual(
    new Uint8Array(await reference.arrayBuffer()),
  );
});
