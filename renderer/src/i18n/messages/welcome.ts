import { defineMessages } from '../define';

// The first-run screen, before any account exists.
export default defineMessages({
  en: {
    title: 'Welcome to Passerelle',
    lead: "Your mail and your team's network in one timeline, on this computer. Start by adding the mail account you read every day, or your team's network.",
    addMail: 'Add mail account',
    addNetwork: 'Add a network',
    networks: 'WordPress, Mattermost, Zulip, Discourse, Mastodon, or any RSS or Atom feed.',
  },
  fr: {
    title: 'Bienvenue dans Passerelle',
    lead: 'Vos e-mails et le réseau de votre équipe réunis dans un seul fil, sur cet ordinateur. Commencez par ajouter le compte de messagerie que vous consultez chaque jour, ou le réseau de votre équipe.',
    addMail: 'Ajouter un compte de messagerie',
    addNetwork: 'Ajouter un réseau',
    networks: 'WordPress, Mattermost, Zulip, Discourse, Mastodon, ou tout flux RSS ou Atom.',
  },
});
