// Each area of the UI keeps its strings in its own module (messages/<area>.ts) with the
// English text as the schema: the French table must have exactly the same keys, which
// the type below checks at compile time, so a string can't be added in one language only.

/** The same nested keys as `T`, every leaf a string. */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};

export interface AreaMessages<T> {
  en: T;
  fr: Translation<T>;
}

export function defineMessages<const T extends Record<string, unknown>>(
  messages: AreaMessages<T>,
): AreaMessages<T> {
  return messages;
}
