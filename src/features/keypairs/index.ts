// Key pairs (reference 3.5). Limitations: `target_user` (CreateKeyPair) is ignored, since the key
// goes to whichever user the image logs in as; imported keys must be of an offered type (ssh-rsa of
// at least 1024 bits, ssh-dss, ecdsa-sha2-nistp521, ssh-ed25519), so ECDSA P-256/P-384 keys are
// refused; `resource_ids` is always empty; a description cannot be cleared (empty means "not
// given").
// CreateKeyPair checks parameters, zone and quota (a lock-free pre-check; handle decides under the
// quota lock) before generating, so a refused caller costs no key generation; keys are generated in
// libuv's thread pool, at most two at once (ssh-keys.ts), never on the event loop.
import type { Action } from '../../protocol/action.ts'
import { attachKeyPairs } from './actions/attach-key-pairs.ts'
import { createKeyPair } from './actions/create-key-pair.ts'
import { deleteKeyPairs } from './actions/delete-key-pairs.ts'
import { describeKeyPairs } from './actions/describe-key-pairs.ts'
import { detachKeyPairs } from './actions/detach-key-pairs.ts'
import { modifyKeyPairAttributes } from './actions/modify-key-pair-attributes.ts'

export const keyPairActions: Action[] = [createKeyPair, describeKeyPairs, attachKeyPairs, detachKeyPairs, deleteKeyPairs, modifyKeyPairAttributes]
