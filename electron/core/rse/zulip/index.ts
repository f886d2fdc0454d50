export { createZulipConnector, ZulipConnector, ZULIP_CAPABILITIES } from './connector';
