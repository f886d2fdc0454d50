export { createDiscourseConnector, DiscourseConnector, DISCOURSE_CAPABILITIES } from './connector';
