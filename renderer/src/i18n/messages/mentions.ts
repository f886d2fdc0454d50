import { defineMessages } from '../define';

// The @mention suggestions under the composer's body.
export default defineMessages({
  en: {
    listLabel: 'People to mention',
    hint: '↑ ↓ to choose, Enter or Tab to insert, Esc to close',
    noHandle: 'credited by name',
  },
  fr: {
    listLabel: 'Personnes à mentionner',
    hint: '↑ ↓ pour choisir, Entrée ou Tab pour insérer, Échap pour fermer',
    noHandle: 'cité par son nom',
  },
});
