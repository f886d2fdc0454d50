// The rich body's schema and behaviour, shared by ComposerEditor and its adapter's spec so
// the spec exercises the editor users get (the link mark's settings decide whether text
// typed after a link joins it).
import type { AnyExtension } from '@tiptap/vue-3';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';

export function composerExtensions(placeholder: () => string): AnyExtension[] {
  return [
    StarterKit.configure({
      code: false,
      codeBlock: false,
      horizontalRule: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['mailto'],
        HTMLAttributes: { target: null, rel: null },
      },
    }),
    // Shown on the empty first paragraph through a data attribute (CSS in ComposerEditor);
    // a function, so a language or mode change shows the new text.
    Placeholder.configure({ placeholder }),
  ];
}
