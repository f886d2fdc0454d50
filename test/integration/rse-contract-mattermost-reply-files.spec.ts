// Contract test: a conversion's reply that carries files (a part after the root post) gets
// them attached on Mattermost, against a Prism mock of its v4 spec: the files are
// uploaded to the root post's channel (POST /files), then bound to the reply by their
// ids (file_ids on POST /posts with root_id), as the root post's files are.
import { afterEach, describe, expect, it } from 'vitest';
import { MattermostConnector } from '../../electron/core/rse/mattermost/connector';
import { partMarker, replyOnce } from '../../electron/core/tasks/convert-steps';
import { usePrism } from '../harness/use-prism';

let connector: MattermostConnector;
const sent: { method: string; path: string; body: string | null; contentType: string }[] = [];

usePrism('mattermost-openapi-v4.yaml', {}, (prism) => {
  const recording: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    sent.push({
      method: init?.method ?? 'GET',
      path: new URL(String(input)).pathname,
      body:
        typeof init?.body === 'string'
          ? init.body
          : init?.body instanceof Uint8Array
            ? Buffer.from(init.body).toString('latin1')
            : null,
      contentType: headers.get('content-type') ?? '',
    });
    return fetch(input, init);
  };
  connector = new MattermostConnector(
    { url: prism.url, secret: 'pat-token' },
    { maxRetries: 0, fetch: recording },
  );
});

afterEach(() => {
  sent.length = 0;
});

const file = (name: string) => ({
  filename: name,
  contentType: 'application/pdf',
  data: Buffer.from(`%PDF ${name}`),
});

describe('Mattermost reply files (spec-driven mock)', () => {
  it('uploads a reply’s files to the thread’s channel and attaches them to the reply', async () => {
    await replyOnce(connector, {
      postRemoteId: 'root1',
      body: '**Dan** · 2 March\n\nMy notes are attached.',
      format: 'markdown',
      marker: partMarker('passerelleconversion0123456789abcdef', 2),
      files: async () => [file('notes.pdf'), file('budget.pdf')],
    });
    const writes = sent.filter((r) => r.method === 'POST');
    expect(writes.map((r) => r.path)).toEqual(['/api/v4/files', '/api/v4/posts']);
    const upload = writes[0]!;
    expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
    // The example root post's channel is "string": the files go to that channel.
    expect(upload.body).toMatch(/name="channel_id"\r\n\r\nstring\r\n/u);
    expect(upload.body).toContain('filename="notes.pdf"');
    expect(upload.body).toContain('filename="budget.pdf"');
    const reply = JSON.parse(writes[1]!.body ?? '{}') as Record<string, unknown>;
    expect(reply).toMatchObject({ root_id: 'root1', file_ids: [expect.any(String)] });
  });

  it('refuses more than 5 files on a reply before uploading any', async () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => file(`${n}.pdf`));
    await expect(
      connector.createComment({ postRemoteId: 'root1', bodyHtml: 'x', attachments: six }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(sent).toEqual([]);
  });

  it('posts a reply without files as before (no upload, no file_ids)', async () => {
    await connector.createComment({ postRemoteId: 'root1', bodyHtml: '<p>Thanks</p>' });
    const writes = sent.filter((r) => r.method === 'POST');
    expect(writes.map((r) => r.path)).toEqual(['/api/v4/posts']);
    expect(JSON.parse(writes[0]!.body ?? '{}')).not.toHaveProperty('file_ids');
  });
});
