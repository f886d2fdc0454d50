// Test page for test/e2e/mail-html.spec.ts (built by the spec, never shipped): the real
// sanitiser and the real frame component, many payloads at once, served with the app
// page's own CSP.
import { createApp, h, ref, type VNode } from 'vue';
import MailHtmlFrame from '../../components/MailHtmlFrame.vue';
import { sanitizeMailHtml } from '../sanitize';

declare global {
  interface Window {
    renderPayloads(payloads: string[], allowRemote: boolean): number;
    renderChanging(count: number, first: string, second: string): Promise<void>;
  }
}

/** Replaces the page's content with what `render` draws. */
function mount(render: () => VNode[]): void {
  const root = document.getElementById('app')!;
  root.textContent = '';
  const host = document.createElement('div');
  root.append(host);
  createApp({ render }).mount(host);
}

window.renderPayloads = (payloads: string[], allowRemote: boolean) => {
  mount(() =>
    payloads.map((raw, i) =>
      h('section', { 'data-payload': i, style: 'width:600px' }, [
        h(MailHtmlFrame, {
          html: sanitizeMailHtml(raw, { allowRemote }).html,
          measureHtml: sanitizeMailHtml(raw, { allowRemote: false, stripUrls: true }).html,
          allowRemote,
        }),
      ]),
    ),
  );
  return payloads.length;
};

/**
 * `count` frames showing `first`, each switched to `second` a few milliseconds after it
 * appeared (0-9 ms, as an inline image arriving just after the body).
 */
window.renderChanging = async (count: number, first: string, second: string) => {
  const shown = Array.from({ length: count }, () => ref(first));
  mount(() =>
    shown.map((html, i) =>
      h('section', { 'data-frame': i, style: 'width:300px' }, [
        h(MailHtmlFrame, { html: html.value, measureHtml: html.value, allowRemote: false }),
      ]),
    ),
  );
  await Promise.all(
    shown.map(
      (html, i) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            html.value = second;
            resolve();
          }, i % 10),
        ),
    ),
  );
};
