// List-Unsubscribe as senders write it (RFC 2369 examples, RFC 8058 one-click, and what
// bulk senders put in the wild): which ways to leave are kept, and which are not.
import { describe, expect, it } from 'vitest';
import { parseListUnsubscribe } from './list-unsubscribe';
import { unsubscribeMail } from '../../../shared/unsubscribe-mail';

const ONE_CLICK = 'List-Unsubscribe=One-Click';

describe('parseListUnsubscribe', () => {
  it('keeps the first web and mailto URIs, one-click only for HTTPS with the POST header', () => {
    expect(
      parseListUnsubscribe(
        '<mailto:leave@list.example?subject=unsubscribe>, <https://list.example/u/1?t=x>',
        ONE_CLICK,
      ),
    ).toEqual({
      mailto: 'mailto:leave@list.example?subject=unsubscribe',
      web: 'https://list.example/u/1?t=x',
      oneClick: true,
    });
    expect(parseListUnsubscribe('<http://list.example/u/1>', ONE_CLICK)).toEqual({
      web: 'http://list.example/u/1',
      oneClick: false,
    });
    expect(parseListUnsubscribe('<https://list.example/u/1>', undefined)?.oneClick).toBe(false);
    expect(parseListUnsubscribe('<https://a.example/1>, <https://b.example/2>', null)?.web).toBe(
      'https://a.example/1',
    );
  });

  it('reads a folded header and a comment between URIs (RFC 2369 §2)', () => {
    expect(
      parseListUnsubscribe(
        '<mailto:list-request@host.example?subject=unsubscribe> (Use this command\r\n to leave)',
        null,
      ),
    ).toEqual({ mailto: 'mailto:list-request@host.example?subject=unsubscribe', oneClick: false });
  });

  it('drops what is no way to leave: other schemes, credentials, garbage, no header', () => {
    expect(parseListUnsubscribe('<javascript:alert(1)>, <file:///etc/passwd>', ONE_CLICK)).toBe(
      null,
    );
    expect(parseListUnsubscribe('<https://user:pw@list.example/u>', ONE_CLICK)).toBe(null);
    expect(parseListUnsubscribe('<mailto:?subject=x>', null)).toBe(null);
    expect(parseListUnsubscribe('https://list.example/u (no brackets)', null)).toBe(null);
    expect(parseListUnsubscribe(`<https://list.example/${'x'.repeat(3000)}>`, null)).toBe(null);
    expect(parseListUnsubscribe(undefined, ONE_CLICK)).toBe(null);
  });
});

describe('unsubscribeMail', () => {
  it('is the message the mailto: URI describes (RFC 6068)', () => {
    expect(
      unsubscribeMail('mailto:leave%2Bnews@list.example?subject=Remove%20me&body=id%3D42'),
    ).toEqual({ to: 'leave+news@list.example', subject: 'Remove me', text: 'id=42' });
    expect(unsubscribeMail('mailto:a@list.example,b@list.example')).toEqual({
      to: 'a@list.example',
      subject: 'unsubscribe',
      text: '',
    });
  });
});
