import { defineMessages } from '../define';

// The banner shown while the window has lost its connection to the core.
export default defineMessages({
  en: {
    disconnected: 'Disconnected from Passerelle. Reconnecting in about {seconds} s…',
  },
  fr: {
    disconnected: 'Déconnecté de Passerelle. Nouvelle tentative dans {seconds} s environ…',
  },
});
