import { defineMessages } from '../define';

// One account's settings dialog (name, password, sync, notifications, spaces), and what
// the window says about an account's problems: connection tests and sync states
// (util/account-problem.ts). Network names (WordPress, Zulip…) are not translated.
export default defineMessages({
  en: {
    networks: {
      imap: 'Mail (IMAP)',
      feed: 'Feed (RSS, Atom)',
    },
    dialog: {
      mailbox: '{user} on {host}',
      lastSynced: 'Last synced {time}',
      name: 'Name',
      rename: 'Rename',
      renaming: 'Saving…',
      renamed: 'Renamed.',
      passwordImap: 'Password',
      passwordWordpress: 'Application password',
      passwordToken: 'Token',
      passwordHintImap: 'Change it here when it changed on the server.',
      passwordHintToken: 'Paste the new one when the old one was revoked or expired.',
      changePassword: 'Change…',
      newPassword: 'New password or token',
      savePassword: 'Save and reconnect',
      checkingPassword: 'Checking with the server…',
      passwordSaved: 'Saved. Syncing again with the new one.',
      sync: 'Sync',
      syncPaused: 'Nothing is fetched while paused.',
      syncRunning: 'New items arrive as they come.',
      resume: 'Resume syncing',
      pause: 'Pause syncing',
      notifyLegend: 'Notify me of',
      notifyAll: 'Everything new',
      notifyMentions: 'Mentions of me',
      notifyNone: 'Nothing',
      spaces: 'Spaces',
      followed: '{n} followed',
      chooseSpaces: 'Choose spaces…',
      identity: 'Name and signature',
      editIdentity: 'Edit…',
      folders: 'Folders',
      chooseFolders: 'Choose folders…',
      remove: 'Remove account…',
      done: 'Done',
      back: 'Back',
    },
    identity: {
      intro: 'How your messages from this account are signed.',
      name: 'Your name',
      namePlaceholder: 'Ada Lovelace',
      nameHint:
        'Shown beside your address in From. Left empty: the name given when the account was added, if any.',
      signature: 'Signature',
      signatureHint:
        'Put under “-- ” in new messages, replies and forwards; changing the From swaps it.',
      save: 'Save',
      saved: 'Saved',
    },
    folders: {
      intro: 'Synced folders are in the timeline and search.',
      count: '{synced} of {total} synced | {synced} of {total} synced',
      list: 'Folders',
      default: 'default',
      none: 'No folders yet: they are listed after the first sync.',
      window: 'Fetch new mail from',
      everything: 'Every message',
      lastDays: 'The last day | The last {n} days',
    },
    problem: {
      authTitleMail: 'The mail server refused these credentials.',
      authTitleSite: 'The site refused these credentials.',
      tlsTitle: 'The secure connection failed.',
      tlsFix: 'Check the port and security setting, and that the server’s certificate is valid.',
      reachTitleMail: 'Could not reach the mail server.',
      reachTitleSite: 'Could not reach the site.',
      reachFix:
        'Check the address (with https://) and that this computer can reach it; some sites are only reachable through a VPN.',
      forbiddenTitle: 'Signed in, but this user is not allowed to do that.',
      forbiddenFix: 'Ask an administrator for access, or use another account.',
      rateTitleMail: 'The mail server is limiting requests.',
      rateTitleSite: 'The site is limiting requests.',
      rateFix: 'Wait a minute, then try again.',
      serverTitleMail: 'The mail server answered with an error.',
      serverTitleSite: 'The site answered with an error.',
      serverFix:
        'Try again later; if it persists, the site’s administrator will find the cause in its logs.',
      noFeed: 'No feed at this address.',
      noFeedFix: 'Give the address of the feed itself, or of a page that links to one.',
      notNetwork: 'This address does not look like a {network} site.',
      notNetworkFix: 'Check the address: use the site’s home page, without a path.',
      invalid: 'Some fields are not valid.',
      conflict: 'That name is already taken.',
      conflictFix: 'Choose another account name.',
      storageTitle: 'Passerelle could not write to its disk.',
      storageFix: 'Free some space on the disk that holds your profile, then try again.',
      generic: 'Could not add the account.',
    },
    credentialFix: {
      imap: 'Check the user name and password; some providers want an app password instead of your usual one.',
      wordpress:
        'Check the user name and the application password (not your login password). WordPress: Users → Profile → Application Passwords.',
      mattermost:
        'Check the personal access token. Mattermost: Profile → Security → Personal Access Tokens (an administrator may have to allow them).',
      zulip:
        'Check the email and the API key. Zulip: Personal settings → Account & privacy → API key.',
      discourse:
        'Check the API key, and for an admin key the user name it acts as. Discourse: Admin → API → Keys.',
      mastodon:
        'Check the access token. Mastodon: Preferences → Development → New application, with read and write scopes.',
      feed: 'Check the user name and password, or the token, that this feed asks for.',
    },
    // What a 403 means on each network: which role, scope or setting is missing.
    permissionFix: {
      imap: 'Ask the mail administrator to give this user access to that folder.',
      wordpress:
        'This WordPress user’s role is too low: reading needs at least Subscriber, posting needs Author or above (Users → All Users → Role).',
      mattermost:
        'Ask a Mattermost administrator to add this user to the team and channel, and to let them post there.',
      zulip:
        'Subscribe this Zulip user to the stream, or ask an administrator: some streams only let certain roles post.',
      discourse:
        'The Discourse key lacks a scope or the user’s trust level is too low: give the key read and write scopes (Admin → API → Keys), or use an admin key.',
      mastodon:
        'The Mastodon token lacks a scope: create a new application with read and write scopes (Preferences → Development).',
      feed: 'Feeds are read-only: Passerelle can read them but not post to them.',
    },
    status: {
      idle: 'Idle',
      syncing: 'Syncing…',
      online: 'Up to date',
      offline: 'Offline',
      authFailed: 'Sign-in failed',
      error: 'Error',
      withMessage: '{label}: {message}',
      paused: 'Paused',
      pausedFix: 'Not syncing until you resume it.',
      authFailedFix:
        'If the password or token changed, change it in this account’s settings (Password → Change…).',
      offlineFix: 'Passerelle keeps retrying; check your network or VPN.',
      storageFix: 'Free some space on the disk that holds your profile; nothing else is needed.',
    },
  },
  fr: {
    networks: {
      imap: 'Messagerie (IMAP)',
      feed: 'Flux (RSS, Atom)',
    },
    dialog: {
      mailbox: '{user} sur {host}',
      lastSynced: 'Dernière synchronisation {time}',
      name: 'Nom',
      rename: 'Renommer',
      renaming: 'Enregistrement…',
      renamed: 'Renommé.',
      passwordImap: 'Mot de passe',
      passwordWordpress: 'Mot de passe d’application',
      passwordToken: 'Jeton',
      passwordHintImap: 'Changez-le ici s’il a changé sur le serveur.',
      passwordHintToken: 'Collez le nouveau si l’ancien a été révoqué ou a expiré.',
      changePassword: 'Changer…',
      newPassword: 'Nouveau mot de passe ou jeton',
      savePassword: 'Enregistrer et se reconnecter',
      checkingPassword: 'Vérification auprès du serveur…',
      passwordSaved: 'Enregistré. La synchronisation reprend avec le nouveau.',
      sync: 'Synchronisation',
      syncPaused: 'Rien n’est récupéré pendant la pause.',
      syncRunning: 'Les nouveautés arrivent au fil de l’eau.',
      resume: 'Reprendre la synchronisation',
      pause: 'Suspendre la synchronisation',
      notifyLegend: 'Me notifier de',
      notifyAll: 'Toutes les nouveautés',
      notifyMentions: 'Mes mentions',
      notifyNone: 'Rien',
      spaces: 'Espaces',
      followed: '{n} suivi | {n} suivis',
      chooseSpaces: 'Choisir les espaces…',
      identity: 'Nom et signature',
      editIdentity: 'Modifier…',
      folders: 'Dossiers',
      chooseFolders: 'Choisir les dossiers…',
      remove: 'Retirer le compte…',
      done: 'Terminé',
      back: 'Retour',
    },
    identity: {
      intro: 'Comment vos messages de ce compte sont signés.',
      name: 'Votre nom',
      namePlaceholder: 'Ada Lovelace',
      nameHint:
        'Affiché à côté de votre adresse dans De. Vide : le nom donné à l’ajout du compte, s’il y en a un.',
      signature: 'Signature',
      signatureHint:
        'Placée sous « -- » dans les nouveaux messages, les réponses et les transferts ; changer d’expéditeur la remplace.',
      save: 'Enregistrer',
      saved: 'Enregistré',
    },
    folders: {
      intro: 'Les dossiers synchronisés sont dans le fil et la recherche.',
      count: '{synced} sur {total} synchronisé | {synced} sur {total} synchronisés',
      list: 'Dossiers',
      default: 'par défaut',
      none: 'Pas encore de dossiers : ils sont listés après la première synchronisation.',
      window: 'Récupérer le courrier',
      everything: 'Tous les messages',
      lastDays: 'Du dernier jour | Des {n} derniers jours',
    },
    problem: {
      authTitleMail: 'Le serveur de messagerie a refusé ces identifiants.',
      authTitleSite: 'Le site a refusé ces identifiants.',
      tlsTitle: 'La connexion sécurisée a échoué.',
      tlsFix:
        'Vérifiez le port et le réglage de sécurité, et que le certificat du serveur est valide.',
      reachTitleMail: 'Impossible de joindre le serveur de messagerie.',
      reachTitleSite: 'Impossible de joindre le site.',
      reachFix:
        'Vérifiez l’adresse (avec https://) et que cet ordinateur peut la joindre ; certains sites ne sont accessibles que par un VPN.',
      forbiddenTitle: 'Connecté, mais cet utilisateur n’a pas le droit de faire cela.',
      forbiddenFix: 'Demandez l’accès à un administrateur, ou utilisez un autre compte.',
      rateTitleMail: 'Le serveur de messagerie limite les requêtes.',
      rateTitleSite: 'Le site limite les requêtes.',
      rateFix: 'Attendez une minute, puis réessayez.',
      serverTitleMail: 'Le serveur de messagerie a répondu par une erreur.',
      serverTitleSite: 'Le site a répondu par une erreur.',
      serverFix:
        'Réessayez plus tard ; si cela persiste, l’administrateur du site en trouvera la cause dans ses journaux.',
      noFeed: 'Aucun flux à cette adresse.',
      noFeedFix: 'Donnez l’adresse du flux lui-même, ou d’une page qui y renvoie.',
      notNetwork: 'Cette adresse ne ressemble pas à un site {network}.',
      notNetworkFix: 'Vérifiez l’adresse : utilisez la page d’accueil du site, sans chemin.',
      invalid: 'Certains champs ne sont pas valides.',
      conflict: 'Ce nom est déjà pris.',
      conflictFix: 'Choisissez un autre nom de compte.',
      storageTitle: 'Passerelle n’a pas pu écrire sur son disque.',
      storageFix: 'Libérez de la place sur le disque qui contient votre profil, puis réessayez.',
      generic: 'Impossible d’ajouter le compte.',
    },
    credentialFix: {
      imap: 'Vérifiez le nom d’utilisateur et le mot de passe ; certains fournisseurs demandent un mot de passe d’application plutôt que le vôtre.',
      wordpress:
        'Vérifiez le nom d’utilisateur et le mot de passe d’application (pas votre mot de passe de connexion). WordPress : Utilisateurs → Profil → Mots de passe d’application.',
      mattermost:
        'Vérifiez le jeton d’accès personnel. Mattermost : Profil → Sécurité → Jetons d’accès personnels (un administrateur doit parfois les autoriser).',
      zulip:
        'Vérifiez l’adresse e-mail et la clé d’API. Zulip : Paramètres personnels → Compte et confidentialité → Clé d’API.',
      discourse:
        'Vérifiez la clé d’API et, pour une clé d’administration, le nom d’utilisateur qu’elle représente. Discourse : Admin → API → Clés.',
      mastodon:
        'Vérifiez le jeton d’accès. Mastodon : Préférences → Développement → Nouvelle application, avec les portées read et write.',
      feed: 'Vérifiez le nom d’utilisateur et le mot de passe, ou le jeton, que ce flux demande.',
    },
    permissionFix: {
      imap: 'Demandez à l’administrateur de la messagerie de donner à cet utilisateur l’accès à ce dossier.',
      wordpress:
        'Le rôle de cet utilisateur WordPress est insuffisant : lire demande au moins Abonné, publier demande Auteur ou plus (Utilisateurs → Tous les utilisateurs → Rôle).',
      mattermost:
        'Demandez à un administrateur Mattermost d’ajouter cet utilisateur à l’équipe et au canal, et de l’autoriser à y publier.',
      zulip:
        'Abonnez cet utilisateur Zulip au canal, ou demandez à un administrateur : certains canaux ne laissent publier que certains rôles.',
      discourse:
        'La clé Discourse n’a pas la portée nécessaire ou le niveau de confiance de l’utilisateur est trop bas : donnez-lui les portées lecture et écriture (Admin → API → Clés), ou utilisez une clé d’administration.',
      mastodon:
        'Le jeton Mastodon n’a pas la portée nécessaire : créez une nouvelle application avec les portées read et write (Préférences → Développement).',
      feed: 'Les flux sont en lecture seule : Passerelle peut les lire mais pas y publier.',
    },
    status: {
      idle: 'Inactif',
      syncing: 'Synchronisation…',
      online: 'À jour',
      offline: 'Hors ligne',
      authFailed: 'Échec de la connexion',
      error: 'Erreur',
      withMessage: '{label} : {message}',
      paused: 'En pause',
      pausedFix: 'Aucune synchronisation jusqu’à sa reprise.',
      authFailedFix:
        'Si le mot de passe ou le jeton a changé, changez-le dans les paramètres de ce compte (Mot de passe → Changer…).',
      offlineFix: 'Passerelle réessaie sans cesse ; vérifiez votre réseau ou votre VPN.',
      storageFix:
        'Libérez de la place sur le disque qui contient votre profil ; rien d’autre n’est nécessaire.',
    },
  },
});
