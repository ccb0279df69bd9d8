import { en } from './en.ts';
import { oz } from './oz.ts';
import { ru } from './ru.ts';
import { type Messages, uz } from './uz.ts';

export type { MessageKey, Messages } from './uz.ts';

/** The catalogue by interface language. */
export const messages = { uz, oz, ru, en } satisfies Record<string, Messages>;
