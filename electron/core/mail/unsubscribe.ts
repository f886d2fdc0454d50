// Acting on List-Unsubscribe (list-unsubscribe.ts parses it): the RFC 8058 one-click POST.
// The message a mailto: URI asks for is shared/unsubscribe-mail.ts (the window names its
// address before asking).
import { CoreError } from '../errors';

/** A sender's endpoint answers at once or not at all: the user is waiting on the button. */
const ONE_CLICK_TIMEOUT_MS = 15_000;

/**
 * RFC 8058 §3.2: a POST of exactly `List-Unsubscribe=One-Click`, form-encoded, with no
 * cookies or credentials (fetch sends none). A redirect is not followed: a one-click
 * endpoint must not answer with one, and following it would send the POST elsewhere.
 */
export async function oneClickUnsubscribe(url: string, fetchFn: typeof fetch): Promise<void> {
  const host = new URL(url).host;
  let status: number;
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
      signal: AbortSignal.timeout(ONE_CLICK_TIMEOUT_MS),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    const why =
      error instanceof Error && error.name === 'TimeoutError'
        ? 'did not answer'
        : 'could not be reached';
    throw new CoreError(
      'unavailable',
      `The unsubscribe address at ${host} ${why}; try again later.`,
    );
  }
  if (status < 200 || status >= 300) {
    throw new CoreError(
      'unavailable',
      `The unsubscribe address at ${host} refused the request (HTTP ${status}).`,
    );
  }
}
