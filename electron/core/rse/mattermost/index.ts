export {
  createMattermostConnector,
  MattermostConnector,
  MATTERMOST_CAPABILITIES,
} from './connector';
