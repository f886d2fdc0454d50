// Which connector serves which network. A new network adds one line here and its folder.
import type { RseNetwork } from '../../../shared/domain';
import { CoreError } from '../errors';
import type { ConnectorFactory } from './connector';
import { createDiscourseConnector } from './discourse';
import { createFeedConnector } from './feed/connector';
import { createMastodonConnector } from './mastodon';
import { createMattermostConnector } from './mattermost';
import { createWordPressConnector } from './wordpress/connector';
import { createZulipConnector } from './zulip';

const CONNECTORS: Partial<Record<RseNetwork, ConnectorFactory>> = {
  wordpress: createWordPressConnector,
  mattermost: createMattermostConnector,
  zulip: createZulipConnector,
  discourse: createDiscourseConnector,
  mastodon: createMastodonConnector,
  feed: createFeedConnector,
};

export function connectorFactory(network: RseNetwork): ConnectorFactory {
  const factory = CONNECTORS[network];
  if (!factory) throw new CoreError('invalid-params', `${network} accounts are not supported yet.`);
  return factory;
}
