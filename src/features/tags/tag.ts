// What a tag's fields may hold.
import { Str } from '../../protocol/params.ts'

/** The console's default grey-violet. */
export const DEFAULT_COLOR = '#9f9bb7'

/** `#rrggbb`, as the console's colour picker writes it. */
export const COLOR = Str({ pattern: '^#[0-9a-fA-F]{6}$' })

/** The reference mentions names under 15 characters; longer ones are accepted, up to 64. */
export const TAG_NAME = Str({ maxLength: 64 })
