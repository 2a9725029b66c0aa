// The parameters a static or an entry is written with, shared by the actions that write them.
import Type from 'typebox'
import { Optional, Str } from '../../protocol/params.ts'

/** Long enough for a list of tunnels or DHCP options; names as other features' (255). */
export const MAX_VAL_LENGTH = 1024
export const MAX_NAME_LENGTH = 255
/** Statics or entries one request may add. */
export const MAX_PER_REQUEST = 100

const val = () => Optional(Str({ maxLength: MAX_VAL_LENGTH }))

/** val1–val9, each optional ('' and whitespace only mean empty). */
export const VAL_PARAMS = {
  val1: val(),
  val2: val(),
  val3: val(),
  val4: val(),
  val5: val(),
  val6: val(),
  val7: val(),
  val8: val(),
  val9: val(),
}

export const NameParam = () => Optional(Str({ maxLength: MAX_NAME_LENGTH }))

/** An entry's fields: its name, val1 and val2. */
export const ENTRY_PARAMS = {
  router_static_entry_name: NameParam(),
  val1: val(),
  val2: val(),
}

export const EntryParams = () => Type.Object(ENTRY_PARAMS)
