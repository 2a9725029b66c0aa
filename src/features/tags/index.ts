// Tags (reference 3.10). Tags belong to a user, not a zone: the actions ignore `zone`, and one tag
// labels resources in every zone. Limitations: only the resource types QingLocal has can be tagged
// (instance, volume, image, keypair; the rest answer 1100 until they exist); tag names are accepted
// up to 64 characters; resource_tag_pairs carry no `status`; a description cannot be cleared
// (empty means "not given"); DetachTags on a pair that is not bound succeeds.
import { attachTags } from './actions/attach-tags.ts'
import { createTag } from './actions/create-tag.ts'
import { deleteTags } from './actions/delete-tags.ts'
import { describeTags } from './actions/describe-tags.ts'
import { detachTags } from './actions/detach-tags.ts'
import { modifyTagAttributes } from './actions/modify-tag-attributes.ts'

export const tagActions = [createTag, describeTags, attachTags, detachTags, deleteTags, modifyTagAttributes]
