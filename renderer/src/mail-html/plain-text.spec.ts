import { describe, expect, it } from 'vitest';
import { splitPlainText } from './plain-text';

describe('splitPlainText', () => {
  it('folds quoted runs and the signature, keeps the rest', () => {
    const body = [
      'Sounds good.',
      '',
      'On Monday Bob wrote:',
      '> Can we meet?',
      '>> Earlier',
      'See you then.',
      '-- ',
      'Alice',
      'ACME',
    ].join('\r\n');
    expect(splitPlainText(body)).toEqual([
      { kind: 'text', text: 'Sounds good.\n\nOn Monday Bob wrote:' },
      { kind: 'quote', text: '> Can we meet?\n>> Earlier' },
      { kind: 'text', text: 'See you then.' },
      { kind: 'signature', text: '-- \nAlice\nACME' },
    ]);
  });

  it('leaves a message without quotes or signature as one run', () => {
    expect(splitPlainText('Hi.\n\nBye -- now')).toEqual([
      { kind: 'text', text: 'Hi.\n\nBye -- now' },
    ]);
  });
});
