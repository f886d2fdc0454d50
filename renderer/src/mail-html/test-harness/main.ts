// Test page for test/e2e/mail-html.spec.ts (built by the spec, never shipped): the real
// sanitiser and the real frame component, many payloads at once, served with the app
// page's own CSP.
import { createApp, h } from 'vue';
import MailHtmlFrame from '../../components/MailHtmlFrame.vue';
import { sanitizeMailHtml } from '../sanitize';

declare global {
  interface Window {
    renderPayloads(payloads: string[], allowRemote: boolean): number;
  }
}

window.renderPayloads = (payloads: string[], allowRemote: boolean) => {
  const root = document.getElementById('app')!;
  root.textContent = '';
  const host = document.createElement('div');
  root.append(host);
  createApp({
    render: () =>
      payloads.map((raw, i) =>
        h('section', { 'data-payload': i, style: 'width:600px' }, [
          h(MailHtmlFrame, {
            html: sanitizeMailHtml(raw, { allowRemote }).html,
            measureHtml: sanitizeMailHtml(raw, { allowRemote: false, stripUrls: true }).html,
            allowRemote,
          }),
        ]),
      ),
  }).mount(host);
  return payloads.length;
};
