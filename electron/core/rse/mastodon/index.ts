export { createMastodonConnector, MastodonConnector, MASTODON_CAPABILITIES } from './connector';
