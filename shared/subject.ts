// Subject normalisation for threading and for post titles: strips the reply and forward
// prefixes mail clients add in many languages, mailing-list tags and "(fwd)" trailers,
// so "RE : [fedora] AW: Re[2]: Plan" and "Plan" fall into the same thread. Pure code:
// shared by the core (threading) and other features (post titles).

// Reply/forward markers, most from RFC 5256 §2.1 and the localised forms clients send:
// English Re/Fwd/Fw, French TR/RE/Réf/Enc, German AW/WG/Antw, Nordic SV/VS/VB/VL,
// Dutch Antw/Doorst, Spanish/Portuguese RV/Res/Enc, Italian R/Rif/I, Polish Odp/PD,
// Turkish YNT/İLT, Greek ΑΠ/ΣΧΕΤ/ΠΡΘ, Chinese 回复/答复/转发, Hebrew השב.
const MARKERS = [
  're',
  'fwd',
  'fw',
  'tr',
  'aw',
  'wg',
  'sv',
  'vs',
  'vb',
  'vl',
  'antw',
  'doorst',
  'rv',
  'res',
  'enc',
  'rif',
  'r',
  'i',
  'odp',
  'pd',
  'ref',
  'réf',
  'ynt',
  'ilt',
  'İlt',
  'απ',
  'σχετ',
  'πρθ',
  'השב',
  '回复',
  '答复',
  '转发',
  '回覆',
  '轉寄',
];

// A marker, an optional counter ("Re[2]", "Re(2)", "Re^2"), optional spaces (French
// typography puts one before the colon) and an ASCII or full-width colon.
const PREFIX = new RegExp(
  `^(?:${MARKERS.join('|')})\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]\\s*`,
  'iu',
);
// A list tag such as "[fedora-devel]" at the start; only short tags, so a subject that is
// entirely bracketed ("[URGENT] budget approved by the board of directors") keeps its text.
const LIST_TAG = /^\[[^\]\n]{1,40}\]\s*/u;
// RFC 5256 trailers and wrappers: "(fwd)" at the end, "[Fwd: subject]" around it.
const FWD_TRAILER = /\s*\((?:fwd|fw)\)\s*$/iu;
const FWD_WRAPPER = /^\[(?:fwd|fw):\s*(.*)\]$/iu;

export interface NormalisedSubject {
  /** The subject without prefixes, tags and trailers, whitespace collapsed. */
  base: string;
  /** True when a reply or forward marker was removed: the message answers something. */
  isReply: boolean;
}

export function normaliseSubject(subject: string | null | undefined): NormalisedSubject {
  let text = (subject ?? '').replace(/\s+/gu, ' ').trim();
  let isReply = false;
  // Nested forms ("Re: [list] Fwd: Re: x") need several passes; the bound stops a
  // pathological subject from looping long.
  for (let pass = 0; pass < 50; pass++) {
    const before = text;
    const wrapped = FWD_WRAPPER.exec(text);
    if (wrapped) {
      text = wrapped[1]!.trim();
      isReply = true;
    }
    if (FWD_TRAILER.test(text)) {
      text = text.replace(FWD_TRAILER, '');
      isReply = true;
    }
    const prefix = PREFIX.exec(text);
    if (prefix && prefix[0].length < text.length) {
      text = text.slice(prefix[0].length);
      isReply = true;
    }
    const tag = LIST_TAG.exec(text);
    if (tag && tag[0].length < text.length) text = text.slice(tag[0].length);
    if (text === before) break;
  }
  return { base: text.trim(), isReply };
}

/** The key threads are grouped under: the base subject, case-folded. '' means "no subject". */
export function subjectKey(subject: string | null | undefined): string {
  return normaliseSubject(subject).base.toLocaleLowerCase('und');
}
