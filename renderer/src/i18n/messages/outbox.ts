import { defineMessages } from '../define';

// The outbox: messages waiting to leave (scheduled, retrying) or that could not be sent.
export default defineMessages({
  en: {
    title: 'Outbox',
    open: 'Outbox ({n})',
    empty: 'Nothing waiting to be sent.',
    scheduled: 'Leaves {time}',
    sending: 'Sending…',
    retrying: 'Trying again {time}: {error}',
    failed: 'Not sent: {error}',
    edit: 'Cancel and edit',
    retry: 'Try again',
    close: 'Close',
  },
  fr: {
    title: 'Boîte d’envoi',
    open: 'Boîte d’envoi ({n})',
    empty: 'Rien en attente d’envoi.',
    scheduled: 'Part le {time}',
    sending: 'Envoi en cours…',
    retrying: 'Nouvel essai le {time} : {error}',
    failed: 'Non envoyé : {error}',
    edit: 'Annuler et modifier',
    retry: 'Réessayer',
    close: 'Fermer',
  },
});
