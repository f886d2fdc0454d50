import { describe, expect, it } from 'vitest';
import { titleWithBadge } from './badge';
import { threadOfItem } from './web-notifications';

describe('tab badge', () => {
  it('puts the unread count before the title, capped, and nothing when all is read', () => {
    expect(titleWithBadge('Passerelle', 0)).toBe('Passerelle');
    expect(titleWithBadge('Passerelle', 3)).toBe('(3) Passerelle');
    expect(titleWithBadge('Passerelle', 250)).toBe('(99+) Passerelle');
  });

  it('opens mail threads from their timeline item id', () => {
    expect(threadOfItem('mail-thread:12')).toBe('12');
    expect(threadOfItem('rse-post:4')).toBeNull();
  });
});
