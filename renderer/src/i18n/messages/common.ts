import { defineMessages } from '../define';

// Words used across the whole window: buttons, states, and the one-word labels of actions.
export default defineMessages({
  en: {
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    undo: 'Undo',
    retry: 'Retry',
    loading: 'Loading…',
  },
  fr: {
    cancel: 'Annuler',
    close: 'Fermer',
    save: 'Enregistrer',
    undo: 'Annuler l’action',
    retry: 'Réessayer',
    loading: 'Chargement…',
  },
});
